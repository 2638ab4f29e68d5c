/**
 * One attempt's timeout. The caller's `AbortSignal` goes straight to the `openai` client,
 * which also enforces the timeout until the response headers arrive; from then on this guard
 * watches the body (the whole JSON for `chat()`, the longest silence for `stream()`) with a
 * single self-re-arming timer, and cancels the body when it runs out. No extra
 * `AbortController` per call.
 * @module
 */
import { toProviderError, type BaseErrorContext } from './error-map.js';
import type { ProviderError } from './errors.js';

/** Fixed parts of the error context of a provider. */
export type GuardContext = BaseErrorContext;

/** Timeout of one attempt after its headers. Call {@link CallGuard.dispose} when done. */
export class CallGuard {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastActivity = 0;
  private paused = false;
  private timedOut = false;
  private cancel: (() => void) | undefined;
  private readonly started = performance.now();
  private readonly onTimer = () => {
    this.timer = undefined;
    if (!this.cancel) return;
    const idle = this.paused ? 0 : performance.now() - this.lastActivity;
    if (idle >= this.ctx.timeoutMs) {
      this.timedOut = true;
      this.cancel();
      return;
    }
    this.timer = setTimeout(this.onTimer, this.ctx.timeoutMs - idle);
  };

  constructor(
    private readonly userSignal: AbortSignal | undefined,
    private readonly ctx: GuardContext,
  ) {}

  /** Request options for the `openai` client: the caller's signal and what is left of the timeout. */
  requestOptions(): { signal?: AbortSignal; timeout: number } {
    const left = Math.max(1, Math.round(this.ctx.timeoutMs - (performance.now() - this.started)));
    return this.userSignal ? { signal: this.userSignal, timeout: left } : { timeout: left };
  }

  /**
   * Starts watching the body. `cancel` stops the transfer when time runs out; `fromStart`
   * counts the time already spent (whole-response timeout) instead of starting afresh.
   */
  watch(cancel: () => void, fromStart = false): void {
    this.cancel = cancel;
    this.lastActivity = fromStart ? this.started : performance.now();
    this.paused = false;
    const left = this.ctx.timeoutMs - (performance.now() - this.lastActivity);
    this.timer = setTimeout(this.onTimer, Math.max(0, left));
  }

  /** Restarts the silence clock (a chunk arrived, or the consumer handed control back). */
  touch(): void {
    this.paused = false;
    this.lastActivity = performance.now();
  }

  /** Stops the clock while the consumer of a stream holds an event (until the next `touch`). */
  pause(): void {
    this.paused = true;
  }

  /** True once our timeout cancelled the body. */
  get expired(): boolean {
    return this.timedOut;
  }

  /** Maps what the attempt threw, knowing whether the caller or our timeout stopped it. */
  mapError(error: unknown): ProviderError {
    const userAborted = this.userSignal?.aborted === true;
    return toProviderError(error, { ...this.ctx, userAborted, timedOut: this.timedOut && !userAborted });
  }

  /** Clears the timer. */
  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.cancel = undefined;
  }
}
