/**
 * One attempt's cancellation: the caller's `AbortSignal` plus our own timeout, merged into
 * one signal for the HTTP client, remembering which of the two fired.
 * @module
 */
import { toProviderError, type BaseErrorContext } from './error-map.js';
import type { ProviderError } from './errors.js';

/** Fixed parts of the error context of a provider. */
export type GuardContext = BaseErrorContext;

/** Cancellation and timeout of one attempt. Call {@link CallGuard.dispose} when done. */
export class CallGuard {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastActivity = 0;
  private paused = false;
  private userAborted = false;
  private timedOut = false;
  private readonly onUserAbort = () => {
    this.userAborted = true;
    this.controller.abort();
  };
  // One timer per attempt: activity only stamps a time, the timer re-arms itself for the rest.
  private readonly onTimer = () => {
    this.timer = undefined;
    if (this.controller.signal.aborted) return;
    const idle = this.paused ? 0 : performance.now() - this.lastActivity;
    if (idle >= this.ctx.timeoutMs) {
      this.timedOut = true;
      this.controller.abort();
      return;
    }
    this.timer = setTimeout(this.onTimer, this.ctx.timeoutMs - idle);
  };

  constructor(
    private readonly userSignal: AbortSignal | undefined,
    private readonly ctx: GuardContext,
  ) {
    if (userSignal?.aborted) this.onUserAbort();
    else userSignal?.addEventListener('abort', this.onUserAbort, { once: true });
    this.touch();
  }

  /** The merged signal to hand to the HTTP client. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Restarts the timeout clock: for streams, the timeout is the longest silence allowed. */
  touch(): void {
    this.paused = false;
    this.lastActivity = performance.now();
    if (this.timer === undefined && !this.controller.signal.aborted) this.timer = setTimeout(this.onTimer, this.ctx.timeoutMs);
  }

  /** Stops the clock while the consumer of a stream holds an event (until the next `touch`). */
  pause(): void {
    this.paused = true;
  }

  /** Maps what the attempt threw, knowing whether the caller or our timeout aborted it. */
  mapError(error: unknown): ProviderError {
    return toProviderError(error, { ...this.ctx, userAborted: this.userAborted, timedOut: this.timedOut && !this.userAborted });
  }

  /** Clears the timer and the listener on the caller's signal. */
  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.userSignal?.removeEventListener('abort', this.onUserAbort);
  }
}
