import type { Keyv } from 'keyv';
import { StoreError } from './errors.js';
import { assertKey, assertNamespace, dataKey, indexKey, namespacePrefix, sortedInsert } from './keys.js';
import { KeyedMutex } from './mutex.js';
import type { GraftStore, StoreEntry } from './types.js';

/** What every handle of one store shares: the backend, the index locks, the closed flag. */
interface SharedState {
  keyv: Promise<Keyv>;
  mutex: KeyedMutex;
  closed: boolean;
  /**
   * Indexes held in process memory instead of the backend. Only for a backend no one else
   * can see (the default in-memory store), where a cached index can never go stale.
   */
  indexes?: Map<string, string[]>;
}

/** Options of {@link KeyvGraftStore}'s constructor. */
export interface KeyvGraftStoreOptions {
  /** Keep namespace indexes in process memory (only for a private in-memory backend). */
  privateBackend?: boolean;
}

/**
 * {@link GraftStore} over a Keyv instance. Each namespace keeps a sorted index of its
 * keys under one index key; index updates are serialized per namespace inside the
 * process. Several processes writing new keys to the same namespace at the same moment
 * can lose an index entry (Keyv has no compare-and-set); the value itself is never lost.
 */
export class KeyvGraftStore implements GraftStore {
  readonly path: readonly string[];
  private readonly shared: SharedState;
  private readonly prefix: string;

  /** @internal Use `createStore`. */
  constructor(keyv: Promise<Keyv>, path: readonly string[] = [], shared?: SharedState, options: KeyvGraftStoreOptions = {}) {
    this.shared = shared ?? {
      keyv,
      mutex: new KeyedMutex(),
      closed: false,
      ...(options.privateBackend ? { indexes: new Map<string, string[]>() } : {}),
    };
    this.path = Object.freeze([...path]);
    this.prefix = namespacePrefix(this.path);
    // A rejected backend promise must not surface as an unhandled rejection before first use.
    this.shared.keyv.catch(() => undefined);
  }

  namespace(name: string): GraftStore {
    assertNamespace(name);
    return new KeyvGraftStore(this.shared.keyv, [...this.path, name], this.shared);
  }

  async get<T = unknown>(key: string): Promise<T | undefined> {
    assertKey(key);
    const keyv = await this.backend();
    return this.guard('read', () => keyv.get<T>(dataKey(this.prefix, key)));
  }

  async getMany<T = unknown>(keys: readonly string[]): Promise<Array<T | undefined>> {
    keys.forEach((key) => assertKey(key));
    if (keys.length === 0) return [];
    const keyv = await this.backend();
    const physical = keys.map((key) => dataKey(this.prefix, key));
    const values = await this.guard('read', () => keyv.getMany<T>(physical));
    return values.map((value) => (value === null ? undefined : (value as T | undefined)));
  }

  async set<T = unknown>(key: string, value: T, ttlMs?: number): Promise<void> {
    assertKey(key);
    assertJson(value);
    assertTtl(ttlMs);
    const keyv = await this.backend();
    // Index first: a crash between the two writes leaves an index entry without a value,
    // which listing skips, rather than a value that can never be listed.
    await this.updateIndex(keyv, (index) => sortedInsert(index, key));
    await this.guard('write', () => keyv.set(dataKey(this.prefix, key), value, ttlMs));
  }

  async setMany(entries: ReadonlyArray<StoreEntry & { ttlMs?: number }>): Promise<void> {
    for (const entry of entries) {
      assertKey(entry.key);
      assertJson(entry.value);
      assertTtl(entry.ttlMs);
    }
    if (entries.length === 0) return;
    const keyv = await this.backend();
    await this.updateIndex(keyv, (index) => entries.reduce((changed, e) => sortedInsert(index, e.key) || changed, false));
    await this.guard('write', () =>
      keyv.setMany(entries.map((e) => ({ key: dataKey(this.prefix, e.key), value: e.value, ttl: e.ttlMs }))),
    );
  }

  async delete(key: string): Promise<boolean> {
    assertKey(key);
    const keyv = await this.backend();
    const existed = await this.guard('write', () => keyv.delete(dataKey(this.prefix, key)));
    await this.updateIndex(keyv, (index) => removeSorted(index, key));
    return existed;
  }

  async has(key: string): Promise<boolean> {
    assertKey(key);
    const keyv = await this.backend();
    return this.guard('read', () => keyv.has(dataKey(this.prefix, key)));
  }

  async keys(prefix = ''): Promise<string[]> {
    const keyv = await this.backend();
    const index = await this.readIndex(keyv);
    return prefix ? index.filter((key) => key.startsWith(prefix)) : [...index];
  }

  async list<T = unknown>(prefix = ''): Promise<Array<StoreEntry<T>>> {
    const keys = await this.keys(prefix);
    const values = await this.getMany<T>(keys);
    const entries: Array<StoreEntry<T>> = [];
    keys.forEach((key, i) => {
      const value = values[i];
      if (value !== undefined) entries.push({ key, value });
    });
    return entries;
  }

  async clear(): Promise<void> {
    const keyv = await this.backend();
    await this.shared.mutex.run(indexKey(this.prefix), async () => {
      const index = await this.readIndex(keyv);
      if (index.length > 0) {
        await this.guard('write', () => keyv.deleteMany(index.map((key) => dataKey(this.prefix, key))));
      }
      this.shared.indexes?.delete(indexKey(this.prefix));
      await this.guard('write', () => keyv.delete(indexKey(this.prefix)));
    });
  }

  async close(): Promise<void> {
    if (this.shared.closed) return;
    this.shared.closed = true;
    let keyv: Keyv;
    try {
      keyv = await this.shared.keyv;
    } catch {
      return; // never opened; nothing to close
    }
    await this.guard('close', () => keyv.disconnect());
  }

  private async backend(): Promise<Keyv> {
    if (this.shared.closed) {
      throw new StoreError('STORE_CLOSED', 'This store was closed; create a new store with createStore() to keep using it.');
    }
    try {
      return await this.shared.keyv;
    } catch (cause) {
      if (cause instanceof StoreError) throw cause;
      throw new StoreError(
        'STORE_BACKEND_FAILED',
        'The store backend could not be opened; check the SQLite path (its directory must exist and be writable) or the adapter connection.',
        { cause },
      );
    }
  }

  /** The namespace's index. With a private backend this is the cached array itself: copy before handing out. */
  private async readIndex(keyv: Keyv): Promise<string[]> {
    const cached = this.shared.indexes?.get(indexKey(this.prefix));
    if (cached) return cached;
    const stored = await this.guard('read', () => keyv.get<string[]>(indexKey(this.prefix)));
    const index = Array.isArray(stored) ? stored : [];
    this.shared.indexes?.set(indexKey(this.prefix), index);
    return index;
  }

  private async updateIndex(keyv: Keyv, change: (index: string[]) => boolean): Promise<void> {
    const key = indexKey(this.prefix);
    await this.shared.mutex.run(key, async () => {
      const index = await this.readIndex(keyv);
      if (change(index) && !this.shared.indexes) await this.guard('write', () => keyv.set(key, index));
    });
  }

  private async guard<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (cause) {
      throw new StoreError(
        'STORE_BACKEND_FAILED',
        `The store backend failed to ${operation} (namespace "${this.path.join('/')}"); see the cause, check the backend is reachable, then retry.`,
        { cause },
      );
    }
  }
}

function assertTtl(ttlMs: number | undefined): void {
  if (ttlMs !== undefined && !(Number.isFinite(ttlMs) && ttlMs > 0)) {
    throw new StoreError('STORE_VALUE_INVALID', `ttlMs must be a positive number of milliseconds (got ${String(ttlMs)}).`);
  }
}

function removeSorted(index: string[], key: string): boolean {
  const at = index.indexOf(key);
  if (at < 0) return false;
  index.splice(at, 1);
  return true;
}

/** Throws `STORE_VALUE_INVALID` unless `value` survives JSON unchanged in kind. */
function assertJson(value: unknown): void {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (cause) {
    throw new StoreError(
      'STORE_VALUE_INVALID',
      'The value cannot be stored: it is not JSON-serializable (cycles or bigint). Store plain JSON data.',
      { cause },
    );
  }
  if (text === undefined) {
    throw new StoreError(
      'STORE_VALUE_INVALID',
      'The value cannot be stored: undefined, functions and symbols are not JSON. Use delete() to remove a key.',
    );
  }
}
