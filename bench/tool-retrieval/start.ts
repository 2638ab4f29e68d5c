/**
 * Agent start with 1,000 installed modules, as the tool-retrieval bench's start row measures it
 * (new Agent to first answer, LangGraph imported before), in one process: wall and CPU time of
 * the start, and with `--profile FILE` a V8 CPU profile of the start alone (open it in Chrome
 * DevTools or summarise it with `--top`). Run several processes for a median: a first agent is
 * only first once per process.
 *
 *   node --conditions=@graft/source --import tsx bench/tool-retrieval/start.ts [--profile /tmp/start.cpuprofile] [--top]
 */
import { Session } from 'node:inspector/promises';
import type { Profiler } from 'node:inspector';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, createStore } from '@graft/core';
import { ScriptedProvider } from '@graft/core/testing';
import { ModuleManager } from '@graft/modules';
import { installBenchModules } from './install-modules.js';
import type { EvalDataset } from './generate.js';

const here = dirname(fileURLToPath(import.meta.url));
const data = JSON.parse(readFileSync(join(here, 'dataset.json'), 'utf8')) as EvalDataset;
const MODULES = 1_000;
const args = process.argv.slice(2);
const profileFile = args.includes('--profile') ? args[args.indexOf('--profile') + 1] : undefined;

const store = createStore();
await installBenchModules(store, data, MODULES);
const manager = new ModuleManager({ store, vault: { key: randomBytes(32).toString('base64') } });
await manager.ready();
await manager.list();
const source = manager.toolSource();
source.list();
await import('@langchain/langgraph');

const session = profileFile ? new Session() : undefined;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
}
const provider = new ScriptedProvider(['hello']);
const cpu = process.cpuUsage();
const t = performance.now();
await new Agent({ provider, toolSources: [source] }).run('What is the weather forecast in Paris?');
const startMs = performance.now() - t;
const used = process.cpuUsage(cpu);
if (session && profileFile) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(profileFile, JSON.stringify(profile));
  if (args.includes('--top')) printTop(profile);
}
const cpu2 = process.cpuUsage();
const t2 = performance.now();
await new Agent({ provider: new ScriptedProvider(['hello']), toolSources: [source] }).run('What is the weather forecast in Paris?');
const warmMs = performance.now() - t2;
const used2 = process.cpuUsage(cpu2);
await manager.dispose();
console.log(
  JSON.stringify({
    startMs,
    startCpuMs: (used.user + used.system) / 1000,
    warmMs,
    warmCpuMs: (used2.user + used2.system) / 1000,
    sent: provider.requests[0].tools?.length,
  }),
);

/** Self time per function (top 25) and inclusive time of the retrieval's functions. */
function printTop(profile: Profiler.Profile): void {
  const self = new Map<number, number>();
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0)));
  const byName = new Map<string, number>();
  for (const n of profile.nodes) {
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
    byName.set(key, (byName.get(key) ?? 0) + (self.get(n.id) ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.error(`profile: ${(total / 1000).toFixed(1)} ms sampled`);
  for (const [k, v] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.error(`${(v / 1000).toFixed(1).padStart(7)} ms  ${k}`);
  // inclusive time
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const incl = new Map<string, number>();
  for (const [id, t] of self) {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = nodes.get(cur)!;
      const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-1)[0]}:${n.callFrame.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      incl.set(key, (incl.get(key) ?? 0) + t);
    }
  }
  console.error('inclusive:');
  for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.error(`${(v / 1000).toFixed(1).padStart(7)} ms  ${k}`);
}
