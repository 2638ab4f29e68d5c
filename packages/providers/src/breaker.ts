/**
 * A circuit breaker per provider: opens after N consecutive failures, lets one trial call
 * through after a cool-down (half-open), closes again on success.
 * @module
 */
import { DEFAULT_BREAKER_COOLDOWN_MS, DEFAULT_BREAKER_FAILURE_THRESHOLD } from './limits.js';

/** Breaker settings. */
export interface BreakerOptions {
  /** Consecutive failures that open the circuit (default {@link DEFAULT_BREAKER_FAILURE_THRESHOLD}). */
  failureThreshold?: number;
  /** Time an open circuit waits before a trial call (default {@link DEFAULT_BREAKER_COOLDOWN_MS}). */
  cooldownMs?: number;
  /** Clock (tests may pass a fake one). */
  now?: () => number;
}

/** State of a circuit. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** One provider's circuit. */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private trialInFlight = false;
  private readonly threshold: number;
  private readonly cooldownMs: number;
  private readonly now: () => number;

  constructor(options: BreakerOptions = {}) {
    this.threshold = options.failureThreshold ?? DEFAULT_BREAKER_FAILURE_THRESHOLD;
    this.cooldownMs = options.cooldownMs ?? DEFAULT_BREAKER_COOLDOWN_MS;
    this.now = options.now ?? Date.now;
  }

  /** Current state (an open circuit whose cool-down has passed reads as `half-open`). */
  get state(): BreakerState {
    if (this.openedAt === undefined) return 'closed';
    return this.now() - this.openedAt >= this.cooldownMs ? 'half-open' : 'open';
  }

  /** Consecutive failures so far. */
  get consecutiveFailures(): number {
    return this.failures;
  }

  /** Milliseconds until an open circuit half-opens (0 when not open). */
  get retryInMs(): number {
    return this.openedAt === undefined ? 0 : Math.max(0, this.openedAt + this.cooldownMs - this.now());
  }

  /** Asks to make a call: true when closed, or for the single trial call when half-open. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  /** Records a success: closes the circuit. */
  success(): void {
    this.failures = 0;
    this.openedAt = undefined;
    this.trialInFlight = false;
  }

  /** Records a failure: opens the circuit at the threshold, or again after a failed trial. */
  failure(): void {
    this.failures++;
    if (this.trialInFlight || this.failures >= this.threshold) this.openedAt = this.now();
    this.trialInFlight = false;
  }

  /** Releases a trial slot without judging the provider (e.g. the call was aborted). */
  release(): void {
    this.trialInFlight = false;
  }
}
