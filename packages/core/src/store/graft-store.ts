/**
 * {@link GraftStore} over a {@link Driver}: namespacing, validation, JSON, the retry loop of
 * `update`, and error wrapping. The driver does the backend work (see `drivers/`).
 */
import { backendCall } from './backend-call.js';
import type { Driver } from './drivers/driver.js';
import { MemoryDriver } from './drivers/memory.js';
import { StoreError } from './errors.js';
import { MAX_UPDATE_ATTEMPTS, MAX_UPDATE_BACKOFF_MS } from '../defaults.js';
import { assertKey, assertNamespace, dataKey, namespacePrefix } from './keys.js';
import { KeyedMutex } from './mutex.js';
import type { GraftStore, StoreBackend, StoreEntry, UpdateOptions } from './types.js';

/** What every handle of one store shares: the driver, the closed flag, local update locks. */
interface SharedState {
  driver: Promise<Driver>;
  /** The driver once open (operations then skip awaiting `driver`). */
  open?: Driver;
  closed: boolean;
  locks: KeyedMutex;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** See the file comment. */
export class DriverStore implements GraftStore {
  readonly path: readonly string[];
  readonly backend: StoreBackend;
  private readonly shared: SharedState;
  private readonly prefix: string;

  /** @internal Use `createStore`. */
  constructor(backend: StoreBackend, driver: Promise<Driver> | SharedState, path: readonly string[] = [], prefix?: string) {
    this.backend = backend;
    this.shared = driver instanceof Promise ? { driver, closed: false, locks: new KeyedMutex() } : driver;
    this.path = Object.freeze([...path]);
    this.prefix = prefix ?? namespacePrefix(this.path);
    // A rejected open must not surface as an unhandled rejection before first use (attached
    // once, by the root handle; namespaces share its state).
    if (driver instanceof Promise) driver.catch(() => undefined);
  }

  namespace(name: string): GraftStore {
    assertNamespace(name);
    return new DriverStore(this.backend, this.shared, [...this.path, name], this.prefix + namespacePrefix([name]));
  }

  async get<T = unknown>(key: string): Promise<T | undefined> {
    assertKey(key);
    const driver = await this.open();
    return parse<T>(await this.call('read', () => driver.get(dataKey(this.prefix, key))));
  }

  async getMany<T = unknown>(keys: readonly string[]): Promise<Array<T | undefined>> {
    keys.forEach((key) => assertKey(key));
    if (keys.length === 0) return [];
    const driver = await this.open();
    const raw = await this.call('read', () => driver.getMany(keys.map((key) => dataKey(this.prefix, key))));
    return raw.map((text) => parse<T>(text));
  }

  async set<T = unknown>(key: string, value: T, ttlMs?: number): Promise<void> {
    assertKey(key);
    const text = toJson(value);
    assertTtl(ttlMs);
    const driver = await this.open();
    await this.call('write', () => driver.set(dataKey(this.prefix, key), text, ttlMs));
  }

  async setMany(entries: ReadonlyArray<StoreEntry & { ttlMs?: number }>): Promise<void> {
    const writes = entries.map((entry) => {
      assertKey(entry.key);
      assertTtl(entry.ttlMs);
      return { key: dataKey(this.prefix, entry.key), value: toJson(entry.value), ttlMs: entry.ttlMs };
    });
    if (writes.length === 0) return;
    const driver = await this.open();
    await this.call('write', () => driver.setMany(writes));
  }

  /**
   * @internal Whether {@link DriverStore.setValues} may be used: the store is open, on a backend
   * whose batch write is one atomic step applied in order (memory: synchronous; SQLite: one
   * transaction). Callers on Redis, PostgreSQL and Keyv take the public operations.
   */
  atomicBatches(): boolean {
    const kind = this.shared.open?.kind;
    return !this.shared.closed && (kind === 'memory' || kind === 'sqlite');
  }

  /** @internal The physical key of `key` in this namespace (for {@link DriverStore.setValues}). */
  physicalKey(key: string): string {
    assertKey(key);
    return dataKey(this.prefix, key);
  }

  /**
   * @internal The physical key prefix of child namespace `name`'s entries:
   * `namespace(name).physicalKey(key)` is this plus `key`, made without a handle.
   */
  childKeyPrefix(name: string): string {
    assertNamespace(name);
    return dataKey(`${this.prefix}${encodeURIComponent(name)}/`, '');
  }

  /**
   * @internal One backend batch of writes under physical keys of any namespace of this store
   * (from {@link DriverStore.physicalKey}), stored as `set` stores them. Each value must be
   * plain JSON data (no check) that nobody mutates afterwards: the memory backend keeps it as is.
   */
  async setValues(writes: ReadonlyArray<{ key: string; value: unknown }>): Promise<void> {
    const driver = this.shared.open && !this.shared.closed ? this.shared.open : await this.open();
    if (driver instanceof MemoryDriver) {
      driver.setData(writes);
      return;
    }
    await this.call('write', () => driver.setMany(writes.map((w) => ({ key: w.key, value: JSON.stringify(w.value) }))));
  }

  /**
   * @internal Whether the store is open on the memory backend: private to this process, it keeps
   * the objects {@link DriverStore.setValues} stores (the checkpointer keeps its own layout there).
   */
  inMemory(): boolean {
    return !this.shared.closed && this.shared.open instanceof MemoryDriver;
  }

  /**
   * @internal {@link DriverStore.setValues} done at once on the memory backend (its writes are
   * synchronous): true when written, false on every other backend or before the store opened.
   */
  setValuesNow(writes: ReadonlyArray<{ key: string; value: unknown }>): boolean {
    const driver = this.shared.open;
    if (this.shared.closed || !(driver instanceof MemoryDriver)) return false;
    driver.setData(writes);
    return true;
  }

  /**
   * @internal The physical keys (of any namespace of this store) starting with `prefix`, in no
   * particular order, without a promise on the memory backend; `undefined` on every other
   * backend or before the store opened.
   */
  physicalKeysNow(prefix: string): string[] | undefined {
    const driver = this.shared.open;
    if (this.shared.closed || !(driver instanceof MemoryDriver)) return undefined;
    return driver.keysNow(prefix);
  }

  /**
   * @internal The values of physical keys of any namespace of this store, in one backend read.
   * Values may be shared with the store (memory backend): the caller must not mutate them.
   */
  /**
   * @internal Whether `key` (a physical key) holds a value, answered at once on the memory
   * backend; `undefined` on every other backend or before the store opened.
   */
  hasValueNow(key: string): boolean | undefined {
    const driver = this.shared.open;
    if (this.shared.closed || !(driver instanceof MemoryDriver)) return undefined;
    return driver.hasData(key);
  }

  /**
   * @internal {@link DriverStore.getValues} without a promise on the memory backend; `undefined`
   * on every other backend or before the store opened.
   */
  getValuesNow<T = unknown>(keys: readonly string[]): Array<T | undefined> | undefined {
    const driver = this.shared.open;
    if (this.shared.closed || !(driver instanceof MemoryDriver)) return undefined;
    return driver.getData(keys) as Array<T | undefined>;
  }

  async getValues<T = unknown>(keys: readonly string[]): Promise<Array<T | undefined>> {
    const driver = this.shared.open && !this.shared.closed ? this.shared.open : await this.open();
    if (driver instanceof MemoryDriver) return driver.getData(keys) as Array<T | undefined>;
    const raw = await this.call('read', () => driver.getMany(keys));
    return raw.map((text) => parse<T>(text));
  }

  async delete(key: string): Promise<boolean> {
    assertKey(key);
    const driver = await this.open();
    return this.call('write', () => driver.delete(dataKey(this.prefix, key)));
  }

  async has(key: string): Promise<boolean> {
    return (await this.get(key)) !== undefined;
  }

  async keys(prefix = ''): Promise<string[]> {
    const driver = await this.open();
    const start = dataKey(this.prefix, '');
    const physical = await this.call('list', () => driver.keys(start + prefix));
    return physical
      .filter((key) => key.startsWith(start + prefix))
      .map((key) => key.slice(start.length))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
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
    const driver = await this.open();
    await this.call('write', () => driver.deletePrefix(dataKey(this.prefix, '')));
  }

  async update<T = unknown>(key: string, fn: (current: T | undefined) => T | undefined, options: UpdateOptions = {}): Promise<T | undefined> {
    assertKey(key);
    assertTtl(options.ttlMs);
    if (typeof fn !== 'function') throw new StoreError('STORE_VALUE_INVALID', 'update(key, fn) needs a function from the current value to the next.');
    const driver = await this.open();
    const physical = dataKey(this.prefix, key);
    // Writers in this process queue up; only other processes can make the compare-and-set fail.
    return this.shared.locks.run(physical, async () => {
      for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
        const raw = await this.call('read', () => driver.get(physical));
        const next = fn(parse<T>(raw));
        const text = next === undefined ? undefined : toJson(next);
        if (text === raw && (text === undefined || options.ttlMs === undefined)) return next;
        if (await this.call('write', () => driver.compareAndSet(physical, raw, text, options.ttlMs))) return next;
        await sleep(Math.random() * Math.min(MAX_UPDATE_BACKOFF_MS, 2 ** attempt));
      }
      throw new StoreError(
        'STORE_CONFLICT',
        `update("${key}") lost ${MAX_UPDATE_ATTEMPTS} races in a row to other writers of the same key (namespace "${this.path.join('/')}"); retry later or spread the writes over more keys.`,
      );
    });
  }

  async publish(topic: string): Promise<void> {
    assertKey(topic);
    const driver = await this.open();
    await this.call('publish', () => driver.publish(this.prefix + topic));
  }

  async subscribe(topic: string, listener: () => void): Promise<() => Promise<void>> {
    assertKey(topic);
    if (typeof listener !== 'function') throw new StoreError('STORE_VALUE_INVALID', 'subscribe(topic, listener) needs a listener function.');
    const driver = await this.open();
    const unsubscribe = await this.call('subscribe', () => driver.subscribe(this.prefix + topic, listener));
    return () => this.call('unsubscribe', unsubscribe);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async close(): Promise<void> {
    if (this.shared.closed) return;
    this.shared.closed = true;
    let driver: Driver;
    try {
      driver = await this.shared.driver;
    } catch {
      return; // never opened; nothing to close
    }
    await this.call('close', () => driver.close());
  }

  private async open(): Promise<Driver> {
    if (this.shared.closed) {
      throw new StoreError('STORE_CLOSED', 'This store was closed; create a new store with createStore() to keep using it.');
    }
    if (this.shared.open) return this.shared.open;
    try {
      return (this.shared.open = await this.shared.driver);
    } catch (cause) {
      if (cause instanceof StoreError) throw cause;
      throw new StoreError(
        'STORE_BACKEND_FAILED',
        `The ${this.backend} store could not be opened; check the SQLite path (its directory must exist and be writable), or that the Redis/PostgreSQL server is reachable at the URL you passed and accepts its credentials.`,
        { cause },
      );
    }
  }

  private call<T>(operation: string, work: () => Promise<T>): Promise<T> {
    return backendCall(operation, this.path, work);
  }
}

function parse<T>(text: string | undefined): T | undefined {
  return text === undefined ? undefined : (JSON.parse(text) as T);
}

function assertTtl(ttlMs: number | undefined): void {
  if (ttlMs !== undefined && !(Number.isFinite(ttlMs) && ttlMs > 0)) {
    throw new StoreError('STORE_VALUE_INVALID', `ttlMs must be a positive number of milliseconds (got ${String(ttlMs)}).`);
  }
}

/** JSON text of `value`; `STORE_VALUE_INVALID` unless it survives JSON unchanged in kind. */
function toJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (cause) {
    throw new StoreError('STORE_VALUE_INVALID', 'The value cannot be stored: it is not JSON-serializable (cycles or bigint). Store plain JSON data.', {
      cause,
    });
  }
  if (text === undefined) {
    throw new StoreError('STORE_VALUE_INVALID', 'The value cannot be stored: undefined, functions and symbols are not JSON. Use delete() to remove a key.');
  }
  return text;
}
