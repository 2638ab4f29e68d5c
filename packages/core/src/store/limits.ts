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

/** Nesting depth up to which the checkpointer's serializer writes a value as plain JSON itself (deeper values go to LangGraph's serializer). */
export const PLAIN_JSON_MAX_DEPTH = 64;
