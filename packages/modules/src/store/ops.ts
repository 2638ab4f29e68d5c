/**
 * Small store operations the approval path needs on any `KeyValueStore`: writes with an expiry
 * (when the store supports one, like core's `GraftStore` and Keyv) and a claim-once marker.
 */
import { randomUUID } from 'node:crypto';
import type { KeyValueStore } from './kv.js';

type MaybeTtlStore = KeyValueStore & {
  set(key: string, value: unknown, ttlMs?: number): Promise<unknown>;
  /** An atomic "set when absent" some stores provide; used when present. */
  setIfAbsent?(key: string, value: unknown, ttlMs?: number): Promise<boolean>;
  /** Core's `GraftStore.update`: an atomic read-modify-write across instances (SQLite, Redis, PostgreSQL). */
  update?(key: string, fn: (current: unknown) => unknown, options?: { ttlMs?: number }): Promise<unknown>;
};

/** Writes `value`, expiring after `ttlMs` where the store supports expiry. */
export function setExpiring(store: KeyValueStore, key: string, value: unknown, ttlMs: number): Promise<unknown> {
  return (store as MaybeTtlStore).set(key, value, Math.max(1, Math.ceil(ttlMs)));
}

const localClaims = new Set<string>();

/**
 * Claims `key` once: true for the first caller, false for every later one (also on other
 * instances sharing the store). Uses the store's atomic `setIfAbsent` or `update` (core's
 * `GraftStore`: atomic across instances on SQLite, Redis and PostgreSQL) when it has one; else a
 * write-then-read-back token check that makes concurrent claimers on separate instances lose
 * unless their writes interleave exactly, plus an in-process guard for claimers in one process.
 */
export async function claimOnce(store: KeyValueStore, key: string, value: Record<string, unknown>, ttlMs: number): Promise<boolean> {
  const s = store as MaybeTtlStore;
  if (typeof s.setIfAbsent === 'function') return s.setIfAbsent(key, value, ttlMs);
  if (typeof s.update === 'function') {
    // Atomic on the backend: only the writer whose token ends up stored has claimed the key.
    const token = randomUUID();
    const stored = (await s.update(key, (current) => current ?? { ...value, token }, { ttlMs: Math.max(1, Math.ceil(ttlMs)) })) as
      { token?: unknown } | undefined;
    return stored?.token === token;
  }
  if (localClaims.has(key)) return false;
  localClaims.add(key);
  try {
    if ((await store.get(key)) !== undefined) return false;
    const token = randomUUID();
    await setExpiring(store, key, { ...value, token }, ttlMs);
    const back = (await store.get(key)) as { token?: unknown } | undefined;
    return back?.token === token;
  } finally {
    localClaims.delete(key);
  }
}
