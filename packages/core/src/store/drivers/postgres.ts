/**
 * The PostgreSQL driver on pg (an optional peer): one table of key, JSON text and expiry.
 * Compare-and-set is a single conditional statement (`UPDATE … WHERE value = $expected`,
 * `INSERT … ON CONFLICT`), so the server decides atomically; keys are listed by a range scan
 * on the primary key (`COLLATE "C"`); notifications are `LISTEN/NOTIFY` on one channel whose
 * payload names the topic.
 */
import type { Client, Pool, PoolConfig } from 'pg';
import { TopicListeners, expiresAt, type Driver, type RawValue, type RawWrite } from './driver.js';
import { loadPeer } from './load-peer.js';

/** Options of {@link openPostgresDriver}. */
export interface PostgresDriverOptions {
  url: string;
  table: string;
  /** Passed to `pg.Pool` as is (besides the connection string). */
  poolOptions?: Record<string, unknown>;
}

const IDENT = /^[a-z_][a-z0-9_]{0,40}$/;
const LAST = '\u{10FFFF}';

/** Connects, creates the table when missing (safe when several instances start at once). */
export async function openPostgresDriver(options: PostgresDriverOptions): Promise<PostgresDriver> {
  const pg = await loadPeer<typeof import('pg')>('pg', 'pg@8', 'PostgreSQL');
  if (!IDENT.test(options.table)) throw new Error(`Invalid PostgreSQL table name "${options.table}" (lower-case letters, digits, _).`);
  const pool = new pg.Pool({ connectionString: options.url, ...(options.poolOptions as PoolConfig) });
  pool.on('error', () => undefined); // idle-client errors; the next query reports its own
  try {
    const client = await pool.connect();
    try {
      // Serialize table creation between instances starting together.
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [options.table]);
      await client.query(`CREATE TABLE IF NOT EXISTS ${options.table} (key TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL, expires BIGINT)`);
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [options.table]);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return new PostgresDriver(pool, options.table, pg.Client, options);
}

/** See the file comment. */
export class PostgresDriver implements Driver {
  readonly kind = 'postgres' as const;
  readonly shared = true;
  private readonly listeners = new TopicListeners();
  private listener: Promise<Client> | undefined;
  private readonly channel: string;
  private readonly sql: Record<'get' | 'getMany' | 'set' | 'del' | 'keys' | 'delPrefix' | 'insertIfAbsent' | 'update' | 'deleteIf' | 'exists', string>;

  constructor(
    private readonly pool: Pool,
    table: string,
    private readonly ClientClass: typeof Client,
    private readonly options: PostgresDriverOptions,
  ) {
    this.channel = `${table}_changes`;
    const live = '(expires IS NULL OR expires > $NOW)';
    const at = (n: number, text: string) => text.replace('$NOW', `$${n}`);
    this.sql = {
      get: at(2, `SELECT value FROM ${table} WHERE key = $1 AND ${live}`),
      getMany: at(2, `SELECT key, value FROM ${table} WHERE key = ANY($1::text[]) AND ${live}`),
      set: `INSERT INTO ${table} (key, value, expires) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires = excluded.expires`,
      del: at(2, `DELETE FROM ${table} WHERE key = $1 RETURNING ${live} AS live`),
      keys: at(3, `SELECT key FROM ${table} WHERE key >= $1 AND key < $2 AND ${live}`),
      delPrefix: `DELETE FROM ${table} WHERE key >= $1 AND key < $2`,
      insertIfAbsent: `INSERT INTO ${table} AS t (key, value, expires) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires = excluded.expires WHERE t.expires IS NOT NULL AND t.expires <= $4`,
      update: at(5, `UPDATE ${table} SET value = $2, expires = $3 WHERE key = $1 AND value = $4 AND ${live}`),
      deleteIf: at(3, `DELETE FROM ${table} WHERE key = $1 AND value = $2 AND ${live}`),
      exists: at(2, `SELECT 1 FROM ${table} WHERE key = $1 AND ${live}`),
    };
  }

  async get(key: string): Promise<RawValue | undefined> {
    const { rows } = await this.pool.query<{ value: string }>(this.sql.get, [key, Date.now()]);
    return rows[0]?.value;
  }

  async getMany(keys: readonly string[]): Promise<Array<RawValue | undefined>> {
    if (keys.length === 0) return [];
    const { rows } = await this.pool.query<{ key: string; value: string }>(this.sql.getMany, [keys, Date.now()]);
    const found = new Map(rows.map((r) => [r.key, r.value]));
    return keys.map((k) => found.get(k));
  }

  async set(key: string, value: RawValue, ttlMs?: number): Promise<void> {
    await this.pool.query(this.sql.set, [key, value, expiresAt(ttlMs)]);
  }

  async setMany(writes: readonly RawWrite[]): Promise<void> {
    if (writes.length === 0) return;
    if (writes.length === 1) return this.set(writes[0].key, writes[0].value, writes[0].ttlMs);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      for (const w of writes) await client.query(this.sql.set, [w.key, w.value, expiresAt(w.ttlMs)]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async delete(key: string): Promise<boolean> {
    const { rows } = await this.pool.query<{ live: boolean }>(this.sql.del, [key, Date.now()]);
    return rows[0]?.live === true;
  }

  async keys(prefix: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ key: string }>(this.sql.keys, [prefix, prefix + LAST, Date.now()]);
    return rows.map((r) => r.key);
  }

  async deletePrefix(prefix: string): Promise<void> {
    await this.pool.query(this.sql.delPrefix, [prefix, prefix + LAST]);
  }

  async compareAndSet(key: string, expected: RawValue | undefined, next: RawValue | undefined, ttlMs?: number): Promise<boolean> {
    const now = Date.now();
    if (expected === undefined && next === undefined) return (await this.pool.query(this.sql.exists, [key, now])).rowCount === 0;
    if (expected === undefined) return (await this.pool.query(this.sql.insertIfAbsent, [key, next, expiresAt(ttlMs), now])).rowCount === 1;
    if (next === undefined) return (await this.pool.query(this.sql.deleteIf, [key, expected, now])).rowCount === 1;
    return (await this.pool.query(this.sql.update, [key, next, expiresAt(ttlMs), expected, now])).rowCount === 1;
  }

  async publish(topic: string): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [this.channel, topic]);
  }

  async subscribe(topic: string, listener: () => void): Promise<() => Promise<void>> {
    this.listeners.add(topic, listener);
    try {
      await (this.listener ??= this.openListener());
    } catch (error) {
      this.listeners.remove(topic, listener);
      this.listener = undefined;
      throw error;
    }
    return async () => {
      this.listeners.remove(topic, listener);
    };
  }

  private async openListener(): Promise<Client> {
    const client = new this.ClientClass({ connectionString: this.options.url, ...(this.options.poolOptions as PoolConfig) });
    client.on('error', () => undefined);
    client.on('notification', (message) => {
      if (message.channel === this.channel && message.payload) this.listeners.emit(message.payload);
    });
    await client.connect();
    await client.query(`LISTEN ${this.channel}`);
    return client;
  }

  async close(): Promise<void> {
    this.listeners.clear();
    const listener = this.listener;
    this.listener = undefined;
    if (listener) await (await listener.catch(() => undefined))?.end().catch(() => undefined);
    await this.pool.end();
  }
}
