import type { Keyv } from 'keyv';
import { backendCall } from './backend-call.js';
import { StoreError } from './errors.js';
import type { KeyIndex } from './key-index.js';
import { assertKey, assertNamespace, dataKey, namespacePrefix } from './keys.js';
import type { GraftStore, StoreEntry } from './types.js';

/** An opened backend: the Keyv instance and how its namespaces are listed. */
export interface Backend {
  keyv: Keyv;
  index: KeyIndex;
}

/** What every handle of one store shares: the backend and the closed flag. */
interface SharedState {
  backend: Promise<Backend>;
  closed: boolean;
}

/**
 * {@link GraftStore} over a Keyv instance. Keys are listed through a {@link KeyIndex}
 * (see `key-index.ts` for the three strategies and their guarantees).
 */
export class KeyvGraftStore implements GraftStore {
  readonly path: readonly string[];
  private readonly shared: SharedState;
  private readonly prefix: string;

  /** @internal Use `createStore`. */
  constructor(backend: Promise<Backend> | SharedState, path: readonly string[] = []) {
    this.shared = backend instanceof Promise ? { backend, closed: false } : backend;
    this.path = Object.freeze([...path]);
    this.prefix = namespacePrefix(this.path);
    // A rejected backend promise must not surface as an unhandled rejection before first use.
    this.shared.backend.catch(() => undefined);
  }

  namespace(name: string): GraftStore {
    assertNamespace(name);
    return new KeyvGraftStore(this.shared, [...this.path, name]);
  }

  async get<T = unknown>(key: string): Promise<T | undefined> {
    assertKey(key);
    const { keyv } = await this.open();
    return this.call('read', () => keyv.get<T>(dataKey(this.prefix, key)));
  }

  async getMany<T = unknown>(keys: readonly string[]): Promise<Array<T | undefined>> {
    keys.forEach((key) => assertKey(key));
    if (keys.length === 0) return [];
    const { keyv } = await this.open();
    const physical = keys.map((key) => dataKey(this.prefix, key));
    const values = await this.call('read', () => keyv.getMany<T>(physical));
    return values.map((value) => (value === null ? undefined : (value as T | undefined)));
  }

  async set<T = unknown>(key: string, value: T, ttlMs?: number): Promise<void> {
    assertKey(key);
    assertJson(value);
    assertTtl(ttlMs);
    const { keyv, index } = await this.open();
    // Index first: a crash between the two writes leaves an index entry without a value,
    // which listing skips, rather than a value that can never be listed.
    await index.add(this.prefix, this.path, [key]);
    await this.call('write', () => keyv.set(dataKey(this.prefix, key), value, ttlMs));
  }

  async setMany(entries: ReadonlyArray<StoreEntry & { ttlMs?: number }>): Promise<void> {
    for (const entry of entries) {
      assertKey(entry.key);
      assertJson(entry.value);
      assertTtl(entry.ttlMs);
    }
    if (entries.length === 0) return;
    const { keyv, index } = await this.open();
    await index.add(this.prefix, this.path, entries.map((e) => e.key));
    await this.call('write', () =>
      keyv.setMany(entries.map((e) => ({ key: dataKey(this.prefix, e.key), value: e.value, ttl: e.ttlMs }))),
    );
  }

  async delete(key: string): Promise<boolean> {
    assertKey(key);
    const { keyv, index } = await this.open();
    const existed = await this.call('write', () => keyv.delete(dataKey(this.prefix, key)));
    await index.remove(this.prefix, this.path, [key]);
    return existed;
  }

  async has(key: string): Promise<boolean> {
    assertKey(key);
    const { keyv } = await this.open();
    return this.call('read', () => keyv.has(dataKey(this.prefix, key)));
  }

  async keys(prefix = ''): Promise<string[]> {
    const { index } = await this.open();
    const keys = await index.read(this.prefix, this.path);
    return prefix ? keys.filter((key) => key.startsWith(prefix)) : [...keys];
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
    const { keyv, index } = await this.open();
    await index.exclusive(this.prefix, async () => {
      const keys = await index.read(this.prefix, this.path);
      if (keys.length > 0) {
        await this.call('write', () => keyv.deleteMany(keys.map((key) => dataKey(this.prefix, key))));
      }
      await index.drop(this.prefix, this.path);
    });
  }

  async close(): Promise<void> {
    if (this.shared.closed) return;
    this.shared.closed = true;
    let backend: Backend;
    try {
      backend = await this.shared.backend;
    } catch {
      return; // never opened; nothing to close
    }
    await this.call('close', () => backend.keyv.disconnect());
  }

  private async open(): Promise<Backend> {
    if (this.shared.closed) {
      throw new StoreError('STORE_CLOSED', 'This store was closed; create a new store with createStore() to keep using it.');
    }
    try {
      return await this.shared.backend;
    } catch (cause) {
      if (cause instanceof StoreError) throw cause;
      throw new StoreError(
        'STORE_BACKEND_FAILED',
        'The store backend could not be opened; check the SQLite path (its directory must exist and be writable) or the adapter connection.',
        { cause },
      );
    }
  }

  private call<T>(operation: string, work: () => Promise<T>): Promise<T> {
    return backendCall(operation, this.path, work);
  }
}

function assertTtl(ttlMs: number | undefined): void {
  if (ttlMs !== undefined && !(Number.isFinite(ttlMs) && ttlMs > 0)) {
    throw new StoreError('STORE_VALUE_INVALID', `ttlMs must be a positive number of milliseconds (got ${String(ttlMs)}).`);
  }
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
