import { Keyv } from 'keyv';
import type { Driver } from './drivers/driver.js';
import { KeyvDriver } from './drivers/keyv.js';
import { MemoryDriver } from './drivers/memory.js';
import { StoreError } from './errors.js';
import { DriverStore } from './graft-store.js';
import { assertNamespace } from './keys.js';
import { KEYV_DEFAULT_NAMESPACE, POSTGRES_DEFAULT_TABLE, REDIS_DEFAULT_KEY_PREFIX, SQLITE_BUSY_TIMEOUT_MS, SQLITE_DEFAULT_TABLE } from '../defaults.js';
import type { CreateStoreOptions, GraftStore, StoreBackend } from './types.js';

const BACKENDS = ['sqlite', 'redis', 'postgres', 'adapter', 'keyv'] as const;

/**
 * Create the store Graft persists through.
 *
 * - `createStore()` — in memory (lost on exit; the default for tests and demos).
 * - `createStore({ sqlite: './graft.db' })` — a SQLite file, the embedded persistent default
 *   (several processes on one machine may share the file). Needs `better-sqlite3@12`.
 * - `createStore({ redis: 'redis://127.0.0.1:6379' })` — Redis, for several app instances. Needs `ioredis@5`.
 * - `createStore({ postgres: 'postgres://user:pw@host/db' })` — PostgreSQL, for several app instances. Needs `pg@8`.
 * - `createStore({ adapter })` / `createStore({ keyv })` — any Keyv adapter or instance; atomic
 *   within one process only.
 *
 * Client libraries are optional peer dependencies, loaded only when their backend is used. The
 * backend opens lazily; open failures (a missing client library: `STORE_DRIVER_MISSING`; a bad
 * path or an unreachable server: `STORE_BACKEND_FAILED`) surface on first use.
 *
 * @throws {@link StoreError} `STORE_CONFIG_INVALID` when more than one backend is given
 * or an option has the wrong type.
 */
export function createStore(options: CreateStoreOptions = {}): GraftStore {
  const given = BACKENDS.filter((name) => options[name] !== undefined);
  if (given.length > 1) {
    throw new StoreError('STORE_CONFIG_INVALID', `createStore got ${given.join(' and ')}; pass only one backend (sqlite, redis, postgres, adapter or keyv).`);
  }
  if (options.sqlite !== undefined && (typeof options.sqlite !== 'string' || options.sqlite.length === 0)) {
    throw new StoreError('STORE_CONFIG_INVALID', 'createStore({ sqlite }) needs a file path string, e.g. "./graft.db".');
  }
  for (const [name, schemes] of [
    ['redis', ['redis:', 'rediss:']],
    ['postgres', ['postgres:', 'postgresql:']],
  ] as const) {
    const url = options[name];
    if (url !== undefined && (typeof url !== 'string' || !schemes.some((s) => url.startsWith(s)))) {
      throw new StoreError(
        'STORE_CONFIG_INVALID',
        `createStore({ ${name} }) needs a URL string starting with ${schemes.join(' or ')}//, e.g. "${name === 'redis' ? 'redis://127.0.0.1:6379' : 'postgres://user:password@127.0.0.1:5432/app'}".`,
      );
    }
  }
  if (options.keyv !== undefined && !(options.keyv instanceof Keyv) && !looksLikeKeyv(options.keyv)) {
    throw new StoreError('STORE_CONFIG_INVALID', 'createStore({ keyv }) needs a Keyv instance (new Keyv(...)).');
  }
  if (options.namespace !== undefined) assertNamespace(options.namespace);
  const root = options.namespace === undefined ? [] : [options.namespace];
  const backend: StoreBackend = given[0] === 'adapter' || given[0] === 'keyv' ? 'keyv' : (given[0] ?? 'memory');
  return new DriverStore(backend, openDriver(options), root);
}

async function openDriver(options: CreateStoreOptions): Promise<Driver> {
  if (options.keyv) {
    options.keyv.throwOnErrors = true;
    return new KeyvDriver(options.keyv);
  }
  if (options.adapter) {
    const keyv = new Keyv({ store: options.adapter as never, namespace: KEYV_DEFAULT_NAMESPACE, throwOnErrors: true });
    // Errors are thrown to the caller (and wrapped as StoreError); a listener keeps the
    // emitter from treating them as unhandled.
    keyv.on('error', () => undefined);
    return new KeyvDriver(keyv);
  }
  if (options.sqlite !== undefined) {
    const { openSqliteDriver } = await import('./drivers/sqlite.js');
    return openSqliteDriver({
      file: options.sqlite,
      table: options.sqliteOptions?.table ?? SQLITE_DEFAULT_TABLE,
      busyTimeoutMs: options.sqliteOptions?.busyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS,
    });
  }
  if (options.redis !== undefined) {
    const { openRedisDriver } = await import('./drivers/redis.js');
    return openRedisDriver({
      url: options.redis,
      keyPrefix: options.redisOptions?.keyPrefix ?? REDIS_DEFAULT_KEY_PREFIX,
      ...(options.redisOptions?.client ? { clientOptions: options.redisOptions.client } : {}),
    });
  }
  if (options.postgres !== undefined) {
    const { openPostgresDriver } = await import('./drivers/postgres.js');
    return openPostgresDriver({
      url: options.postgres,
      table: options.postgresOptions?.table ?? POSTGRES_DEFAULT_TABLE,
      ...(options.postgresOptions?.pool ? { poolOptions: options.postgresOptions.pool } : {}),
    });
  }
  return new MemoryDriver();
}

function looksLikeKeyv(value: unknown): boolean {
  const v = value as Partial<Keyv> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.get === 'function' &&
    typeof v.set === 'function' &&
    typeof v.getMany === 'function' &&
    typeof v.deleteMany === 'function'
  );
}
