/**
 * Host function calls cross between threads in batches: the calls a guest starts before it
 * awaits reach the main thread together, synchronous functions answer in the same turn, a guest
 * that keeps computing after starting a call does not hold the call back, and every call is still
 * checked and counted one by one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type HostFunction, type Sandbox } from '@graft/sandbox';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ workers: 1 });
});
afterAll(() => sandbox.dispose());

describe('host call batching', () => {
  it('calls started together reach the main thread in one turn, in call order', async () => {
    const order: number[] = [];
    /** How many calls had arrived when the first call's turn on the main thread ended. */
    let seenInFirstTurn = -1;
    const note: HostFunction = (n) => {
      order.push(n as number);
      if (order.length === 1) setImmediate(() => (seenInFirstTurn = order.length));
      return (n as number) * 10;
    };
    const r = await sandbox.run('export default (x, ctx) => Promise.all(Array.from({ length: 8 }, (_, i) => ctx.functions.note(i)))', {
      capabilities: { functions: { note } },
    });
    expect(r).toMatchObject({ ok: true, value: [0, 10, 20, 30, 40, 50, 60, 70] });
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // the run's answer can come in the same poll phase as the batch, before the check phase runs the probe
    if (seenInFirstTurn === -1) await new Promise((resolve) => setImmediate(resolve));
    expect(seenInFirstTurn).toBe(8);
    expect(r.stats.functionCalls).toBe(8);
  });

  it('a guest that keeps computing after starting a call does not hold the call back', async () => {
    let calledAt = 0;
    const mark: HostFunction = () => {
      calledAt = Date.now();
      return 1;
    };
    const src = `export default async (x, ctx) => {
      const p = ctx.functions.mark();
      const until = Date.now() + 300;
      while (Date.now() < until) {}
      const spunUntil = Date.now();
      await p;
      return spunUntil;
    }`;
    const r = await sandbox.run(src, { capabilities: { functions: { mark } } });
    expect(r.ok).toBe(true);
    // The call reached the host while the guest was still spinning (sent from the interrupt handler).
    expect(calledAt).toBeGreaterThan(0);
    expect(calledAt).toBeLessThan(r.ok ? (r.value as number) : 0);
  });

  it('each call of a batch is still checked and counted: past limits.functionCalls, the rest are refused uncalled', async () => {
    let calls = 0;
    const count: HostFunction = () => ++calls;
    const src = `export default async (x, ctx) => {
      const settled = await Promise.allSettled(Array.from({ length: 6 }, () => ctx.functions.count()));
      return settled.map((s) => s.status);
    }`;
    const r = await sandbox.run(src, { capabilities: { functions: { count } }, limits: { functionCalls: 4 } });
    expect(r).toMatchObject({ ok: true, value: ['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'rejected'] });
    expect(calls).toBe(4);
    expect(r.stats.functionCalls).toBe(6);
  });

  it('synchronous and asynchronous functions mixed in one batch each settle their own promise', async () => {
    const fast: HostFunction = (n) => `fast ${String(n)}`;
    const slow: HostFunction = async (n) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return `slow ${String(n)}`;
    };
    const broken: HostFunction = () => {
      throw new Error('sync failure');
    };
    const src = `export default async (x, ctx) => {
      const r = await Promise.allSettled([ctx.functions.slow(1), ctx.functions.fast(2), ctx.functions.broken(), ctx.functions.fast(3)]);
      return r.map((s) => s.status === 'fulfilled' ? s.value : 'rejected: ' + s.reason.message);
    }`;
    const r = await sandbox.run(src, { capabilities: { functions: { fast, slow, broken } } });
    expect(r).toMatchObject({ ok: true, value: ['slow 1', 'fast 2', expect.stringContaining('sync failure'), 'fast 3'] });
  });
});
