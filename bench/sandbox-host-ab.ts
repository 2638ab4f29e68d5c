/**
 * A/B of two `@graft/sandbox` builds in one process on the host-function row: a module
 * awaiting 10 host functions (`ctx.functions`) after a 2 ms idle pause, against bare QuickJS
 * awaiting 10 bare host promises (the same baseline as `sandbox.bench.ts`). A saved earlier build
 * (`packages/sandbox/ab/dist`, ignored by git) runs against the current one (`packages/sandbox/dist`),
 * interleaved run by run in a shuffled order; prints wall medians, CPU medians (process-wide, so
 * the worker thread's CPU counts) and ratios to bare. Not part of `npm run bench`:
 *
 *   mkdir -p packages/sandbox/ab && cp -r packages/sandbox/dist packages/sandbox/ab/   # before the change
 *   (cd packages/sandbox && npx tsup)                                                # after it
 *   node --import tsx bench/sandbox-host-ab.ts [runs] [awaits|parallel|async]
 */
import variant from '@jitl/quickjs-wasmfile-release-sync';
import { newQuickJSWASMModuleFromVariant, type QuickJSContext, type QuickJSWASMModule } from 'quickjs-emscripten-core';
import * as after from '../packages/sandbox/dist/index.js';
// loaded by a computed path so a clean checkout (which has none) still type-checks
const BEFORE_BUILD = '../packages/sandbox/ab/dist/index.js';
const before = (await import(BEFORE_BUILD)) as typeof after;

const RUNS = Number(process.argv[2] ?? 400);
const MODE = process.argv[3] ?? 'awaits';
const SOURCES: Record<string, [string, string]> = {
  awaits: [
    'export default async (x, ctx) => { let s = 0; for (let i = 0; i < 10; i++) s += await ctx.functions.inc(i); return s }',
    'export default async (x) => { let s = 0; for (let i = 0; i < 10; i++) s += JSON.parse(await host(i)).v; return s }',
  ],
  async: [
    'export default async (x, ctx) => { let s = 0; for (let i = 0; i < 10; i++) s += await ctx.functions.incAsync(i); return s }',
    'export default async (x) => { let s = 0; for (let i = 0; i < 10; i++) s += JSON.parse(await host(i)).v; return s }',
  ],
  parallel: [
    'export default async (x, ctx) => (await Promise.all(Array.from({ length: 10 }, (_, i) => ctx.functions.inc(i)))).length',
    'export default async (x) => (await Promise.all(Array.from({ length: 10 }, (_, i) => host(i)))).length',
  ],
};
const [SOURCE, BARE_SOURCE] = SOURCES[MODE];
const functions = { inc: (n: unknown) => (n as number) + 1, incAsync: async (n: unknown) => (n as number) + 1 };

/** Bare primitives, as in `sandbox.bench.ts`: fresh context, eval, call, drive jobs, read the value. */
function bareRun(module: QuickJSWASMModule): unknown {
  const ctx: QuickJSContext = module.newContext();
  try {
    const fn = ctx.newFunction('host', () => {
      const d = ctx.newPromise();
      const s = ctx.newString('{"v":1}');
      d.resolve(s);
      s.dispose();
      const h = d.handle.dup();
      d.dispose();
      return h;
    });
    ctx.setProp(ctx.global, 'host', fn);
    fn.dispose();
    const ns = ctx.unwrapResult(ctx.evalCode(BARE_SOURCE, 'm.js', { type: 'module' }));
    const entry = ctx.getProp(ns, 'default');
    const input = ctx.newNumber(1);
    const result = ctx.unwrapResult(ctx.callFunction(entry, ctx.undefined, input));
    ctx.runtime.executePendingJobs();
    const state = ctx.getPromiseState(result);
    const value = state.type === 'fulfilled' ? ctx.dump(state.value) : undefined;
    if (state.type === 'fulfilled' && !state.notAPromise) state.value.dispose();
    if (state.type === 'rejected') state.error.dispose();
    for (const h of [result, input, entry, ns]) h.dispose();
    return value;
  } finally {
    ctx.dispose();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const idle = () => new Promise<void>((resolve) => setTimeout(resolve, 2));
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const bare = await newQuickJSWASMModuleFromVariant(variant);
const sandboxes = { before: await before.createSandbox(), after: await after.createSandbox() };
const variants: Record<string, () => Promise<unknown>> = {
  before: () => sandboxes.before.run(SOURCE, { input: 1, capabilities: { functions } }),
  after: () => sandboxes.after.run(SOURCE, { input: 1, capabilities: { functions } }),
  bare: async () => bareRun(bare),
};
for (const [name, fn] of Object.entries(variants)) {
  const r = (await fn()) as { ok?: boolean; value?: unknown; error?: unknown };
  if (name !== 'bare' && !r.ok) throw new Error(`${name}: ${JSON.stringify(r)}`);
}
const wall: Record<string, number[]> = { before: [], after: [], bare: [] };
const cpu: Record<string, number[]> = { before: [], after: [], bare: [] };
const names = Object.keys(variants);
for (let i = 0; i < RUNS + 50; i++) {
  const order = [...names].sort(() => Math.random() - 0.5);
  for (const name of order) {
    await idle();
    const c = cpuMs();
    const t = performance.now();
    await variants[name]();
    const w = performance.now() - t;
    const cp = cpuMs() - c;
    if (i >= 50) {
      wall[name].push(w);
      cpu[name].push(cp);
    }
  }
}
const os = await import('node:os');
console.log(
  `${MODE}: ${RUNS} runs each, load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
const bw = median(wall.bare);
const bc = median(cpu.bare);
for (const name of names) {
  const w = median(wall[name]);
  const c = median(cpu[name]);
  console.log(
    `${name.padEnd(7)} wall ${(w * 1000).toFixed(0).padStart(5)} µs (${(w / bw).toFixed(2)}×)  cpu ${(c * 1000).toFixed(0).padStart(5)} µs (${(c / bc).toFixed(2)}×)`,
  );
}
await sandboxes.before.close();
await sandboxes.after.close();
