/**
 * The key-value interface the registry, the vault and the health breakers need. Core's
 * `GraftStore` (memory, SQLite, Redis, PostgreSQL, Keyv) satisfies all of it; a plain `Keyv`
 * or a `Map`-like object satisfies the required part.
 */

/** A persistent key-value store holding JSON values. */
export interface KeyValueStore {
  /** Reads a value; resolves `undefined` when the key is absent. */
  get(key: string): Promise<unknown>;
  /** Stores a JSON-serialisable value; rejects when the write fails. The resolved value is ignored. */
  set(key: string, value: unknown): Promise<unknown>;
  /** Removes a key (absent keys are fine). The resolved value is ignored. */
  delete(key: string): Promise<unknown>;
  /**
   * Optional: an atomic read-modify-write of one key (core's `GraftStore.update`). With it,
   * registry entries, the active-version pointer and breaker counts stay correct when several
   * app instances share the store; without it they are serialized within this process only.
   */
  update?<T>(key: string, fn: (current: T | undefined) => T | undefined): Promise<T | undefined>;
  /** Optional: keys starting with a prefix, sorted (lists modules without a separate index). */
  keys?(prefix?: string): Promise<string[]>;
  /** Optional: several values in one round trip. */
  getMany?(keys: readonly string[]): Promise<unknown[]>;
  /** Optional: tells other instances that `topic` changed (hot reload of modules). */
  publish?(topic: string): Promise<void>;
  /** Optional: hears `publish(topic)` from this and other instances; resolves to an unsubscribe function. */
  subscribe?(topic: string, listener: () => void): Promise<() => Promise<void>>;
}

/** A process-local stand-in for `update` on stores without one: get, apply, set, one at a time per key. */
export class LocalUpdater {
  readonly #tails = new Map<string, Promise<unknown>>();
  constructor(private readonly store: KeyValueStore) {}

  update<T>(key: string, fn: (current: T | undefined) => T | undefined): Promise<T | undefined> {
    if (this.store.update) return this.store.update<T>(key, fn);
    const run = async () => {
      const current = (await this.store.get(key)) as T | undefined;
      const next = fn(current);
      if (next === current) return next;
      if (next === undefined) await this.store.delete(key);
      else await this.store.set(key, next);
      return next;
    };
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(run, run);
    const tail = result.catch(() => undefined);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }
}
