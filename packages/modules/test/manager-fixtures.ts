/**
 * Shared fixtures of the modules package's tests (engineer A's suites).
 */
import type { KeyValueStore } from '../src/index.js';

/** An in-memory KeyValueStore exposing its map (unit tests of pure logic only). */
export function memoryStore(): KeyValueStore & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return {
    map,
    async get(k) {
      const v = map.get(k);
      return v === undefined ? undefined : structuredClone(v);
    },
    async set(k, v) {
      map.set(k, structuredClone(v));
    },
    async delete(k) {
      return map.delete(k);
    },
  };
}

/** Wraps a store so that the `n`th `set` (1-based, counted from now) throws. */
export function failingOnNthSet<S extends KeyValueStore>(store: S, n: number): S & { arm(n: number): void; sets: number } {
  let remaining = n;
  const wrapper = Object.create(store) as S & { arm(n: number): void; sets: number };
  wrapper.sets = 0;
  wrapper.arm = (k: number) => {
    remaining = k;
  };
  wrapper.set = async (key: string, value: unknown) => {
    wrapper.sets++;
    remaining--;
    if (remaining === 0) throw new Error(`disk full (injected failure on set of ${key})`);
    return store.set(key, value);
  };
  wrapper.get = (key: string) => store.get(key);
  wrapper.delete = (key: string) => store.delete(key);
  return wrapper;
}
