import { afterAll, describe, expect, it } from 'vitest';
import { acquireLease, type GraftStore } from '@graft/core';
import { isolatedStore, serviceUrl } from './services.js';
import { tempDir } from './temp-dir.js';

const tmp = tempDir('graft-lease-');
afterAll(() => tmp.remove());
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const kinds: Array<[string, () => [GraftStore, GraftStore]]> = [
  [
    'memory (one store)',
    () => {
      const s = isolatedStore('memory');
      return [s, s];
    },
  ],
  [
    'sqlite (two connections to one file)',
    () => {
      const file = tmp.file(`lease-${Math.random()}.db`);
      return [isolatedStore('sqlite', { file }), isolatedStore('sqlite', { file })];
    },
  ],
];
for (const kind of ['redis', 'postgres'] as const) {
  if (serviceUrl(kind)) {
    kinds.push([
      kind,
      () => {
        const id = `l${Math.random().toString(16).slice(2, 10)}`;
        return [isolatedStore(kind, { id }), isolatedStore(kind, { id })];
      },
    ]);
  }
}

describe.each(kinds)('leases on %s', (_name, make) => {
  it('one holder at a time; released leases can be taken; the same owner may re-acquire', async () => {
    const [a, b] = make();
    const first = await acquireLease(a, 'thread-1', { ttlMs: 5_000 });
    expect(first).toBeDefined();
    expect(await acquireLease(b, 'thread-1', { ttlMs: 5_000 })).toBeUndefined();
    expect(await acquireLease(b, 'thread-1', { ttlMs: 5_000, owner: first!.owner, renew: false })).toBeDefined();
    const other = await acquireLease(b, 'thread-2', { ttlMs: 5_000 });
    expect(other).toBeDefined();
    await first!.release();
    const second = await acquireLease(b, 'thread-1', { ttlMs: 5_000 });
    expect(second).toBeDefined();
    // Releasing an old handle never frees someone else's lease.
    await first!.release();
    expect(await acquireLease(a, 'thread-1')).toBeUndefined();
    await Promise.all([second!.release(), other!.release()]);
    await a.close();
    if (b !== a) await b.close();
  });

  it('a holder that stops renewing (crashed) loses the lease after its ttl; a renewing holder keeps it', async () => {
    const [a, b] = make();
    const crashed = await acquireLease(a, 'crash', { ttlMs: 150, renew: false });
    const alive = await acquireLease(a, 'alive', { ttlMs: 150 });
    expect(crashed && alive).toBeTruthy();
    await sleep(400);
    const taken = await acquireLease(b, 'crash', { ttlMs: 5_000 });
    expect(taken).toBeDefined();
    expect(await acquireLease(b, 'alive', { ttlMs: 5_000 })).toBeUndefined();
    expect(alive!.lost).toBe(false);
    await Promise.all([taken!.release(), alive!.release()]);
    await a.close();
    if (b !== a) await b.close();
  });

  it('exactly one of many concurrent contenders wins', async () => {
    const [a, b] = make();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => acquireLease(i % 2 ? a : b, 'race', { ttlMs: 5_000, renew: false })));
    expect(results.filter(Boolean)).toHaveLength(1);
    await results.find(Boolean)!.release();
    await a.close();
    if (b !== a) await b.close();
  });
});
