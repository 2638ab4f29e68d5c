import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { Keyv } from 'keyv';
import { createStore, StoreError, type GraftStore } from '@graft/core';
import { tempDir } from './temp-dir.js';
import { isolatedStore, serviceUrl } from './services.js';

/**
 * A minimal remote-style Keyv adapter (only get/set/delete/clear, every call answered on a
 * later tick, like Redis or PostgreSQL would): exercises Keyv's fallbacks for getMany /
 * setMany / deleteMany and the store's index locking under real interleaving.
 */
class SlowAdapter extends EventEmitter {
  opts = {};
  private readonly data = new Map<string, unknown>();
  private tick = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 2));
  async get(key: string) {
    await this.tick();
    return this.data.get(key);
  }
  async set(key: string, value: unknown) {
    await this.tick();
    this.data.set(key, value);
  }
  async delete(key: string) {
    await this.tick();
    return this.data.delete(key);
  }
  async clear() {
    this.data.clear();
  }
}

const tmp = tempDir();
afterAll(() => tmp.remove());

let counter = 0;
const backends: Array<[string, () => GraftStore]> = [
  ['memory', () => createStore()],
  ['sqlite file', () => createStore({ sqlite: tmp.file(`conformance-${++counter}.db`) })],
  ['keyv instance', () => createStore({ keyv: new Keyv() })],
  ['keyv adapter (Map)', () => createStore({ adapter: new Map() as never })],
  ['minimal async adapter', () => createStore({ adapter: new SlowAdapter() as never })],
];
if (serviceUrl('redis')) backends.push(['redis', () => isolatedStore('redis')]);
if (serviceUrl('postgres')) backends.push(['postgres', () => isolatedStore('postgres')]);

describe.each(backends)('GraftStore conformance: %s', (_name, make) => {
  let store: GraftStore;
  beforeEach(() => {
    store = make();
  });
  afterEach(async () => {
    await store.close();
  });

  it('round-trips JSON values and reports missing keys as undefined', async () => {
    const value = { a: 1, nested: { list: [1, 'two', null, true] }, text: 'héllo ✓' };
    await store.set('doc', value);
    expect(await store.get('doc')).toEqual(value);
    expect(await store.get('absent')).toBeUndefined();
    expect(await store.has('doc')).toBe(true);
    expect(await store.has('absent')).toBe(false);
  });

  it('overwrites, deletes and reports whether a key existed', async () => {
    await store.set('k', 1);
    await store.set('k', 2);
    expect(await store.get('k')).toBe(2);
    expect(await store.delete('k')).toBe(true);
    expect(await store.delete('k')).toBe(false);
    expect(await store.get('k')).toBeUndefined();
    expect(await store.keys()).toEqual([]);
  });

  it('lists keys and entries by prefix, sorted, through the index', async () => {
    await store.setMany([
      { key: 'mod:b', value: 'B' },
      { key: 'mod:a', value: 'A' },
      { key: 'other', value: 'O' },
    ]);
    await store.set('mod:c', 'C');
    expect(await store.keys()).toEqual(['mod:a', 'mod:b', 'mod:c', 'other']);
    expect(await store.keys('mod:')).toEqual(['mod:a', 'mod:b', 'mod:c']);
    expect(await store.list('mod:')).toEqual([
      { key: 'mod:a', value: 'A' },
      { key: 'mod:b', value: 'B' },
      { key: 'mod:c', value: 'C' },
    ]);
    expect(await store.getMany(['mod:b', 'nope', 'other'])).toEqual(['B', undefined, 'O']);
  });

  it('keeps namespaces apart, including keys that look like paths', async () => {
    const a = store.namespace('a');
    const ab = a.namespace('b');
    await store.set('a/k:b', 'root');
    await a.set('b', 'in a');
    await ab.set('b', 'in a/b');
    await store.namespace('a/k:').set('b', 'tricky');
    expect(await store.get('a/k:b')).toBe('root');
    expect(await a.get('b')).toBe('in a');
    expect(await ab.get('b')).toBe('in a/b');
    expect(await store.namespace('a/k:').get('b')).toBe('tricky');
    expect(await a.keys()).toEqual(['b']);
    expect(await store.keys()).toEqual(['a/k:b']);
    expect(ab.path).toEqual(['a', 'b']);
  });

  it('clear() empties one namespace and leaves parents and children alone', async () => {
    const mods = store.namespace('modules');
    const child = mods.namespace('versions');
    await store.set('keep', 1);
    await mods.set('x', 1);
    await mods.set('y', 2);
    await child.set('v1', 'code');
    await mods.clear();
    expect(await mods.keys()).toEqual([]);
    expect(await mods.get('x')).toBeUndefined();
    expect(await store.get('keep')).toBe(1);
    expect(await child.get('v1')).toBe('code');
  });

  it('keeps the index exact under concurrent writers in one process', async () => {
    const keys = Array.from({ length: 60 }, (_, i) => `k${String(i).padStart(2, '0')}`);
    await Promise.all(keys.map((key, i) => store.set(key, i)));
    expect(await store.keys()).toEqual(keys);
    await Promise.all(keys.filter((_, i) => i % 2 === 0).map((key) => store.delete(key)));
    expect(await store.keys()).toEqual(keys.filter((_, i) => i % 2 === 1));
  });

  it('expires values after their ttl and skips them in list()', async () => {
    await store.set('short', 'gone soon', 30);
    await store.set('long', 'stays');
    expect(await store.get('short')).toBe('gone soon');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await store.get('short')).toBeUndefined();
    expect(await store.list()).toEqual([{ key: 'long', value: 'stays' }]);
  });

  it('rejects bad keys and non-JSON values with typed errors', async () => {
    await expect(store.set('', 1)).rejects.toMatchObject({ code: 'STORE_KEY_INVALID' });
    await expect(store.set('x'.repeat(2_000), 1)).rejects.toMatchObject({ code: 'STORE_KEY_INVALID' });
    await expect(store.set('fn', () => 1)).rejects.toMatchObject({ code: 'STORE_VALUE_INVALID' });
    await expect(store.set('big', 10n)).rejects.toMatchObject({ code: 'STORE_VALUE_INVALID' });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(store.set('cyc', cyclic)).rejects.toBeInstanceOf(StoreError);
    await expect(store.set('ttl', 1, -5)).rejects.toMatchObject({ code: 'STORE_VALUE_INVALID' });
    expect(() => store.namespace('')).toThrow(StoreError);
    expect(await store.keys()).toEqual([]);
  });

  it('update() is an atomic read-modify-write under concurrent writers', async () => {
    const other = store.namespace('n');
    await Promise.all(Array.from({ length: 40 }, () => other.update<number>('count', (n) => (n ?? 0) + 1)));
    expect(await other.get('count')).toBe(40);
    expect(await other.keys()).toEqual(['count']);
    // Returning undefined deletes; returning the current value writes nothing.
    expect(await other.update('count', () => undefined)).toBeUndefined();
    expect(await other.has('count')).toBe(false);
    expect(await other.keys()).toEqual([]);
    await other.set('same', { a: 1 });
    expect(await other.update<{ a: number }>('same', (v) => v)).toEqual({ a: 1 });
    // A throwing fn aborts with nothing written.
    await expect(other.update('same', () => {
      throw new Error('no');
    })).rejects.toThrow('no');
    expect(await other.get('same')).toEqual({ a: 1 });
    await expect(other.update('bad', () => (() => 1) as never)).rejects.toMatchObject({ code: 'STORE_VALUE_INVALID' });
    expect(await other.has('bad')).toBe(false);
  });

  it('update() with ttlMs expires the value', async () => {
    await store.update('lease', () => 'mine', { ttlMs: 40 });
    expect(await store.get('lease')).toBe('mine');
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await store.get('lease')).toBeUndefined();
    expect(await store.update<string>('lease', (v) => v ?? 'next')).toBe('next');
  });

  it('publish() reaches subscribers of the topic in the same namespace only', async () => {
    const seen: string[] = [];
    const a = store.namespace('a');
    const off1 = await a.subscribe('registry', () => seen.push('a/registry'));
    const off2 = await store.namespace('b').subscribe('registry', () => seen.push('b/registry'));
    const off3 = await a.subscribe('other', () => seen.push('a/other'));
    await a.publish('registry');
    const until = Date.now() + 2_000;
    while (!seen.includes('a/registry') && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual(['a/registry']);
    await Promise.all([off1(), off2(), off3()]);
  });

  it('fails with STORE_CLOSED after close(), on every handle', async () => {
    const ns = store.namespace('n');
    await ns.set('a', 1);
    await store.close();
    await expect(store.get('a')).rejects.toMatchObject({ code: 'STORE_CLOSED' });
    await expect(ns.set('a', 2)).rejects.toMatchObject({ code: 'STORE_CLOSED' });
    await store.close(); // idempotent
  });
});
