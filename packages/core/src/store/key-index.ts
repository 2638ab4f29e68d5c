/**
 * The key index of the Keyv driver. Keyv cannot list keys, so each namespace keeps a sorted
 * array of its keys under one extra key (`<namespace>i:`), next to the data.
 *
 * Guarantee: exact inside one process, even with several stores over the same Keyv instance
 * (their changes are serialized by one lock set per Keyv instance). Keyv has no atomic
 * operation, so two *processes* sharing a Keyv backend can still overwrite each other's index
 * updates: for several processes use `createStore({ sqlite })`, `{ redis }` or `{ postgres }`,
 * which list keys with the backend's own query and need no index.
 */
import type { Keyv } from 'keyv';
import { indexKey, sortedInsert } from './keys.js';
import { KeyedMutex } from './mutex.js';

/** One lock set per Keyv instance, shared by every index (and driver) built on it. */
const locksByKeyv = new WeakMap<object, KeyedMutex>();

/** The lock set of a Keyv instance. */
export function keyvLocks(keyv: Keyv): KeyedMutex {
  let locks = locksByKeyv.get(keyv);
  if (!locks) locksByKeyv.set(keyv, (locks = new KeyedMutex()));
  return locks;
}

/**
 * The namespace prefix of a physical data key or listing prefix: everything before `k:`.
 * Namespace segments are URI-encoded, so the first `:` is always the one of `k:`.
 */
export function namespaceOf(physical: string): string {
  const colon = physical.indexOf(':');
  return colon < 1 ? '' : physical.slice(0, colon - 1);
}

/** Index arrays stored in the Keyv backend next to the data. */
export class StoredIndex {
  private readonly locks: KeyedMutex;
  constructor(private readonly keyv: Keyv) {
    this.locks = keyvLocks(keyv);
  }

  /** Logical keys of the namespace `ns`, sorted. */
  async read(ns: string): Promise<string[]> {
    const stored = await this.keyv.get<string[]>(indexKey(ns));
    return Array.isArray(stored) ? stored : [];
  }

  /** Records keys about to be written. */
  add(ns: string, keys: readonly string[]): Promise<void> {
    return this.change(ns, (index) => keys.reduce((changed, key) => sortedInsert(index, key) || changed, false));
  }

  /** Forgets deleted keys. */
  remove(ns: string, keys: readonly string[]): Promise<void> {
    return this.change(ns, (index) => {
      let changed = false;
      for (const key of keys) {
        const at = index.indexOf(key);
        if (at >= 0) {
          index.splice(at, 1);
          changed = true;
        }
      }
      return changed;
    });
  }

  private change(ns: string, edit: (index: string[]) => boolean): Promise<void> {
    return this.locks.run(indexKey(ns), async () => {
      const index = await this.read(ns);
      if (!edit(index)) return;
      if (index.length === 0) await this.keyv.delete(indexKey(ns));
      else await this.keyv.set(indexKey(ns), index);
    });
  }
}
