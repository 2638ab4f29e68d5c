/**
 * The saver's small helpers: reading its entries (at once on the memory backend), finding a
 * thread's latest checkpoint id among its keys, and validating the run config's fields.
 * Internal to the store module.
 */
import { StoreError } from './errors.js';
import { DriverStore } from './graft-store.js';
import { assertKey } from './keys.js';
import type { GraftStore } from './types.js';

/**
 * The greatest checkpoint id among checkpoint keys that all start with one checkpoint prefix of
 * `prefixLength` characters (ids compared as `Array.prototype.sort` compares them), or `undefined`.
 */
export function latestId(keys: readonly string[], prefixLength: number): string | undefined {
  let latest: string | undefined;
  for (const key of keys) {
    const text = key.slice(prefixLength);
    const id = text.includes('%') ? decodeURIComponent(text) : text;
    if (latest === undefined || id > latest) latest = id;
  }
  return latest;
}

/** The physical key of `key` in the namespace whose physical key prefix is `at` (as `physicalKey` checks and makes it). */
export function physical(at: string, key: string): string {
  assertKey(key);
  return at + key;
}

/**
 * One value of `store` at once, on the memory backend (its reads are synchronous); `undefined` on
 * every other backend, and when the value is absent (ask {@link readOne} then). Never mutated by the caller.
 */
export function readOneNow<T>(store: GraftStore, key: string): T | undefined {
  return store instanceof DriverStore ? store.getValuesNow<T>([store.physicalKey(key)])?.[0] : undefined;
}

/** One value of `store` (in one read of the stored object itself on memory and SQLite); never mutated by the caller. */
export async function readOne<T>(store: GraftStore, key: string): Promise<T | undefined> {
  if (store instanceof DriverStore && store.atomicBatches()) {
    const keys = [store.physicalKey(key)];
    return (store.getValuesNow<T>(keys) ?? (await store.getValues<T>(keys)))[0];
  }
  return store.get<T>(key);
}

/** `config.configurable[field]` as a string (a number is turned into one), `undefined` when absent; `CHECKPOINT_CONFIG_INVALID` for anything else. */
export function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') {
    throw new StoreError('CHECKPOINT_CONFIG_INVALID', `configurable.${field} must be a string (got ${typeof value}).`);
  }
  return value;
}

/** {@link optionalString}, and `CHECKPOINT_CONFIG_INVALID` when absent or empty (saying how to pass it, for `action`). */
export function requiredString(value: unknown, field: string, action: string): string {
  const text = optionalString(value, field);
  if (!text) {
    throw new StoreError(
      'CHECKPOINT_CONFIG_INVALID',
      `Cannot ${action}: configurable.${field} is missing. Pass it in the run config, e.g. { configurable: { thread_id: 'my-thread' } }.`,
    );
  }
  return text;
}
