/**
 * The pool under failing and slow worker starts (issue 10, item 5): a run is dispatched only to
 * a ready worker, a failed start is retried with backoff, a start that keeps failing surfaces as
 * the typed run error `WORKER_START_FAILED`, and nothing is ever unhandled.
 */
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox } from '@graft/sandbox';
import { DEFAULT_LIMITS } from '../src/limits.js';
import { defaultWorkerFactory, startWorker, type WorkerFactory } from '../src/pool/live-worker.js';
import { WorkerPool, type PoolJob } from '../src/pool/pool.js';

const job = (source: string, timeMs = 1_000): PoolJob => ({
  source,
  entryPath: ['default'],
  inputJson: '20',
  limits: { ...DEFAULT_LIMITS, timeMs },
  log: false,
  fetch: undefined,
  fixtures: undefined,
});
const TRIVIAL = 'export default (x) => x + 1';
/** Not interruptible: only the host watchdog can stop it (the worker is terminated). */
const STUCK = 'export default () => Array.prototype.indexOf.call({ length: 2 ** 32 - 1 }, 1)';

/** A worker that exits with code 1 before it is ready. */
const exiting: WorkerFactory = () => new Worker('process.exit(1)', { eval: true });
/** The real worker, started only after `ms`. */
const slow =
  (ms: number): WorkerFactory =>
  (url, init) =>
    new Worker(`setTimeout(() => import(${JSON.stringify(url.href)}), ${ms})`, { eval: true, workerData: init });

let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

describe('worker start-up', () => {
  it('retries a worker that exits before it is ready, then runs on the one that starts', async () => {
    let spawned = 0;
    const flaky: WorkerFactory = (url, init) => (++spawned <= 2 ? exiting(url, init) : defaultWorkerFactory(url, init));
    const pool = new WorkerPool(1, DEFAULT_LIMITS.memoryBytes, { factory: flaky });
    await pool.start();
    expect(spawned).toBe(3);
    expect(await pool.run(job(TRIVIAL))).toMatchObject({ ok: true, value: 21 });
    await pool.dispose();
    expect(unhandled).toEqual([]);
  });

  it('a start that keeps failing ends queued runs with WORKER_START_FAILED, and the next run tries again', async () => {
    let healthy = false;
    let spawned = 0;
    const factory: WorkerFactory = (url, init) => (spawned++, healthy ? defaultWorkerFactory(url, init) : exiting(url, init));
    const pool = new WorkerPool(2, DEFAULT_LIMITS.memoryBytes, { factory });
    await expect(pool.start()).rejects.toThrow(/exited with code 1 before it was ready/);
    expect(spawned).toBe(8); // 2 slots × 4 attempts
    const r = await pool.run(job(TRIVIAL));
    expect(r).toMatchObject({ ok: false, error: { code: 'WORKER_START_FAILED' } });
    expect(!r.ok && r.error?.message).toMatch(/Retry the run later/);
    healthy = true;
    expect(await pool.run(job(TRIVIAL))).toMatchObject({ ok: true, value: 21 });
    await pool.dispose();
    expect(unhandled).toEqual([]);
  });

  it("never dispatches to a worker that is still starting (a replaced worker does not eat the next run's time)", async () => {
    let spawned = 0;
    // The first worker starts at once; every replacement takes 400 ms to become ready, far beyond
    // the next run's 50 ms limit plus the watchdog's grace.
    const factory: WorkerFactory = (url, init) => (++spawned === 1 ? defaultWorkerFactory(url, init) : slow(400)(url, init));
    const pool = new WorkerPool(1, DEFAULT_LIMITS.memoryBytes, { factory });
    await pool.start();
    const stuck = pool.run(job(STUCK, 50));
    const next = pool.run(job(TRIVIAL, 50));
    expect(await stuck).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    expect(await next).toMatchObject({ ok: true, value: 21 });
    expect(spawned).toBe(2);
    await pool.dispose();
    expect(unhandled).toEqual([]);
  });

  it('disposing while a replacement is starting leaves nothing unhandled', async () => {
    let spawned = 0;
    const factory: WorkerFactory = (url, init) => (++spawned === 1 ? defaultWorkerFactory(url, init) : slow(200)(url, init));
    const pool = new WorkerPool(1, DEFAULT_LIMITS.memoryBytes, { factory });
    await pool.start();
    expect(await pool.run(job(STUCK, 50))).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    const queued = pool.run(job(TRIVIAL, 50));
    await pool.dispose();
    expect(await queued).toMatchObject({ ok: false, error: { code: 'ABORTED' } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(unhandled).toEqual([]);
  });
});

describe("the watchdog reads a worker thread's CPU time (Linux)", () => {
  it.runIf(process.platform === 'linux')("cpuMs() is the thread's own CPU time: it grows while the thread spins", async () => {
    const worker = await startWorker(DEFAULT_LIMITS.memoryBytes);
    const before = worker.cpuMs();
    expect(before).toBeTypeOf('number');
    const done = new Promise<void>((resolve) => (worker.onMessage = (m) => (m as { outcome?: unknown }).outcome && resolve()));
    worker.post({ id: 1, job: { ...job('export default () => { for (;;) {} }', 1_000), deadline: Date.now() + 1_000 } });
    await done;
    expect(worker.cpuMs()!).toBeGreaterThan(before!);
    await worker.terminate();
    expect(worker.cpuMs()).toBeUndefined();
  });
});

describe('short limits under load', () => {
  it('mixed normal, stuck and memory-bomb runs at 50 ms: every run ends in a typed outcome, nothing unhandled', async () => {
    const sandbox = await createSandbox({ workers: 2, limits: { memoryBytes: 24 * 1024 * 1024 } });
    const BOMB = 'export default () => { const a = []; for (;;) a.push(new Array(100000).fill(1)) }';
    const sources = [TRIVIAL, TRIVIAL, TRIVIAL, STUCK, BOMB];
    const codes = new Set<string>();
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < 60; i = next++) {
        const kind = i % sources.length;
        const r = await sandbox.run(sources[kind], { input: 1, limits: { timeMs: 50 } });
        codes.add(r.ok ? `${kind}:OK` : `${kind}:${r.error.code}`);
        if (kind < 3)
          expect(r.ok || r.error.code === 'TIMEOUT').toBe(true); // never CRASHED or WORKER_START_FAILED
        else expect(r.ok).toBe(false);
      }
    };
    await Promise.all([lane(), lane(), lane(), lane()]);
    await sandbox.dispose();
    expect(codes.has('3:TIMEOUT')).toBe(true);
    expect([...codes].some((c) => c.startsWith('4:'))).toBe(true);
    expect(unhandled).toEqual([]);
  }, 60_000);
});
