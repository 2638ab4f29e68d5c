/**
 * The process-wide worker reserve: a disposed sandbox's idle workers serve the next sandbox, and
 * nothing of the old sandbox (memory cap, aborted runs, busy guests) reaches the new one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox } from '@graft/sandbox';
import { drainReserve, reserveSize } from '../src/pool/reserve.js';
import { RESERVE_MAX_WORKERS } from '../src/limits.js';

afterEach(() => drainReserve());

const BOMB = 'export default () => { const a = []; for (;;) a.push(new Array(100000).fill(1)) }';

describe('worker reserve', () => {
  it('a disposed sandbox hands its idle workers to the next one, which runs on them', async () => {
    await drainReserve();
    const a = await createSandbox({ workers: 2 });
    expect(await a.run('export default () => 1')).toMatchObject({ ok: true });
    await a.dispose();
    expect(reserveSize()).toBe(2);
    const b = await createSandbox({ workers: 2 });
    expect(reserveSize()).toBe(0);
    expect(await b.run('export default (x) => x * 2', { input: 21 })).toMatchObject({ ok: true, value: 42 });
    await b.dispose();
  });

  it("a reserved worker enforces the new sandbox's memory cap", async () => {
    const a = await createSandbox({ limits: { memoryBytes: 128 * 1024 * 1024 } });
    await a.run('export default () => new Array(2_000_000).fill(1).length');
    await a.dispose();
    expect(reserveSize()).toBe(1);
    const b = await createSandbox({ limits: { memoryBytes: 24 * 1024 * 1024, timeMs: 5_000 } });
    const r = await b.run(BOMB);
    expect(r).toMatchObject({ ok: false, error: { code: 'MEMORY_LIMIT' } });
    expect(r.stats.memoryBytes).toBeLessThanOrEqual(24 * 1024 * 1024);
    await b.dispose();
  });

  it('a worker busy at disposal is terminated, not reserved; an aborted run never affects the next sandbox', async () => {
    await drainReserve();
    const a = await createSandbox({ workers: 2 });
    const controller = new AbortController();
    const aborted = a.run('export default () => { for (;;) {} }', { signal: controller.signal });
    const busy = a.run('export default () => { for (;;) {} }', { limits: { timeMs: 10_000 } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    expect(await aborted).toMatchObject({ ok: false, error: { code: 'ABORTED' } });
    await a.dispose();
    expect(await busy).toMatchObject({ ok: false, error: { code: 'ABORTED' } });
    expect(reserveSize()).toBeLessThanOrEqual(1); // the aborted run's worker (idle again) at most
    const b = await createSandbox({ workers: 2 });
    for (let i = 0; i < 5; i++) expect(await b.run('export default async (x) => { await null; return x }', { input: i })).toMatchObject({ ok: true, value: i });
    await b.dispose();
  });

  it('a worker whose guest memory grew past 64 MiB is terminated, not reserved', async () => {
    await drainReserve();
    const a = await createSandbox({ limits: { memoryBytes: 256 * 1024 * 1024 } });
    const r = await a.run(
      'export default () => { const keep = []; for (let i = 0; i < 40; i++) keep.push(new Uint8Array(2 * 1024 * 1024).fill(1)); return keep.length }',
    );
    expect(r).toMatchObject({ ok: true, value: 40 });
    expect(r.stats.memoryBytes).toBeGreaterThan(64 * 1024 * 1024);
    await a.dispose();
    expect(reserveSize()).toBe(0);
  });

  it(`keeps at most ${RESERVE_MAX_WORKERS} idle workers`, async () => {
    const a = await createSandbox({ workers: RESERVE_MAX_WORKERS + 2 });
    await a.dispose();
    expect(reserveSize()).toBe(RESERVE_MAX_WORKERS);
  });
});
