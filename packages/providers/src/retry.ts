/**
 * Our own retry loop: exponential backoff with jitter, `Retry-After` honoured, never on
 * errors that cannot get better by waiting.
 * @module
 */
import type { ProviderError } from './errors.js';
import { DEFAULT_BACKOFF_INITIAL_MS, DEFAULT_BACKOFF_MAX_MS, MAX_RETRY_AFTER_MS } from './limits.js';

/** Backoff settings. */
export interface BackoffOptions {
  /** First delay before jitter (default {@link DEFAULT_BACKOFF_INITIAL_MS}). */
  initialMs?: number;
  /** Largest delay (default {@link DEFAULT_BACKOFF_MAX_MS}). */
  maxMs?: number;
  /** Longest `Retry-After` we wait for; longer ones fail at once (default {@link MAX_RETRY_AFTER_MS}). */
  maxRetryAfterMs?: number;
  /** Random source in [0, 1) for jitter (tests may fix it). */
  random?: () => number;
}

/** Reported before each retry. */
export interface RetryInfo {
  /** The retry about to happen: 1 for the first retry. */
  retry: number;
  /** How long we wait before it. */
  delayMs: number;
  /** The error that caused it. */
  error: ProviderError;
}

/**
 * Delay before retry number `retry` (1-based), or `undefined` when we should not retry.
 * With a server `Retry-After` we wait exactly that; otherwise
 * `min(max, initial * 2^(retry-1))`, jittered into its upper half ("equal jitter").
 */
export function retryDelay(error: ProviderError, retry: number, options: BackoffOptions = {}): number | undefined {
  if (!error.retryable) return undefined;
  if (error.retryAfterMs !== undefined) {
    return error.retryAfterMs <= (options.maxRetryAfterMs ?? MAX_RETRY_AFTER_MS) ? error.retryAfterMs : undefined;
  }
  const initial = options.initialMs ?? DEFAULT_BACKOFF_INITIAL_MS;
  const cap = options.maxMs ?? DEFAULT_BACKOFF_MAX_MS;
  const base = Math.min(cap, initial * 2 ** (retry - 1));
  const random = options.random ?? Math.random;
  return Math.round(base / 2 + (base / 2) * random());
}

/** Sleeps `ms`, or rejects with `onAbort()` as soon as `signal` fires. */
export function sleep(ms: number, signal: AbortSignal | undefined, onAbort: () => Error): Promise<void> {
  if (ms <= 0 && !signal?.aborted) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(onAbort());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(onAbort());
    };
    signal?.addEventListener('abort', abort, { once: true });
  });
}
