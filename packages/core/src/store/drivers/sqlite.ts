/**
 * The SQLite driver on better-sqlite3 (an optional peer): one table of key, JSON text and
 * expiry. Each compare-and-set is one `BEGIN IMMEDIATE` transaction, so it is atomic across
 * every process that opens the same file (WAL mode; writers wait up to the busy timeout).
 * Notifications are a per-topic change counter in a second table, polled while subscribed.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { NOTIFY_POLL_MS } from '../limits.js';
import { TopicListeners, expiresAt, type Driver, type RawValue, type RawWrite } from './driver.js';
import { loadPeer } from './load-peer.js';

type Database = BetterSqlite3.Database;
type Statement = BetterSqlite3.Statement;

/** Options of {@link openSqliteDriver}. */
export interface SqliteDriverOptions {
  file: string;
  table: string;
  busyTimeoutMs: number;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Opens (creating when missing) the file and its tables. */
export async function openSqliteDriver(options: SqliteDriverOptions): Promise<SqliteDriver> {
  const Database = await loadPeer<typeof BetterSqlite3>('better-sqlite3', 'better-sqlite3@12', 'SQLite');
  if (!IDENT.test(options.table)) throw new Error(`Invalid SQLite table name "${options.table}" (letters, digits, _).`);
  const db = new Database(options.file, { timeout: options.busyTimeoutMs });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${options.table} (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires INTEGER) WITHOUT ROWID;
       CREATE TABLE IF NOT EXISTS ${options.table}_changes (topic TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;`,
    );
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteDriver(db, options.table);
}

/** See the file comment. */
export class SqliteDriver implements Driver {
  readonly kind = 'sqlite' as const;
  readonly shared = true;
  private readonly listeners = new TopicListeners();
  private readonly seen = new Map<string, number>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly q: Record<'get' | 'set' | 'del' | 'keys' | 'delPrefix' | 'bump' | 'changes', Statement>;
  private readonly cas: (key: string, expected: RawValue | undefined, next: RawValue | undefined, expires: number | null) => boolean;
  private readonly setAll: (writes: readonly RawWrite[]) => void;

  constructor(
    private readonly db: Database,
    table: string,
  ) {
    const live = '(expires IS NULL OR expires > ?)';
    this.q = {
      get: db.prepare(`SELECT value FROM ${table} WHERE key = ? AND ${live}`).pluck(),
      set: db.prepare(`INSERT INTO ${table} (key, value, expires) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires = excluded.expires`),
      del: db.prepare(`DELETE FROM ${table} WHERE key = ? RETURNING ${live} AS live`).pluck(),
      keys: db.prepare(`SELECT key FROM ${table} WHERE key >= ? AND key < ? AND ${live}`).pluck(),
      delPrefix: db.prepare(`DELETE FROM ${table} WHERE key >= ? AND key < ?`),
      bump: db.prepare(`INSERT INTO ${table}_changes (topic, n) VALUES (?, 1) ON CONFLICT(topic) DO UPDATE SET n = n + 1`),
      changes: db.prepare(`SELECT topic, n FROM ${table}_changes`),
    };
    this.cas = db.transaction((key: string, expected: RawValue | undefined, next: RawValue | undefined, expires: number | null) => {
      const current = this.q.get.get(key, Date.now()) as RawValue | undefined;
      if (current !== expected) return false;
      if (next === undefined) this.q.del.get(key, Date.now());
      else this.q.set.run(key, next, expires);
      return true;
    }).immediate as never;
    this.setAll = db.transaction((writes: readonly RawWrite[]) => {
      for (const w of writes) this.q.set.run(w.key, w.value, expiresAt(w.ttlMs));
    }).immediate as never;
  }

  async get(key: string): Promise<RawValue | undefined> {
    return this.q.get.get(key, Date.now()) as RawValue | undefined;
  }

  async getMany(keys: readonly string[]): Promise<Array<RawValue | undefined>> {
    const now = Date.now();
    return keys.map((key) => this.q.get.get(key, now) as RawValue | undefined);
  }

  async set(key: string, value: RawValue, ttlMs?: number): Promise<void> {
    this.q.set.run(key, value, expiresAt(ttlMs));
  }

  async setMany(writes: readonly RawWrite[]): Promise<void> {
    this.setAll(writes);
  }

  async delete(key: string): Promise<boolean> {
    return this.q.del.get(key, Date.now()) === 1;
  }

  async keys(prefix: string): Promise<string[]> {
    return this.q.keys.all(prefix, `${prefix}\u{10FFFF}`, Date.now()) as string[];
  }

  async deletePrefix(prefix: string): Promise<void> {
    this.q.delPrefix.run(prefix, `${prefix}\u{10FFFF}`);
  }

  async compareAndSet(key: string, expected: RawValue | undefined, next: RawValue | undefined, ttlMs?: number): Promise<boolean> {
    return this.cas(key, expected, next, expiresAt(ttlMs));
  }

  async publish(topic: string): Promise<void> {
    this.q.bump.run(topic);
    // Local subscribers hear it at once; other processes on their next poll.
    this.poll();
  }

  async subscribe(topic: string, listener: () => void): Promise<() => Promise<void>> {
    if (this.listeners.add(topic, listener) && this.seen.size === 0) this.snapshot();
    this.timer ??= setInterval(() => this.poll(), NOTIFY_POLL_MS);
    this.timer.unref?.();
    return async () => {
      this.listeners.remove(topic, listener);
      if (this.listeners.topics().length === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  private snapshot(): void {
    for (const row of this.q.changes.all() as Array<{ topic: string; n: number }>) this.seen.set(row.topic, row.n);
  }

  private poll(): void {
    let rows: Array<{ topic: string; n: number }>;
    try {
      rows = this.q.changes.all() as Array<{ topic: string; n: number }>;
    } catch {
      return; // closed or busy: the next poll tries again
    }
    for (const row of rows) {
      if (this.seen.get(row.topic) === row.n) continue;
      this.seen.set(row.topic, row.n);
      this.listeners.emit(row.topic);
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.listeners.clear();
    if (this.db.open) this.db.close();
  }
}
