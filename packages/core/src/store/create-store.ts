import { Keyv } from 'keyv';
import { StoreError } from './errors.js';
import { assertNamespace } from './keys.js';
import { MemoryIndex, QueryIndex, StoredIndex } from './key-index.js';
import { KeyvGraftStore, type Backend } from './keyv-store.js';
import { KEYV_DEFAULT_NAMESPACE, SQLITE_BUSY_TIMEOUT_MS, SQLITE_DEFAULT_TABLE } from './limits.js';
import type { CreateStoreOptions, GraftStore } from './types.js';

/**
 * Create the store Graft persists through.
 *
 * - `createStore()` — in memory (lost on exit; the default for tests and demos).
 * - `createStore({ sqlite: './graft.db' })` — a SQLite file, the embedded persistent default.
 * - `createStore({ adapter })` — any Keyv adapter, e.g. Redis or PostgreSQL, when several
 *   app instances share one registry.
 * - `createStore({ keyv })` — a Keyv instance you configured yourself.
 *
 * The backend opens lazily (SQLite's native module loads only when a SQLite store is
 * created); open failures surface on first use as `STORE_BACKEND_FAILED`.
 *
 * @throws {@link StoreError} `STORE_CONFIG_INVALID` when more than one backend is given
 * or an option has the wrong type.
 */
export function createStore(options: CreateStoreOptions = {}): GraftStore {
  const given = (['sqlite', 'adapter', 'keyv'] as const).filter((name) => options[name] !== undefined);
  if (given.length > 1) {
    throw new StoreError(
      'STORE_CONFIG_INVALID',
      `createStore got ${given.join(' and ')}; pass only one backend (sqlite, adapter or keyv).`,
    );
  }
  if (options.sqlite !== undefined && (typeof options.sqlite !== 'string' || options.sqlite.length === 0)) {
    throw new StoreError('STORE_CONFIG_INVALID', 'createStore({ sqlite }) needs a file path string, e.g. "./graft.db".');
  }
  if (options.keyv !== undefined && !(options.keyv instanceof Keyv) && !looksLikeKeyv(options.keyv)) {
    throw new StoreError('STORE_CONFIG_INVALID', 'createStore({ keyv }) needs a Keyv instance (new Keyv(...)).');
  }
  if (options.namespace !== undefined) assertNamespace(options.namespace);
  const root = options.namespace === undefined ? [] : [options.namespace];
  return new KeyvGraftStore(openBackend(options), root);
}

async function openBackend(options: CreateStoreOptions): Promise<Backend> {
  if (options.keyv) {
    options.keyv.throwOnErrors = true;
    return { keyv: options.keyv, index: new StoredIndex(options.keyv) };
  }
  if (options.adapter) {
    const keyv = newKeyv(options.adapter);
    return { keyv, index: new StoredIndex(keyv) };
  }
  if (options.sqlite !== undefined) {
    const { KeyvSqlite } = await import('@keyv/sqlite');
    const adapter = new KeyvSqlite({
      uri: `sqlite://${options.sqlite}`,
      table: options.sqliteOptions?.table ?? SQLITE_DEFAULT_TABLE,
      busyTimeout: options.sqliteOptions?.busyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS,
    });
    // Open now so a bad path fails here (as STORE_BACKEND_FAILED on first use). WAL lets
    // readers and one writer work at once and makes each commit far cheaper than the
    // rollback journal; NORMAL sync is durable across app crashes in WAL mode.
    await adapter.query('PRAGMA journal_mode=WAL');
    await adapter.query('PRAGMA synchronous=NORMAL');
    // Keys are listed with a range query on the primary key: exact, and safe when several
    // processes share the file (no index array to race on).
    const table = adapter.opts.table as string;
    const namespaced = `${KEYV_DEFAULT_NAMESPACE}:`;
    const list = async (prefix: string): Promise<string[]> => {
      const start = namespaced + prefix;
      const rows: Array<{ key: string }> = await adapter.query(
        `SELECT key FROM ${table} WHERE key >= ? AND key < ?`,
        start,
        `${start}\u{10FFFF}`,
      );
      return rows.map((row) => row.key.slice(namespaced.length));
    };
    return { keyv: newKeyv(adapter), index: new QueryIndex(list) };
  }
  return { keyv: newKeyv(new Map()), index: new MemoryIndex() };
}

function newKeyv(store: unknown): Keyv {
  const keyv = new Keyv({ store: store as never, namespace: KEYV_DEFAULT_NAMESPACE, throwOnErrors: true });
  // Errors are thrown to the caller (and wrapped as StoreError); a listener keeps the
  // emitter from treating them as unhandled.
  keyv.on('error', () => undefined);
  return keyv;
}

function looksLikeKeyv(value: unknown): boolean {
  const v = value as Partial<Keyv> | null;
  return typeof v === 'object' && v !== null && typeof v.get === 'function' && typeof v.set === 'function'
    && typeof v.getMany === 'function' && typeof v.deleteMany === 'function';
}
