import { afterAll, describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { Keyv } from 'keyv';
import { createStore, type GraftStore } from '@graft/core';
import { runStoreConformance, storeConformanceCases } from '@graft/core/testing';
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
  // The suite apps run on their own adapters (`@graft/core/testing`), run here on every backend.
  for (const c of storeConformanceCases()) it(c.name, () => c.run(make));
});

/** A store whose `update` reads, yields, then writes — what a naive adapter does. */
function nonAtomicUpdate(store: GraftStore): GraftStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'update')
        return async (key: string, fn: (v: unknown) => unknown) => {
          const next = fn(await target.get(key));
          await new Promise((resolve) => setTimeout(resolve, 1));
          if (next === undefined) await target.delete(key);
          else await target.set(key, next);
          return next;
        };
      if (prop === 'namespace') return (name: string) => nonAtomicUpdate(target.namespace(name));
      return Reflect.get(target, prop, receiver);
    },
  });
}

/** A store that forgets TTLs. */
function ignoresTtl(store: GraftStore): GraftStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'set') return (key: string, value: unknown) => target.set(key, value);
      if (prop === 'namespace') return (name: string) => ignoresTtl(target.namespace(name));
      return Reflect.get(target, prop, receiver);
    },
  });
}

describe('the exported conformance suite catches broken adapters', () => {
  it('passes a correct store and names nothing as failed', async () => {
    const report = await runStoreConformance(() => createStore());
    expect(report.failures).toEqual([]);
    expect(report.passedCases).toHaveLength(storeConformanceCases().length);
  });

  it('fails a store whose update() is not atomic, naming that case', async () => {
    const report = await runStoreConformance(() => nonAtomicUpdate(createStore()));
    expect(report.passed).toBe(false);
    expect(report.failures.map((f) => f.name)).toContain('update() is an atomic read-modify-write under concurrent writers');
    expect(report.passedCases).toContain('round-trips JSON values and reports missing keys as undefined');
  });

  it('fails a store that ignores TTLs', async () => {
    const report = await runStoreConformance(() => ignoresTtl(createStore()));
    expect(report.failures.map((f) => f.name)).toContain('expires values after their ttl and skips them in list()');
    expect(report.passedCases).toContain('update() is an atomic read-modify-write under concurrent writers');
  });
});
