// bench: sources (it drains the worker reserve through package internals)
/**
 * @graft/sandbox benchmarks. Each line is a median, printed next to the same work done with bare
 * quickjs-emscripten primitives in this process (no worker, no limits, no prelude, no glue), as a
 * ratio:
 * - cold run: createSandbox + one trivial run + dispose, vs new WASM module + context + eval;
 * - a new sandbox after the first (workers from the process reserve): createSandbox until ready,
 *   vs a fresh context (target ≤ 10 ms);
 * - warm trivial run on a pooled worker, back to back and after a 2 ms idle pause (target ≤ 0.5 ms),
 *   vs fresh context + eval + call;
 * - a module making 10 host calls (ctx.log) (target ≤ 1 ms), vs 10 calls to a bare host function;
 * - a module awaiting 10 host functions (ctx.functions), vs 10 awaited bare host promises (target ≤ 2×);
 * - a module starting 10 host functions at once (Promise.all: one batch each way), vs 10 bare host promises;
 * - 1,000 ctx.fetch calls answered from fixtures (runTests), vs 1,000 bare host promises;
 * - the guest prelude's cost alone: fresh context with vs without the prelude.
 */
import variant from '@jitl/quickjs-wasmfile-release-sync';
import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
import { bareRun } from './quickjs-bare.js';
import { createSandbox, GUEST_GLOBALS } from '@graft/sandbox';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function measure(runs: number, fn: () => Promise<unknown> | unknown, warmup = Math.min(runs, 20)): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** Like {@link measure}, but awaits `before()` (untimed) ahead of every call. */
async function measureAfter(runs: number, before: () => Promise<void>, fn: () => Promise<unknown>, warmup: number): Promise<number> {
  for (let i = 0; i < warmup; i++) {
    await before();
    await fn();
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await before();
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);
function row(label: string, ms: number, baseline: number, target?: number) {
  const t = target !== undefined ? `  target ≤ ${target} ms: ${ms <= target ? 'OK' : 'MISSED'}` : '';
  console.log(`${label.padEnd(50)} median ${fmt(ms).padStart(9)}  bare ${fmt(baseline).padStart(9)}  ratio ${(ms / baseline).toFixed(1)}×${t}`);
}

const TRIVIAL = 'export default (x) => x + 1';
const TEN_LOGS = 'export default (x, ctx) => { for (let i = 0; i < 10; i++) ctx.log(i); return x }';
const TEN_BARE = 'export default (x) => { for (let i = 0; i < 10; i++) host(i); return x }';
const FETCHES = `export default async (x, ctx) => { let n = 0; for (let i = 0; i < 1000; i++) { const r = await ctx.fetch('https://api.example.com/item'); n += (await r.json()).v } return n }`;
const BARE_FETCHES = `export default async () => { let n = 0; for (let i = 0; i < 1000; i++) { const r = await host('https://api.example.com/item'); n += JSON.parse(r).v } return n }`;

const bare = await newQuickJSWASMModuleFromVariant(variant);
console.log(
  `guest globals: ${GUEST_GLOBALS.length}; load average: ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);

// Cold run.
const { drainReserve } = await import('../packages/sandbox/src/pool/reserve.js');
const cold = await measure(
  8,
  async () => {
    await drainReserve(); // truly cold: no idle worker of an earlier sandbox to take
    const sandbox = await createSandbox();
    await sandbox.run(TRIVIAL, { input: 1 });
    await sandbox.dispose();
  },
  2,
);
const coldBare = await measure(
  8,
  async () => {
    const module = await newQuickJSWASMModuleFromVariant(variant);
    bareRun(module, TRIVIAL, 'none');
  },
  2,
);
row('cold: create + trivial run + dispose', cold, coldBare);

// A new sandbox after the first: its workers come from the reserve the disposed one left.
{
  const first = await createSandbox();
  await first.dispose();
  const readyTimes: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    const next = await createSandbox();
    readyTimes.push(performance.now() - t);
    await next.run(TRIVIAL, { input: 1 });
    await next.dispose();
  }
  const fresh = await measure(20, () => bare.newContext().dispose(), 5);
  row('new sandbox after the first: createSandbox ready', median(readyTimes), fresh, 10);
}

const sandbox = await createSandbox();

// Warm trivial run.
const warm = await measure(500, () => sandbox.run(TRIVIAL, { input: 1 }), 200);
const warmBare = await measure(500, () => bareRun(bare, TRIVIAL, 'none'), 200);
row('warm trivial run, back to back', warm, warmBare);
// The usual case: runs separated by other work (a model turn, a request). The worker prepares
// the next fresh context while idle; the pause is not timed.
const idle = () => new Promise<void>((resolve) => setTimeout(resolve, 2));
const warmIdle = await measureAfter(300, idle, () => sandbox.run(TRIVIAL, { input: 1 }), 50);
row('warm trivial run after 2 ms idle (pooled worker)', warmIdle, warmBare, 0.5);
// The baseline: bare QuickJS evaluating the module in one long-lived context (no fresh
// context per run, so no isolation between runs). Target: the warm run ≤ 4× this.
const reused = bare.newContext();
const reusedBare = await measure(
  500,
  () => {
    const ns = reused.unwrapResult(reused.evalCode(TRIVIAL, 'm.js', { type: 'module' }));
    const fn = reused.getProp(ns, 'default');
    const input = reused.newNumber(1);
    const out = reused.unwrapResult(reused.callFunction(fn, reused.undefined, input));
    const v = reused.getNumber(out);
    for (const h of [out, input, fn, ns]) h.dispose();
    return v;
  },
  200,
);
reused.dispose();
row('warm trivial run after 2 ms idle vs one reused context', warmIdle, reusedBare);
row('warm trivial run, back to back vs one reused context', warm, reusedBare);

// 10 host calls.
const ten = await measure(500, () => sandbox.run(TEN_LOGS, { input: 1, capabilities: { log: true } }), 200);
const tenBare = await measure(500, () => bareRun(bare, TEN_BARE, 'sync'), 200);
row('module making 10 host calls (ctx.log), back to back', ten, tenBare, 1);
const tenIdle = await measureAfter(300, idle, () => sandbox.run(TEN_LOGS, { input: 1, capabilities: { log: true } }), 50);
row('module making 10 host calls after 2 ms idle', tenIdle, tenBare, 1);

// 10 awaited host functions (ctx.functions): each call crosses to the main thread and back.
const TEN_AWAITS = 'export default async (x, ctx) => { let s = 0; for (let i = 0; i < 10; i++) s += await ctx.functions.inc(i); return s }';
const TEN_AWAITS_BARE = 'export default async (x) => { let s = 0; for (let i = 0; i < 10; i++) s += JSON.parse(await host(i)).v; return s }';
const functions = { inc: (n: unknown) => (n as number) + 1 };
const awaits = await measure(300, () => sandbox.run(TEN_AWAITS, { input: 1, capabilities: { functions } }), 100);
const awaitsBare = await measure(300, () => bareRun(bare, TEN_AWAITS_BARE, 'promise'), 100);
row('10 awaited host functions (ctx.functions), back to back', awaits, awaitsBare);
const awaitsIdle = await measureAfter(300, idle, () => sandbox.run(TEN_AWAITS, { input: 1, capabilities: { functions } }), 50);
row('10 awaited host functions after 2 ms idle', awaitsIdle, awaitsBare);
// 10 host functions started together (Promise.all): they cross to the main thread in one batch.
const TEN_PARALLEL = 'export default async (x, ctx) => (await Promise.all(Array.from({ length: 10 }, (_, i) => ctx.functions.inc(i)))).length';
const TEN_PARALLEL_BARE = 'export default async (x) => (await Promise.all(Array.from({ length: 10 }, (_, i) => host(i)))).length';
const parallelBare = await measure(300, () => bareRun(bare, TEN_PARALLEL_BARE, 'promise'), 100);
const parallelIdle = await measureAfter(300, idle, () => sandbox.run(TEN_PARALLEL, { input: 1, capabilities: { functions } }), 50);
row('10 host functions in Promise.all after 2 ms idle', parallelIdle, parallelBare);

// 1,000 fetches from fixtures.
const fixtures = [{ request: { url: 'https://api.example.com/item' }, response: { status: 200, json: { v: 1 } } }];
const thousand = await measure(
  10,
  async () => {
    const report = await sandbox.runTests(FETCHES, [{ name: 'f', entry: 'default', http: fixtures, expect: 1000 }], {
      limits: { fetchCount: 1000, timeMs: 30_000 },
    });
    if (report.passed !== 1) throw new Error(`fixture bench failed: ${JSON.stringify(report.results[0].error)}`);
  },
  2,
);
const thousandBare = await measure(10, () => bareRun(bare, BARE_FETCHES, 'promise'), 2);
row('1,000 ctx.fetch calls from fixtures', thousand, thousandBare);

// The prelude alone, measured in-process with the guest's own installer.
const { installGuestPrelude } = await import('../packages/sandbox/src/guest/index.js');
const rt = bare.newRuntime();
const withPrelude = await measure(
  500,
  () => {
    const c = rt.newContext();
    installGuestPrelude(c);
    c.dispose();
  },
  100,
);
const withoutPrelude = await measure(500, () => rt.newContext().dispose(), 100);
row('fresh context + guest prelude', withPrelude, withoutPrelude);
rt.dispose();

await sandbox.dispose();
