import { GraftCoreError } from '../errors.js';

/** Stable codes of {@link StoreError}. */
export type StoreErrorCode =
  /** `createStore` got options it cannot use (e.g. both `sqlite` and `adapter`). */
  | 'STORE_CONFIG_INVALID'
  /** An operation was attempted after `close()`. */
  | 'STORE_CLOSED'
  /** A key or namespace was empty, too long or not a string. */
  | 'STORE_KEY_INVALID'
  /** The value cannot be stored as JSON (functions, cycles, bigint, …). */
  | 'STORE_VALUE_INVALID'
  /** The backend (SQLite, Redis, …) failed; `cause` holds its error. */
  | 'STORE_BACKEND_FAILED'
  /** The backend's client library (an optional peer: better-sqlite3, ioredis, pg) is not installed. */
  | 'STORE_DRIVER_MISSING'
  /** An `update` kept losing to concurrent writers of the same key and gave up. */
  | 'STORE_CONFLICT'
  /** The checkpointer was called without a field it needs (e.g. `thread_id`). */
  | 'CHECKPOINT_CONFIG_INVALID';

/**
 * Every failure of the Graft store and checkpointer. `code` is stable; the message
 * says what to do next. Backend errors are kept as `cause` (their text is not repeated
 * in the message, so values never leak through it). A {@link GraftCoreError}.
 */
export class StoreError extends GraftCoreError {
  /** Stable machine-readable code. */
  declare readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
