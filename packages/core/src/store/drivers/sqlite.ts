/**
 * The SQLite driver on a synchronous SQLite binding: better-sqlite3 (an optional peer) on
 * Node, or the runtime's built-in `node:sqlite` where better-sqlite3 cannot load (Deno, which
 * has no legacy native addons) or is not installed (Node ≥ 22.5). One table of key, JSON text
 * and expiry. Each compare-and-set is one `BEGIN IMMEDIATE` transaction, so it is atomic
 * across every process that opens the same file (WAL mode; writers wait up to the busy
 * timeout). Notifications are a per-topic change counter in a second table, polled while
 * subscribed.
 */
import { StoreError } from '../errors.js';
import { NOTIFY_POLL_MS } from '../../defaults.js';
import { TopicListeners, expiresAt, type Driver, type RawValue, type RawWrite } from './driver.js';

/** The part of better-sqlite3's and `node:sqlite`'s synchronous APIs this driver uses. */
interface SyncStatement {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): unknown;
}
interface SyncDatabase {
  exec(sql: string): unknown;
  prepare(sql: string): SyncStatement;
  close(): void;
}

/** Options of {@link openSqliteDriver}. */
export interface SqliteDriverOptions {
  file: string;
  table: string;
  busyTimeoutMs: number;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Opens the file with the first binding that loads here. */
async function openDatabase(file: string): Promise<SyncDatabase> {
  const deno = typeof (globalThis as { Deno?: unknown }).Deno !== 'undefined';
  const bindings = deno ? ['node:sqlite', 'better-sqlite3'] : ['better-sqlite3', 'node:sqlite'];
  const failures: unknown[] = [];
  for (const name of bindings) {
    try {
      const loaded = (await import(name)) as { default?: unknown; DatabaseSync?: new (file: string) => SyncDatabase };
      if (name === 'node:sqlite') return new loaded.DatabaseSync!(file);
      const Database = (loaded.default ?? loaded) as new (file: string) => SyncDatabase;
      return new Database(file);
    } catch (error) {
      failures.push(error);
      if (!isLoadFailure(error)) throw error; // e.g. a bad path: not a missing binding
    }
  }
  throw new StoreError(
    'STORE_DRIVER_MISSING',
    'The SQLite store needs the optional package "better-sqlite3" (or a runtime with node:sqlite). Install it next to @graft/core: npm install better-sqlite3@12',
    { cause: failures[0] },
  );
}

function isLoadFailure(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    ['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND', 'ERR_UNKNOWN_BUILTIN_MODULE', 'ERR_DLOPEN_FAILED'].includes(e?.code ?? '') ||
    /native addon|Cannot find module|No such built-in module|Could not locate the bindings file/i.test(e?.message ?? '')
  );
}

/** Opens (creating when missing) the file and its tables. */
export async function openSqliteDriver(options: SqliteDriverOptions): Promise<SqliteDriver> {
  if (!IDENT.test(options.table)) throw new Error(`Invalid SQLite table name "${options.table}" (letters, digits, _).`);
  const db = await openDatabase(options.file);
  try {
    db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
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

const value = (row: unknown): RawValue | undefined => (row as { value?: RawValue } | undefined)?.value;

/** See the file comment. */
export class SqliteDriver implements Driver {
  readonly kind = 'sqlite' as const;
  readonly shared = true;
  private readonly listeners = new TopicListeners();
  private readonly seen = new Map<string, number>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private open = true;
  private readonly q: Record<'get' | 'set' | 'del' | 'keys' | 'delPrefix' | 'bump' | 'changes', SyncStatement>;

  constructor(
    private readonly db: SyncDatabase,
    table: string,
  ) {
    const live = '(expires IS NULL OR expires > ?)';
    this.q = {
      get: db.prepare(`SELECT value FROM ${table} WHERE key = ? AND ${live}`),
      set: db.prepare(
        `INSERT INTO ${table} (key, value, expires) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires = excluded.expires`,
      ),
      del: db.prepare(`DELETE FROM ${table} WHERE key = ? RETURNING ${live} AS live`),
      keys: db.prepare(`SELECT key FROM ${table} WHERE key >= ? AND key < ? AND ${live}`),
      delPrefix: db.prepare(`DELETE FROM ${table} WHERE key >= ? AND key < ?`),
      bump: db.prepare(`INSERT INTO ${table}_changes (topic, n) VALUES (?, 1) ON CONFLICT(topic) DO UPDATE SET n = n + 1`),
      changes: db.prepare(`SELECT topic, n FROM ${table}_changes`),
    };
  }

  /** Runs `work` in one immediate (write-locking) transaction. */
  private transaction<T>(work: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  async get(key: string): Promise<RawValue | undefined> {
    return value(this.q.get.get(key, Date.now()));
  }

  async getMany(keys: readonly string[]): Promise<Array<RawValue | undefined>> {
    const now = Date.now();
    return keys.map((key) => value(this.q.get.get(key, now)));
  }

  async set(key: string, value: RawValue, ttlMs?: number): Promise<void> {
    this.q.set.run(key, value, expiresAt(ttlMs));
  }

  async setMany(writes: readonly RawWrite[]): Promise<void> {
    this.transaction(() => {
      for (const w of writes) this.q.set.run(w.key, w.value, expiresAt(w.ttlMs));
    });
  }

  async delete(key: string): Promise<boolean> {
    return Number((this.q.del.get(key, Date.now()) as { live?: number } | undefined)?.live) === 1;
  }

  async keys(prefix: string): Promise<string[]> {
    return (this.q.keys.all(prefix, `${prefix}\u{10FFFF}`, Date.now()) as Array<{ key: string }>).map((row) => row.key);
  }

  async deletePrefix(prefix: string): Promise<void> {
    this.q.delPrefix.run(prefix, `${prefix}\u{10FFFF}`);
  }

  async compareAndSet(key: string, expected: RawValue | undefined, next: RawValue | undefined, ttlMs?: number): Promise<boolean> {
    const expires = expiresAt(ttlMs);
    return this.transaction(() => {
      if (value(this.q.get.get(key, Date.now())) !== expected) return false;
      if (next === undefined) this.q.del.get(key, Date.now());
      else this.q.set.run(key, next, expires);
      return true;
    });
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
    for (const row of this.q.changes.all() as Array<{ topic: string; n: number }>) this.seen.set(row.topic, Number(row.n));
  }

  private poll(): void {
    let rows: Array<{ topic: string; n: number }>;
    try {
      rows = this.q.changes.all() as Array<{ topic: string; n: number }>;
    } catch {
      return; // closed or busy: the next poll tries again
    }
    for (const row of rows) {
      const n = Number(row.n);
      if (this.seen.get(row.topic) === n) continue;
      this.seen.set(row.topic, n);
      this.listeners.emit(row.topic);
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.listeners.clear();
    if (this.open) this.db.close();
    this.open = false;
  }
}
