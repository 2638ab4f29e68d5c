import type { Keyv, KeyvStoreAdapter } from 'keyv';

/** One stored entry, as returned by {@link GraftStore.list}. */
export interface StoreEntry<T = unknown> {
  /** The key inside the namespace it was listed from. */
  key: string;
  /** The stored value. */
  value: T;
}

/**
 * The small key-value contract the rest of Graft persists through. Values are JSON
 * (plain objects, arrays, strings, numbers, booleans, null). Every handle is bound to a
 * namespace; `namespace(name)` returns a child handle whose keys never collide with the
 * parent's or a sibling's. `list`/`keys` work on every adapter: SQLite is queried by key
 * prefix; other adapters keep an explicit index next to the data (Keyv cannot list keys).
 */
export interface GraftStore {
  /** The namespace path of this handle (`[]` for the root). */
  readonly path: readonly string[];
  /** Read a value; `undefined` when missing or expired. */
  get<T = unknown>(key: string): Promise<T | undefined>;
  /** Read several values in one round-trip where the adapter supports it. */
  getMany<T = unknown>(keys: readonly string[]): Promise<Array<T | undefined>>;
  /** Write a value, optionally expiring after `ttlMs` milliseconds. */
  set<T = unknown>(key: string, value: T, ttlMs?: number): Promise<void>;
  /** Write several values with one index update (faster than repeated `set`). */
  setMany(entries: ReadonlyArray<StoreEntry & { ttlMs?: number }>): Promise<void>;
  /** Remove a key; resolves `true` when it existed. */
  delete(key: string): Promise<boolean>;
  /** Whether a (non-expired) value exists. */
  has(key: string): Promise<boolean>;
  /** Keys of this namespace (not of child namespaces) starting with `prefix`, sorted (expired TTL keys may remain until deleted). */
  keys(prefix?: string): Promise<string[]>;
  /** Entries of this namespace starting with `prefix`, sorted by key; expired ones are skipped. */
  list<T = unknown>(prefix?: string): Promise<Array<StoreEntry<T>>>;
  /** Delete every key of this namespace (child namespaces are kept; clear them through their handles). */
  clear(): Promise<void>;
  /** A handle on the child namespace `name` (any non-empty string). */
  namespace(name: string): GraftStore;
  /** Close the backend (all handles of this store). Further calls fail with `STORE_CLOSED`. */
  close(): Promise<void>;
}

/** Options of {@link createStore}. Pass at most one of `sqlite`, `adapter`, `keyv`. */
export interface CreateStoreOptions {
  /** Path of a SQLite file (created if missing) — the embedded persistent default. `':memory:'` works too. */
  sqlite?: string;
  /** Any Keyv storage adapter (e.g. `new KeyvRedis(url)`, `new KeyvPostgres(...)`). */
  adapter?: KeyvStoreAdapter;
  /** A ready Keyv instance; Graft uses it as is and closes it on `close()`. */
  keyv?: Keyv;
  /** Root namespace segment, to share one backend between several apps. */
  namespace?: string;
  /** SQLite options. */
  sqliteOptions?: {
    /** Table name (default `'graft'`). */
    table?: string;
    /** How long to wait for another connection's lock, ms (default 5000). */
    busyTimeoutMs?: number;
  };
}
