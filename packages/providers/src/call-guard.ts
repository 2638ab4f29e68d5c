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
  private userAborted = false;
  private timedOut = false;
  private readonly onUserAbort = () => {
    this.userAborted = true;
    this.controller.abort();
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

  /** (Re)starts the timeout: for streams, the timeout is the longest silence allowed. */
  touch(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.controller.signal.aborted) return;
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, this.ctx.timeoutMs);
  }

  /** Stops the timeout while the consumer of a stream holds an event. */
  pause(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Maps what the attempt threw, knowing whether the caller or our timeout aborted it. */
  mapError(error: unknown): ProviderError {
    return toProviderError(error, { ...this.ctx, userAborted: this.userAborted, timedOut: this.timedOut && !this.userAborted });
  }

  /** Clears the timer and the listener on the caller's signal. */
  dispose(): void {
    this.pause();
    this.userSignal?.removeEventListener('abort', this.onUserAbort);
  }
}
