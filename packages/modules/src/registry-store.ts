/**
 * The minimal key-value interface the registry and the vault need. Core's `GraftStore`
 * (Keyv-backed, memory or SQLite) satisfies it; so does a plain `Keyv`.
 */

/** A persistent key-value store holding JSON values. */
export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<unknown>;
  delete(key: string): Promise<unknown>;
}
