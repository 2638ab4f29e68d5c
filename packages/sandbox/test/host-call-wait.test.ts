/**
 * A run waiting on host function answers (the guest's awaited `ctx.functions.*` calls cross to
 * the main thread and back). These tests pin what must hold while it waits: the deadline and the
 * caller's abort still end the run (by the worker itself: it is not terminated), a throwing or
 * never-answering host function settles its call, a flood past `limits.functionCalls` is refused,
 * `Promise.all` calls overlap on the host, answers that arrive together all reach the guest, and
 * a fetch awaited beside a host function is not held back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostFunction } from '@graft/sandbox';
import { DEFAULT_LIMITS } from '../src/limits.js';
import { defaultWorkerFactory, type WorkerFactory } from '../src/pool/live-worker.js';
import { WorkerPool, type PoolJob } from '../src/pool/pool.js';
import type { Limits } from '../src/types.js';
import { loopbackFetch, startServer, type TestServer } from './helpers/server.js';

/** Threads the pool spawned: a worker that was terminated (watchdog, abort grace) is replaced, so this grows. */
let spawned = 0;
const counting: WorkerFactory = (url, init) => (spawned++, defaultWorkerFactory(url, init));
let pool: WorkerPool;
let api: TestServer;

beforeAll(async () => {
  pool = new WorkerPool(1, DEFAULT_LIMITS.memoryBytes, { factory: counting });
  await pool.start();
  api = await startServer((_req, res) => setTimeout(() => res.end('"fetched"'), 20));
});
afterAll(async () => {
  await pool.dispose();
  await api.close();
});

const job = (source: string, hostFunctions: Record<string, HostFunction>, limits: Partial<Limits> = {}, fetch?: PoolJob['fetch']): PoolJob => ({
  source,
  entryPath: ['default'],
  inputJson: '1',
  limits: { ...DEFAULT_LIMITS, ...limits },
  log: false,
  fetch,
  fixtures: undefined,
  functions: Object.keys(hostFunctions),
  hostFunctions,
});
const never: HostFunction = () => new Promise(() => undefined);

describe('a run waiting for host function answers', () => {
  it('ends the run itself at its deadline (TIMEOUT), and the same worker runs the next run', async () => {
    const before = spawned;
    const r = await pool.run(job('export default async (x, ctx) => ctx.functions.never()', { never }, { timeMs: 150, functionTimeMs: 60_000 }));
    expect(r).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    // The worker's own verdict (the watchdog's says the worker was terminated).
    expect(r.ok || r.error?.message).not.toMatch(/terminated/);
    expect(await pool.run(job('export default async (x, ctx) => ctx.functions.inc(x)', { inc: (n) => (n as number) + 1 }))).toMatchObject({
      ok: true,
      value: 2,
    });
    expect(spawned).toBe(before);
  });

  it('ends when the caller aborts the run (ABORTED), and ends it itself: the worker is not terminated', async () => {
    const before = spawned;
    const controller = new AbortController();
    let reached!: () => void;
    const called = new Promise<void>((resolve) => (reached = resolve));
    const hang: HostFunction = () => (reached(), new Promise(() => undefined));
    const limits = { timeMs: 60_000, functionTimeMs: 60_000 };
    const r = pool.run(job('export default async (x, ctx) => ctx.functions.hang()', { hang }, limits), controller.signal);
    await called;
    controller.abort();
    expect(await r).toMatchObject({ ok: false, error: { code: 'ABORTED' } });
    // A worker still busy after the abort grace (WATCHDOG_GRACE_MS) would be terminated and replaced.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await pool.run(job('export default () => 7', {}))).toMatchObject({ ok: true, value: 7 });
    expect(spawned).toBe(before);
  });

  it('settles a call whose host function throws or rejects, each in turn, and the run goes on', async () => {
    const functions: Record<string, HostFunction> = {
      boom: () => {
        throw new Error('boom');
      },
      later: async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        throw new Error('later');
      },
      ok: (n) => n,
    };
    const src = `export default async (x, ctx) => {
      const out = [];
      for (let i = 0; i < 3; i++) {
        for (const k of ['boom', 'later', 'ok']) { try { out.push(await ctx.functions[k](i)) } catch (e) { out.push(e.message) } }
      }
      return out;
    }`;
    const r = await pool.run(job(src, functions));
    const round = (i: number) => ['host function boom failed: boom', 'host function later failed: later', i];
    expect(r).toMatchObject({ ok: true, value: [...round(0), ...round(1), ...round(2)] });
    expect(r.stats.functionCalls).toBe(9);
  });

  it('a host function that never answers hits the per-call timeout while other calls keep answering', async () => {
    let answered = 0;
    const src = `export default async (x, ctx) => {
      const hung = ctx.functions.never().then(() => 'answered', (e) => e.message);
      let n = 0;
      for (let i = 0; i < 5; i++) n += await ctx.functions.one();
      return { n, hung: await hung };
    }`;
    const r = await pool.run(job(src, { never, one: () => (answered++, 1) }, { functionTimeMs: 80 }));
    expect(r).toMatchObject({ ok: true, value: { n: 5, hung: 'host function never did not answer within 80 ms' } });
    expect(answered).toBe(5);
  });

  it('a flood of awaited calls past limits.functionCalls is refused without reaching the host', async () => {
    let invoked = 0;
    const src = `export default async (x, ctx) => {
      let ok = 0, refused = 0, last = '';
      for (let i = 0; i < 300; i++) { try { await ctx.functions.ping(i); ok++ } catch (e) { refused++; last = e.message } }
      return { ok, refused, last };
    }`;
    const r = await pool.run(job(src, { ping: () => ++invoked }, { functionCalls: 40 }));
    expect(r).toMatchObject({ ok: true, value: { ok: 40, refused: 260 } });
    expect(r.ok && (r.value as { last: string }).last).toMatch(/more than 40 calls/);
    expect(invoked).toBe(40);
    expect(r.stats.functionCalls).toBe(300);
  });

  it('Promise.all of calls still overlaps on the host', async () => {
    let active = 0;
    let peak = 0;
    const slow: HostFunction = async () => {
      peak = Math.max(peak, ++active);
      await new Promise((resolve) => setTimeout(resolve, 10));
      active--;
      return 1;
    };
    const r = await pool.run(
      job('export default async (x, ctx) => (await Promise.all(Array.from({ length: 6 }, () => ctx.functions.slow()))).length', { slow }),
    );
    expect(r).toMatchObject({ ok: true, value: 6 });
    expect(peak).toBe(6);
  });

  it('answers that arrived together all reach the guest while another call is still in flight', async () => {
    const src = `export default async (x, ctx) => {
      const slow = ctx.functions.slow().then(() => 'slow');
      const fast = Promise.all([ctx.functions.fast(1), ctx.functions.fast(2), ctx.functions.fast(3)]).then((v) => v.join(','));
      const first = await Promise.race([slow, fast]);
      return { first, slow: await slow };
    }`;
    const slow: HostFunction = () => new Promise((resolve) => setTimeout(() => resolve(0), 1_000));
    const r = await pool.run(job(src, { slow, fast: (n) => n }));
    expect(r).toMatchObject({ ok: true, value: { first: '1,2,3', slow: 'slow' } });
  });

  it('a run awaiting a fetch and a host function at once gets the fetch answer first: the fetch is not held back by the wait', async () => {
    const src = `export default async (x, ctx) => {
      const hung = ctx.functions.never().then(() => 'answered', (e) => e.message);
      const first = await Promise.race([hung, ctx.fetch(x.url).then((r) => r.json())]);
      return { first, hung: await hung };
    }`;
    const r = await pool.run({
      ...job(src, { never }, { functionTimeMs: 2_000 }, loopbackFetch([api.host])),
      inputJson: JSON.stringify({ url: `${api.origin}/` }),
    });
    expect(r).toMatchObject({ ok: true, value: { first: 'fetched', hung: 'host function never did not answer within 2000 ms' } });
  });
});
