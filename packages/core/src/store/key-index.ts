/**
 * How a namespace's keys are listed. Keyv cannot list keys reliably across adapters, so
 * the store keeps an index, in one of three ways:
 *
 * - {@link StoredIndex}: a sorted array under one key per namespace, updated under an
 *   in-process lock (any adapter: Redis, PostgreSQL, a Keyv you pass in).
 * - {@link MemoryIndex}: the same arrays kept only in process memory, for the private
 *   in-memory backend (nobody else can change it, so it cannot go stale).
 * - {@link QueryIndex}: no index at all; keys are read from the backend by prefix (SQLite,
 *   where a range query on the primary key is exact, cheap and safe across processes).
 */
import type { Keyv } from 'keyv';
import { backendCall } from './backend-call.js';
import { dataKey, indexKey, sortedInsert } from './keys.js';
import { KeyedMutex } from './mutex.js';

/** A namespace's key index. `prefix` is the namespace's physical prefix. */
export interface KeyIndex {
  /** Logical keys of the namespace, sorted. Callers may not mutate the result. */
  read(prefix: string, path: readonly string[]): Promise<readonly string[]>;
  /** Record keys about to be written. */
  add(prefix: string, path: readonly string[], keys: readonly string[]): Promise<void>;
  /** Forget deleted keys. */
  remove(prefix: string, path: readonly string[], keys: readonly string[]): Promise<void>;
  /** Forget the whole namespace (after its values were deleted). */
  drop(prefix: string, path: readonly string[]): Promise<void>;
  /** Serialize `work` with index changes of the same namespace. */
  exclusive<T>(prefix: string, work: () => Promise<T>): Promise<T>;
}

function removeAll(index: string[], keys: readonly string[]): boolean {
  let changed = false;
  for (const key of keys) {
    const at = index.indexOf(key);
    if (at >= 0) {
      index.splice(at, 1);
      changed = true;
    }
  }
  return changed;
}

/** Index arrays stored in the backend next to the data. */
export class StoredIndex implements KeyIndex {
  private readonly mutex = new KeyedMutex();
  constructor(private readonly keyv: Keyv) {}

  async read(prefix: string, path: readonly string[]): Promise<readonly string[]> {
    return this.load(prefix, path);
  }

  add(prefix: string, path: readonly string[], keys: readonly string[]): Promise<void> {
    return this.change(prefix, path, (index) => keys.reduce((changed, key) => sortedInsert(index, key) || changed, false));
  }

  remove(prefix: string, path: readonly string[], keys: readonly string[]): Promise<void> {
    return this.change(prefix, path, (index) => removeAll(index, keys));
  }

  async drop(prefix: string, path: readonly string[]): Promise<void> {
    await backendCall('write', path, () => this.keyv.delete(indexKey(prefix)));
  }

  exclusive<T>(prefix: string, work: () => Promise<T>): Promise<T> {
    return this.mutex.run(indexKey(prefix), work);
  }

  private async load(prefix: string, path: readonly string[]): Promise<string[]> {
    const stored = await backendCall('read', path, () => this.keyv.get<string[]>(indexKey(prefix)));
    return Array.isArray(stored) ? stored : [];
  }

  private change(prefix: string, path: readonly string[], edit: (index: string[]) => boolean): Promise<void> {
    return this.exclusive(prefix, async () => {
      const index = await this.load(prefix, path);
      if (edit(index)) await backendCall('write', path, () => this.keyv.set(indexKey(prefix), index));
    });
  }
}

/** Index arrays in process memory, for a backend only this process can see. */
export class MemoryIndex implements KeyIndex {
  private readonly mutex = new KeyedMutex();
  private readonly indexes = new Map<string, string[]>();

  async read(prefix: string): Promise<readonly string[]> {
    return this.indexes.get(prefix) ?? [];
  }

  async add(prefix: string, _path: readonly string[], keys: readonly string[]): Promise<void> {
    let index = this.indexes.get(prefix);
    if (!index) this.indexes.set(prefix, (index = []));
    for (const key of keys) sortedInsert(index, key);
  }

  async remove(prefix: string, _path: readonly string[], keys: readonly string[]): Promise<void> {
    const index = this.indexes.get(prefix);
    if (index) removeAll(index, keys);
  }

  async drop(prefix: string): Promise<void> {
    this.indexes.delete(prefix);
  }

  exclusive<T>(prefix: string, work: () => Promise<T>): Promise<T> {
    return this.mutex.run(prefix, work);
  }
}

/** Lists physical keys starting with a prefix, straight from the backend. */
export type PrefixLister = (physicalPrefix: string) => Promise<string[]>;

/** No stored index: keys come from a prefix query on the backend. */
export class QueryIndex implements KeyIndex {
  private readonly mutex = new KeyedMutex();
  constructor(private readonly list: PrefixLister) {}

  async read(prefix: string, path: readonly string[]): Promise<readonly string[]> {
    const start = dataKey(prefix, '');
    const physical = await backendCall('list', path, () => this.list(start));
    return physical
      .filter((key) => key.startsWith(start))
      .map((key) => key.slice(start.length))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  async add(): Promise<void> {}

  async remove(): Promise<void> {}

  async drop(): Promise<void> {}

  exclusive<T>(prefix: string, work: () => Promise<T>): Promise<T> {
    return this.mutex.run(prefix, work);
  }
}
