/**
 * Health breakers: one per module, counting consecutive failed tool calls.
 */
import { DEFAULT_BREAKER_THRESHOLD } from './limits.js';

/** Counts consecutive failures per module and says when one trips. */
export class HealthBreakers {
  /** Consecutive failures that trip a breaker (positive integer; default `DEFAULT_BREAKER_THRESHOLD`). */
  readonly threshold: number;
  readonly #failures = new Map<string, number>();

  constructor(threshold = DEFAULT_BREAKER_THRESHOLD) {
    if (!Number.isInteger(threshold) || threshold < 1) throw new RangeError('The breaker threshold must be a positive integer.');
    this.threshold = threshold;
  }

  /** A call succeeded: the count starts over. */
  success(moduleName: string): void {
    this.#failures.delete(moduleName);
  }

  /** A call failed; returns true when the breaker is (still) tripped: `threshold` or more failures in a row. */
  failure(moduleName: string): boolean {
    const n = (this.#failures.get(moduleName) ?? 0) + 1;
    this.#failures.set(moduleName, n);
    return n >= this.threshold;
  }

  /** Consecutive failures of `moduleName` so far. */
  failures(moduleName: string): number {
    return this.#failures.get(moduleName) ?? 0;
  }

  /** Resets the breaker (on `enable`, install, uninstall). */
  reset(moduleName: string): void {
    this.#failures.delete(moduleName);
  }
}
