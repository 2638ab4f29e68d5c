/**
 * The minimal key-value interface the registry and the vault need. Core's `GraftStore`
 * (Keyv-backed, memory or SQLite) satisfies it; so does a plain `Keyv`.
 */

/** A persistent key-value store holding JSON values. */
export interface KeyValueStore {
  /** Reads a value; resolves `undefined` when the key is absent. */
  get(key: string): Promise<unknown>;
  /** Stores a JSON-serialisable value; rejects when the write fails. The resolved value is ignored. */
  set(key: string, value: unknown): Promise<unknown>;
  /** Removes a key (absent keys are fine). The resolved value is ignored. */
  delete(key: string): Promise<unknown>;
}
