/**
 * The run scope: it disposes what it owns in reverse order, keeps going when one dispose throws,
 * and — run in-process on a real QuickJS instance — leaves nothing alive after a run that failed
 * in any phase (the QuickJS heap returns to the same allocation count run after run).
 */
import { describe, expect, it } from 'vitest';
import { executeRun, type RunControl } from '../src/worker/engine.js';
import { GuestInstance } from '../src/worker/instance.js';
import type { RunJob } from '../src/worker/protocol.js';
import { Scope } from '../src/worker/scope.js';
import { quickjsWasmModule } from '../src/pool/wasm.js';
import { DEFAULT_LIMITS } from '../src/limits.js';

class Tracked {
  alive = true;
  constructor(
    private readonly name: string,
    private readonly order: string[],
    private readonly fails = false,
  ) {}
  dispose(): void {
    this.order.push(this.name);
    this.alive = false;
    if (this.fails) throw new Error(`${this.name} failed`);
  }
}

describe('Scope', () => {
  it('disposes in reverse order, once, skipping values already disposed', () => {
    const order: string[] = [];
    const scope = new Scope();
    const a = scope.manage(new Tracked('a', order));
    scope.manage(new Tracked('b', order));
    const c = scope.manage(new Tracked('c', order));
    c.dispose(); // disposed early by its user
    order.length = 0;
    expect(scope.dispose()).toBe(true);
    expect(order).toEqual(['b', 'a']);
    expect(a.alive).toBe(false);
    expect(scope.dispose()).toBe(true);
    expect(order).toEqual(['b', 'a']);
  });

  it('keeps disposing after a dispose throws, and reports the failure', () => {
    const order: string[] = [];
    const scope = new Scope();
    scope.manage(new Tracked('a', order));
    scope.manage(new Tracked('b', order, true));
    scope.manage(new Tracked('c', order));
    expect(scope.dispose()).toBe(false);
    expect(order).toEqual(['c', 'b', 'a']);
  });

  it('adopts another scope, and disposes at once what it is handed after closing', () => {
    const order: string[] = [];
    const inner = new Scope();
    inner.manage(new Tracked('context', order));
    inner.manage(new Tracked('prelude', order));
    const outer = new Scope();
    outer.adopt(inner);
    outer.manage(new Tracked('run', order));
    expect(inner.size).toBe(0);
    outer.dispose();
    expect(order).toEqual(['run', 'prelude', 'context']);
    const late = outer.manage(new Tracked('late', order));
    expect(late.alive).toBe(false);
  });
});

const job = (source: string, extra: Partial<RunJob> = {}): RunJob => ({
  source,
  entryPath: ['default'],
  inputJson: '{"n":1}',
  limits: { ...DEFAULT_LIMITS, timeMs: 10_000 },
  deadline: Date.now() + 10_000,
  log: true,
  fetch: undefined,
  fixtures: undefined,
  functions: ['never'],
  ...extra,
});

/** A control whose host functions never answer: the run waits on the host until its deadline. */
const hangingHost = (): RunControl => ({
  cancelled: () => false,
  onCancel: () => undefined,
  callHost: () => new Promise(() => undefined),
  start: undefined,
});

/** A control whose host functions answer `1` at once. */
const answeringHost = (): RunControl => ({
  cancelled: () => false,
  onCancel: () => undefined,
  callHost: async () => ({ ok: true, json: '1' }),
  start: undefined,
});

describe('a failed run disposes every handle it created', () => {
  const failures: Array<{ name: string; source: string; code: string; control?: () => RunControl; extra?: Partial<RunJob> }> = [
    { name: 'module throws while evaluating', source: 'throw new Error("at load")', code: 'GUEST_ERROR' },
    { name: 'syntax error', source: 'export default (', code: 'INVALID_MODULE' },
    { name: 'entry throws after logging', source: 'export default (x, ctx) => { ctx.log("hi"); throw new TypeError("boom") }', code: 'GUEST_ERROR' },
    { name: 'entry rejects after awaiting', source: 'export default async () => { await null; throw new Error("later") }', code: 'GUEST_ERROR' },
    { name: 'missing entry', source: 'export const other = 1', code: 'GUEST_ERROR' },
    { name: 'result is cyclic', source: 'export default () => { const a = {}; a.a = a; return a }', code: 'OUTPUT_CYCLIC' },
    { name: 'result holds a BigInt', source: 'export default () => ({ n: 1n })', code: 'OUTPUT_NOT_JSON' },
    {
      name: 'deadline passes while host calls are pending',
      source: 'export default async (x, ctx) => { const p = [ctx.functions.never(1), ctx.functions.never(2)]; return await Promise.all(p) }',
      code: 'TIMEOUT',
      control: hangingHost,
      extra: { limits: { ...DEFAULT_LIMITS, timeMs: 30 } },
    },
    {
      name: 'host calls past limits.functionCalls are refused',
      source: 'export default async (x, ctx) => { let s = 0; for (let i = 0; i < 5; i++) s += await ctx.functions.never(i); return s }',
      code: 'CAPABILITY_DENIED',
      control: answeringHost,
      extra: { limits: { ...DEFAULT_LIMITS, timeMs: 10_000, functionCalls: 2 } },
    },
  ];

  for (const f of failures) {
    it(`${f.name}: ${f.code}, and the runtime then frees cleanly (QuickJS asserts no object is left)`, async () => {
      const instance = await GuestInstance.create(await quickjsWasmModule(), DEFAULT_LIMITS.memoryBytes);
      // A failed run drops its runtime; QuickJS's JS_FreeRuntime aborts when any object is still
      // referenced (a handle left alive), which marks the instance broken.
      const dropRuntime = instance.dropRuntime.bind(instance);
      let drops = 0;
      instance.dropRuntime = () => {
        drops++;
        dropRuntime();
      };
      for (let i = 1; i <= 3; i++) {
        const limits = f.extra?.limits ?? job('').limits;
        const outcome = await executeRun(instance, job(f.source, { ...f.extra, deadline: Date.now() + limits.timeMs }), f.control?.());
        expect(outcome.ok).toBe(false);
        expect(outcome.error?.code).toBe(f.code);
        expect(drops).toBe(i);
        expect(instance.broken).toBe(false);
      }
    });
  }

  it('a successful run leaves nothing alive either (checked when the runtime is freed)', async () => {
    const instance = await GuestInstance.create(await quickjsWasmModule(), DEFAULT_LIMITS.memoryBytes);
    for (let i = 0; i < 3; i++) {
      const source = 'export default async (x, ctx) => { ctx.log("n", x.n); await null; return { list: [x.n, { deep: [1, 2] }] } }';
      const outcome = await executeRun(instance, job(source, { functions: undefined }));
      expect(outcome).toMatchObject({ ok: true, value: { list: [1, { deep: [1, 2] }] } });
    }
    instance.dropRuntime();
    expect(instance.broken).toBe(false);
  });
});
