/**
 * Defaults and limits of the Graft store and checkpointer, in one place.
 */

/** How long a SQLite connection waits for a lock held by another connection, ms. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/** The SQLite table the store uses unless told otherwise. */
export const SQLITE_DEFAULT_TABLE = 'graft';

/** The Keyv namespace of stores that Graft creates itself (memory and SQLite). */
export const KEYV_DEFAULT_NAMESPACE = 'graft';

/** The store namespace the checkpointer writes under unless told otherwise. */
export const CHECKPOINT_NAMESPACE = 'checkpoints';

/** Longest key (in characters) a store accepts, after namespacing. */
export const MAX_KEY_LENGTH = 1_024;

/** Longest namespace segment (in characters). */
export const MAX_NAMESPACE_SEGMENT_LENGTH = 512;

/** Width of the random fraction that makes checkpoint channel versions unique across forks (< 1). */
export const VERSION_FRACTION = 0.999_999;

/** How often a SQLite store checks for changes published by other processes while subscribed, ms. */
export const NOTIFY_POLL_MS = 200;

/** Keys deleted per Redis `UNLINK` round trip when a namespace is cleared. */
export const REDIS_SCAN_COUNT = 500;

/** Key prefix of a Redis store (every key and the notification channel start with it). */
export const REDIS_DEFAULT_KEY_PREFIX = 'graft:';

/** The PostgreSQL table the store uses unless told otherwise. */
export const POSTGRES_DEFAULT_TABLE = 'graft_store';

/** Attempts of one `update` before it fails with `STORE_CONFLICT` (each retry follows a change by another process). */
export const MAX_UPDATE_ATTEMPTS = 64;

/** Longest random pause between two attempts of an `update`, ms (grows with the attempt up to this). */
export const MAX_UPDATE_BACKOFF_MS = 25;

/** Default lifetime of a lease (e.g. a thread's busy mark); a holder renews it at a third of this. */
export const DEFAULT_LEASE_TTL_MS = 30_000;

/** The store namespace of the agent's thread-busy leases (one key per running thread). */
export const THREAD_LEASE_NAMESPACE = 'thread-leases';

/** Nesting depth up to which the checkpointer's serializer writes a value as plain JSON itself (deeper values go to LangGraph's serializer). */
export const PLAIN_JSON_MAX_DEPTH = 64;
