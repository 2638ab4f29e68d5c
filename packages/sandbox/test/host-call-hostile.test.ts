/**
 * Host function calls under attack from both sides, on real workers: app functions that throw or
 * return values the host cannot even read (throwing getters, hostile proxies) must settle the
 * guest's call and never crash the host; a guest that starts a call and then never yields, one
 * that is aborted mid-call, one that moves large multibyte data both ways in one batch, and one
 * whose calls cross in many separate batches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type HostFunction, type JSONValue, type Sandbox } from '@graft/sandbox';

let sandbox: Sandbox;
/** Errors that escaped to the process while a test ran (a crash in a real app). */
const escaped: unknown[] = [];
const onEscape = (error: unknown) => escaped.push(error);
beforeAll(async () => {
  sandbox = await createSandbox({ workers: 1 });
  process.on('uncaughtException', onEscape);
  process.on('unhandledRejection', onEscape);
});
afterAll(async () => {
  process.off('uncaughtException', onEscape);
  process.off('unhandledRejection', onEscape);
  await sandbox.close();
});

const run = (source: string, functions: Record<string, HostFunction>, limits: Record<string, number> = {}, signal?: AbortSignal) =>
  sandbox.run(source, { capabilities: { functions }, limits: { timeMs: 2_000, ...limits }, signal });
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

/** An Error whose `message` cannot be read. */
function unreadableError(): Error {
  const error = new Error('hidden');
  Object.defineProperty(error, 'message', {
    get() {
      throw new Error('message getter');
    },
  });
  return error;
}
const throwingGetter = () => ({
  ok: 1,
  get boom(): number {
    throw new Error('value getter');
  },
});
const hostileProxy = () =>
  new Proxy(
    {},
    {
      getPrototypeOf() {
        throw new Error('trap');
      },
    },
  );
/** A thenable that later resolves with a promise whose `constructor` getter throws. */
const badThenable = () => ({
  then(ok: (v: unknown) => void) {
    const inner = Promise.resolve(1);
    Object.defineProperty(inner, 'constructor', {
      get() {
        throw new Error('constructor getter');
      },
    });
    setTimeout(() => ok(inner), 1);
  },
});
const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};

describe('host functions the host cannot read', () => {
  const cases: Array<[string, HostFunction, RegExp]> = [
    [
      'throws an Error whose message getter throws',
      () =>
        (() => {
          throw unreadableError();
        })(),
      /^host function f failed/,
    ],
    [
      'rejects with an Error whose message getter throws',
      async () => {
        throw unreadableError();
      },
      /^host function f failed/,
    ],
    ['returns an object whose getter throws', () => throwingGetter() as never, /^host function f returned/],
    ['resolves to an object whose getter throws', async () => throwingGetter() as never, /^host function f returned/],
    ['returns a proxy whose traps throw', () => hostileProxy() as never, /^host function f returned/],
    ['returns a thenable that resolves with a promise whose constructor getter throws', () => badThenable() as never, /^host function f failed/],
    ['returns a revoked proxy', () => revoked() as never, /^host function f (failed|returned)/],
  ];
  for (const [name, f, message] of cases) {
    it(`${name}: the guest's call rejects, the run goes on, nothing escapes to the process`, async () => {
      escaped.length = 0;
      const r = await run(`export default async (x, ctx) => { try { await ctx.functions.f(); return 'resolved' } catch (e) { return e.message } }`, { f });
      if (!r.ok) throw new Error(`the run failed: ${r.error.code}`);
      expect(String(r.value)).toMatch(message);
      await settle();
      expect(escaped).toEqual([]);
      expect(await run('export default async (x, ctx) => ctx.functions.g(2)', { g: (n) => (n as number) * 3 })).toMatchObject({ ok: true, value: 6 });
    });
  }
});

describe('hostile guests around host calls', () => {
  it('a guest that starts a call and then never yields ends in TIMEOUT; the call is aborted; the next run works', async () => {
    const signals: AbortSignal[] = [];
    const slow: HostFunction = (_a, { signal }) => (signals.push(signal), new Promise((resolve) => setTimeout(() => resolve('late'), 500)));
    const r = await run('export default (x, ctx) => { ctx.functions.slow(); for (;;) {} }', { slow }, { timeMs: 150 });
    expect(r).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    await settle();
    // The call crossed while the guest spun (sent from the interrupt handler) and was aborted when the run ended.
    expect(signals).toHaveLength(1);
    expect(signals[0].aborted).toBe(true);
    expect(await run('export default async (x, ctx) => ctx.functions.id("next")', { id: (v) => v })).toMatchObject({ ok: true, value: 'next' });
  });

  it('an abort while a call is in flight ends the run ABORTED; the late answer never reaches the next run', async () => {
    let release: (v: JSONValue) => void = () => undefined;
    let reached!: () => void;
    const called = new Promise<void>((resolve) => (reached = resolve));
    const held: HostFunction = () => (reached(), new Promise((resolve) => (release = resolve)));
    const controller = new AbortController();
    const pending = run('export default async (x, ctx) => ctx.functions.held()', { held }, { timeMs: 10_000 }, controller.signal);
    await called;
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'ABORTED' } });
    release('stale');
    const next = await run('export default async (x, ctx) => [await ctx.functions.held(), await ctx.functions.held()]', { held: () => 'fresh' });
    expect(next).toMatchObject({ ok: true, value: ['fresh', 'fresh'] });
  });

  it('large multibyte arguments and results cross intact, 8 calls in one batch', async () => {
    const unit = 'é€𝄞"\\\n';
    const seen: string[] = [];
    const echo: HostFunction = (args) => {
      const { i, text } = args as { i: number; text: string };
      seen.push(text);
      return { i, text: text + String(i) };
    };
    const src = `export default async (x, ctx) => {
      const text = ${JSON.stringify(unit)}.repeat(20000);
      const out = await Promise.all(Array.from({ length: 8 }, (_, i) => ctx.functions.echo({ i, text })));
      return out.map((o, i) => o.i === i && o.text === text + i);
    }`;
    const r = await run(src, { echo }, { functionBytes: 1024 * 1024 });
    expect(r).toMatchObject({ ok: true, value: Array(8).fill(true) });
    expect(seen).toHaveLength(8);
    expect(seen.every((t) => t === unit.repeat(20000))).toBe(true);
  });

  it('calls that cross in many separate batches reach the host in call order', async () => {
    const order: number[] = [];
    const rec: HostFunction = (n) => (order.push(n as number), n);
    // Each call is followed by computation, so calls cross one by one (flushed from the interrupt handler).
    const src = `export default async (x, ctx) => {
      const calls = [];
      for (let i = 0; i < 20; i++) { calls.push(ctx.functions.rec(i)); const end = Date.now() + 2; while (Date.now() < end) {} }
      return (await Promise.all(calls)).length;
    }`;
    expect(await run(src, { rec })).toMatchObject({ ok: true, value: 20 });
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});
