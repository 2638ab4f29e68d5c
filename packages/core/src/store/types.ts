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
 * parent's or a sibling's. `list`/`keys` work on every backend: SQLite, Redis and PostgreSQL
 * are queried by key prefix; a Keyv adapter keeps an explicit index next to the data.
 *
 * Beyond plain get/set, the store offers what several app instances need: {@link GraftStore.update}
 * (an atomic read-modify-write of one key) and change notifications
 * ({@link GraftStore.publish} / {@link GraftStore.subscribe}), each built on the backend's own
 * primitives (see {@link StoreBackend}).
 */
export interface GraftStore {
  /** The namespace path of this handle (`[]` for the root). */
  readonly path: readonly string[];
  /** Which backend this store runs on, and so what it guarantees across processes. */
  readonly backend: StoreBackend;
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
  /**
   * Atomically replace the value of `key` with `fn(current)` (`current` is `undefined` when
   * the key is missing; return `undefined` to delete it, or `current` itself to leave it as
   * is). When another writer — in this or any other process sharing the backend — changed the
   * key meanwhile, `fn` runs again on the new value, so `fn` must be a pure function of its
   * argument. Resolves to the value written (or kept). Throwing from `fn` aborts with no write.
   *
   * Atomic across processes on SQLite (an immediate transaction), Redis (a Lua
   * compare-and-set) and PostgreSQL (a conditional `UPDATE`/`INSERT … ON CONFLICT`); within
   * this process only on memory and Keyv adapters.
   * @throws {@link StoreError} `STORE_CONFLICT` after `MAX_UPDATE_ATTEMPTS` lost races.
   */
  update<T = unknown>(key: string, fn: (current: T | undefined) => T | undefined, options?: UpdateOptions): Promise<T | undefined>;
  /**
   * Tell every subscriber of `topic` in this namespace — in this process and, on SQLite, Redis
   * and PostgreSQL, in every other process on the same backend — that something changed.
   * Delivery is "at least once soon" (Redis pub/sub, PostgreSQL `NOTIFY`: milliseconds;
   * SQLite: a change counter polled every `NOTIFY_POLL_MS`), with no payload: subscribers
   * re-read what they need.
   */
  publish(topic: string): Promise<void>;
  /**
   * Call `listener` after each `publish(topic)` on this namespace; resolves to an unsubscribe
   * function. Listeners must not throw (errors are swallowed).
   */
  subscribe(topic: string, listener: () => void): Promise<() => Promise<void>>;
  /** Delete every key of this namespace (child namespaces are kept; clear them through their handles). */
  clear(): Promise<void>;
  /** A handle on the child namespace `name` (any non-empty string). */
  namespace(name: string): GraftStore;
  /** Close the backend (all handles of this store). Further calls fail with `STORE_CLOSED`. */
  close(): Promise<void>;
  /** `close()`, so `await using store = createStore(…)` closes it at the end of the scope. */
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * The backend of a {@link GraftStore}:
 *
 * | backend | persistent | several processes | `update` | notifications |
 * |---|---|---|---|---|
 * | `memory` | no | no | in process | in process |
 * | `sqlite` | yes | yes, on one machine (one file) | immediate transaction | change counter, polled |
 * | `redis` | as the server is configured | yes | Lua compare-and-set | pub/sub |
 * | `postgres` | yes | yes | conditional `UPDATE` / `INSERT … ON CONFLICT` | `LISTEN/NOTIFY` |
 * | `keyv` | as the adapter | no (the key index and `update` are atomic per process only) | in process | in process |
 */
export type StoreBackend = 'memory' | 'sqlite' | 'redis' | 'postgres' | 'keyv';

/** Options of {@link GraftStore.update}. */
export interface UpdateOptions {
  /** Expire the written value after this many milliseconds (also refreshes the expiry when the value is unchanged). */
  ttlMs?: number;
}

/**
 * Options of {@link createStore}. Pass at most one of `sqlite`, `redis`, `postgres`, `adapter`,
 * `keyv`. The client libraries are optional peer dependencies, loaded only when used:
 * `better-sqlite3@12` for SQLite, `ioredis@5` for Redis, `pg@8` for PostgreSQL.
 */
export interface CreateStoreOptions {
  /** Path of a SQLite file (created if missing) — the embedded persistent default. `':memory:'` works too. Needs `better-sqlite3`. */
  sqlite?: string;
  /** A Redis URL (`redis://[:password@]host:port[/db]`, `rediss://` for TLS) shared by several app instances. Needs `ioredis`. */
  redis?: string;
  /** A PostgreSQL connection string (`postgres://user:password@host:port/db`) shared by several app instances. Needs `pg`. */
  postgres?: string;
  /** Any Keyv storage adapter. Atomic within one process only: for several processes use `sqlite`, `redis` or `postgres`. */
  adapter?: KeyvStoreAdapter;
  /** A ready Keyv instance; Graft uses it as is and closes it on `close()`. Same caveat as `adapter`. */
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
  /** Redis options. */
  redisOptions?: {
    /** Prefix of every key and of the notification channel (default `'graft:'`). */
    keyPrefix?: string;
    /** Passed to ioredis as is (TLS, timeouts, …). */
    client?: Record<string, unknown>;
  };
  /** PostgreSQL options. */
  postgresOptions?: {
    /** Table name (default `'graft_store'`; lower-case letters, digits and `_`). */
    table?: string;
    /** Passed to `pg.Pool` as is (pool size, TLS, …). */
    pool?: Record<string, unknown>;
  };
}
