/**
 * What execution agreement costs: the scripted Clash Royale build (first draft fails its tests,
 * one repair passes) through `ModuleManager.build` over the providers' HTTP mock server and the
 * real sandbox, with k = 3 candidates (`DEFAULT_CANDIDATES`) vs k = 1. Reports medians of model
 * calls, tokens (the mock's usage: characters / 4), wall ms and CPU ms per build, and k=3 / k=1.
 * Wall figures are noisy on a shared machine; CPU and the call/token counts are the steadier ones.
 */
import { randomBytes } from 'node:crypto';
import { createStore } from '@graft/core';
import { openaiCompatible, UsageMeter } from '@graft/providers';
import { createMockServer, reply } from '@graft/providers/testing';
import { createSandbox } from '@graft/sandbox';
import { DEFAULT_CANDIDATES, ModuleManager } from '@graft/modules';
import { scriptedModuleAuthor } from '@graft/modules/testing';
import { loadClashRoyaleFixtures } from '../examples/shared/clash-royale/load.js';

const RUNS = 7;
const fx = loadClashRoyaleFixtures();

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

interface Sample {
  calls: number;
  tokens: number;
  wallMs: number;
  cpuMs: number;
}

const server = await createMockServer();
const sandbox = await createSandbox();

async function buildOnce(candidates: number): Promise<Sample> {
  server.reset();
  const author = scriptedModuleAuthor({ generate: fx.buggy, repair: fx.fixed });
  server.setScript((req) => author(req) ?? reply.text('not a module request'));
  const meter = new UsageMeter();
  const manager = new ModuleManager({
    store: await createStore(),
    sandbox,
    provider: meter.wrap(openaiCompatible({ baseURL: server.url, apiKey: 'k', model: 'coder', maxRetries: 0 })),
    vault: { key: randomBytes(32) },
    limits: { candidates },
  });
  const cpu = process.cpuUsage();
  const t = performance.now();
  const outcome = await manager.build({ request: 'Build a Clash Royale stats module' });
  const wallMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  if (!outcome.passed) throw new Error(`the scripted build did not pass with k = ${candidates}`);
  await manager.close();
  return { calls: meter.total.calls, tokens: meter.total.totalTokens, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

async function measure(candidates: number): Promise<Sample> {
  await buildOnce(candidates); // warm-up
  const samples: Sample[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(await buildOnce(candidates));
  return {
    calls: median(samples.map((s) => s.calls)),
    tokens: median(samples.map((s) => s.tokens)),
    wallMs: median(samples.map((s) => s.wallMs)),
    cpuMs: median(samples.map((s) => s.cpuMs)),
  };
}

const one = await measure(1);
const k = await measure(DEFAULT_CANDIDATES);
const line = (label: string, s: Sample) =>
  console.log(
    `${label.padEnd(34)} calls ${String(s.calls).padStart(3)}  tokens ${String(s.tokens).padStart(7)}  wall ${s.wallMs.toFixed(0).padStart(6)} ms  cpu ${s.cpuMs.toFixed(0).padStart(6)} ms`,
  );
console.log(`scripted build (1 failing draft, 1 repair), medians of ${RUNS} runs:`);
line('k = 1', one);
line(`k = ${DEFAULT_CANDIDATES} (DEFAULT_CANDIDATES)`, k);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
console.log(
  `ratio k=${DEFAULT_CANDIDATES} / k=1: calls ${ratio(k.calls, one.calls)}, tokens ${ratio(k.tokens, one.tokens)}, wall ${ratio(k.wallMs, one.wallMs)}, cpu ${ratio(k.cpuMs, one.cpuMs)}`,
);

await server.close();
await sandbox.close();
