/**
 * The `GraftStore` conformance suite, for authors of other store adapters: every case runs on a
 * fresh store from your factory and fails with a plain assertion error naming what broke.
 * Framework-agnostic — register the cases with your runner, or run them all with
 * `runStoreConformance`:
 *
 * ```ts
 * describe('my store', () => {
 *   for (const c of storeConformanceCases()) it(c.name, () => c.run(() => createMyStore()));
 * });
 * ```
 */
import assert from 'node:assert/strict';
import { StoreError } from '../store/errors.js';
import type { GraftStore } from '../store/types.js';

/** Makes a fresh, empty store for one case (the case closes it). */
export type StoreFactory = () => GraftStore | Promise<GraftStore>;

/** One conformance case. */
export interface StoreConformanceCase {
  /** What the case checks, as a test title. */
  name: string;
  /** Runs the case on a fresh store from `make`; rejects with an assertion error on a failure. */
  run(make: StoreFactory): Promise<void>;
}

/** The outcome of `runStoreConformance`. */
export interface StoreConformanceReport {
  /** Whether every case passed. */
  passed: boolean;
  /** Names of the cases that passed. */
  passedCases: string[];
  /** The cases that failed, with their errors. */
  failures: Array<{
    /** The case's name. */
    name: string;
    /** Why it failed. */
    error: unknown;
  }>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function rejectsWithCode(p: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.equal((err as { code?: unknown }).code, code);
    return true;
  });
}

type Body = (store: GraftStore) => Promise<void>;

const CASES: Array<[string, Body]> = [
  [
    'round-trips JSON values and reports missing keys as undefined',
    async (store) => {
      const value = { a: 1, nested: { list: [1, 'two', null, true] }, text: 'héllo ✓ "quotes" / slashes \\' };
      await store.set('doc', value);
      assert.deepEqual(await store.get('doc'), value);
      assert.equal(await store.get('absent'), undefined);
      assert.equal(await store.has('doc'), true);
      assert.equal(await store.has('absent'), false);
    },
  ],
  [
    'overwrites, deletes and reports whether a key existed',
    async (store) => {
      await store.set('k', 1);
      await store.set('k', 2);
      assert.equal(await store.get('k'), 2);
      assert.equal(await store.delete('k'), true);
      assert.equal(await store.delete('k'), false);
      assert.equal(await store.get('k'), undefined);
      assert.deepEqual(await store.keys(), []);
    },
  ],
  [
    'lists keys and entries by prefix, sorted, through the index',
    async (store) => {
      await store.setMany([
        { key: 'mod:b', value: 'B' },
        { key: 'mod:a', value: 'A' },
        { key: 'other', value: 'O' },
      ]);
      await store.set('mod:c', 'C');
      assert.deepEqual(await store.keys(), ['mod:a', 'mod:b', 'mod:c', 'other']);
      assert.deepEqual(await store.keys('mod:'), ['mod:a', 'mod:b', 'mod:c']);
      assert.deepEqual(await store.list('mod:'), [
        { key: 'mod:a', value: 'A' },
        { key: 'mod:b', value: 'B' },
        { key: 'mod:c', value: 'C' },
      ]);
      assert.deepEqual(await store.getMany(['mod:b', 'nope', 'other']), ['B', undefined, 'O']);
    },
  ],
  [
    'keeps namespaces apart, including keys that look like paths',
    async (store) => {
      const a = store.namespace('a');
      const ab = a.namespace('b');
      await store.set('a/k:b', 'root');
      await a.set('b', 'in a');
      await ab.set('b', 'in a/b');
      await store.namespace('a/k:').set('b', 'tricky');
      assert.equal(await store.get('a/k:b'), 'root');
      assert.equal(await a.get('b'), 'in a');
      assert.equal(await ab.get('b'), 'in a/b');
      assert.equal(await store.namespace('a/k:').get('b'), 'tricky');
      assert.deepEqual(await a.keys(), ['b']);
      assert.deepEqual(await store.keys(), ['a/k:b']);
      assert.deepEqual(ab.path, ['a', 'b']);
    },
  ],
  [
    'clear() empties one namespace and leaves parents and children alone',
    async (store) => {
      const mods = store.namespace('modules');
      const child = mods.namespace('versions');
      await store.set('keep', 1);
      await mods.set('x', 1);
      await mods.set('y', 2);
      await child.set('v1', 'code');
      await mods.clear();
      assert.deepEqual(await mods.keys(), []);
      assert.equal(await mods.get('x'), undefined);
      assert.equal(await store.get('keep'), 1);
      assert.equal(await child.get('v1'), 'code');
    },
  ],
  [
    'keeps the index exact under concurrent writers in one process',
    async (store) => {
      const keys = Array.from({ length: 60 }, (_, i) => `k${String(i).padStart(2, '0')}`);
      await Promise.all(keys.map((key, i) => store.set(key, i)));
      assert.deepEqual(await store.keys(), keys);
      await Promise.all(keys.filter((_, i) => i % 2 === 0).map((key) => store.delete(key)));
      assert.deepEqual(
        await store.keys(),
        keys.filter((_, i) => i % 2 === 1),
      );
    },
  ],
  [
    'expires values after their ttl and skips them in list()',
    async (store) => {
      await store.set('short', 'gone soon', 30);
      await store.set('long', 'stays');
      assert.equal(await store.get('short'), 'gone soon');
      await sleep(60);
      assert.equal(await store.get('short'), undefined);
      assert.deepEqual(await store.list(), [{ key: 'long', value: 'stays' }]);
    },
  ],
  [
    'rejects bad keys and non-JSON values with typed errors',
    async (store) => {
      await rejectsWithCode(store.set('', 1), 'STORE_KEY_INVALID');
      await rejectsWithCode(store.set('x'.repeat(2_000), 1), 'STORE_KEY_INVALID');
      await rejectsWithCode(
        store.set('fn', () => 1),
        'STORE_VALUE_INVALID',
      );
      await rejectsWithCode(store.set('big', 10n), 'STORE_VALUE_INVALID');
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      await assert.rejects(store.set('cyc', cyclic), StoreError);
      await rejectsWithCode(store.set('ttl', 1, -5), 'STORE_VALUE_INVALID');
      assert.throws(() => store.namespace(''), StoreError);
      assert.deepEqual(await store.keys(), []);
    },
  ],
  [
    'update() is an atomic read-modify-write under concurrent writers',
    async (store) => {
      const other = store.namespace('n');
      await Promise.all(Array.from({ length: 40 }, () => other.update<number>('count', (n) => (n ?? 0) + 1)));
      assert.equal(await other.get('count'), 40);
      assert.deepEqual(await other.keys(), ['count']);
      // Returning undefined deletes; returning the current value writes nothing.
      assert.equal(await other.update('count', () => undefined), undefined);
      assert.equal(await other.has('count'), false);
      assert.deepEqual(await other.keys(), []);
      await other.set('same', { a: 1 });
      assert.deepEqual(await other.update<{ a: number }>('same', (v) => v), { a: 1 });
      // A throwing fn aborts with nothing written.
      await assert.rejects(
        other.update('same', () => {
          throw new Error('no');
        }),
        /no/,
      );
      assert.deepEqual(await other.get('same'), { a: 1 });
      await rejectsWithCode(
        other.update('bad', () => (() => 1) as never),
        'STORE_VALUE_INVALID',
      );
      assert.equal(await other.has('bad'), false);
    },
  ],
  [
    'update() with ttlMs expires the value',
    async (store) => {
      await store.update('lease', () => 'mine', { ttlMs: 40 });
      assert.equal(await store.get('lease'), 'mine');
      await sleep(80);
      assert.equal(await store.get('lease'), undefined);
      assert.equal(await store.update<string>('lease', (v) => v ?? 'next'), 'next');
    },
  ],
  [
    'publish() reaches subscribers of the topic in the same namespace only',
    async (store) => {
      const seen: string[] = [];
      const a = store.namespace('a');
      const off1 = await a.subscribe('registry', () => seen.push('a/registry'));
      const off2 = await store.namespace('b').subscribe('registry', () => seen.push('b/registry'));
      const off3 = await a.subscribe('other', () => seen.push('a/other'));
      await a.publish('registry');
      const until = Date.now() + 2_000;
      while (!seen.includes('a/registry') && Date.now() < until) await sleep(10);
      await sleep(50);
      assert.deepEqual(seen, ['a/registry']);
      await Promise.all([off1(), off2(), off3()]);
    },
  ],
  [
    'fails with STORE_CLOSED after close(), on every handle',
    async (store) => {
      const ns = store.namespace('n');
      await ns.set('a', 1);
      await store.close();
      await rejectsWithCode(store.get('a'), 'STORE_CLOSED');
      await rejectsWithCode(ns.set('a', 2), 'STORE_CLOSED');
      await store.close(); // idempotent
    },
  ],
];

/** Every conformance case, in a stable order; each opens its own store and closes it. */
export function storeConformanceCases(): StoreConformanceCase[] {
  return CASES.map(([name, body]) => ({
    name,
    async run(make: StoreFactory) {
      const store = await make();
      try {
        await body(store);
      } finally {
        await store.close();
      }
    },
  }));
}

/** Runs every case one after another and reports which passed and which failed (never throws for a failing case). */
export async function runStoreConformance(make: StoreFactory): Promise<StoreConformanceReport> {
  const passedCases: string[] = [];
  const failures: StoreConformanceReport['failures'] = [];
  for (const c of storeConformanceCases()) {
    try {
      await c.run(make);
      passedCases.push(c.name);
    } catch (error) {
      failures.push({ name: c.name, error });
    }
  }
  return { passed: failures.length === 0, passedCases, failures };
}
