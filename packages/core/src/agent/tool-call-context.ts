/**
 * The `ctx` a tool call gets. A class, not an object literal with a `signal` getter (V8 builds
 * such a literal through its slow path on every call): the call's abort signal is made only
 * when the tool first reads `ctx.signal` (most tools never do), already aborted when the run's
 * signal or the timeout fired before.
 */
import type { InputRequest, ToolContext, ToolProgress } from '../tools/types.js';

/** @internal See the file comment. */
export class ToolCallContext implements ToolContext {
  readonly threadId: string;
  readonly runId: string;
  readonly toolCallId: string;
  readonly context: unknown;
  readonly progress: (update: ToolProgress) => void;
  readonly requestInput: <T>(request: InputRequest) => Promise<T>;
  #controller: AbortController | undefined;
  #aborted: { reason: unknown } | undefined;

  constructor(
    threadId: string,
    runId: string,
    toolCallId: string,
    context: unknown,
    progress: (update: ToolProgress) => void,
    requestInput: <T>(request: InputRequest) => Promise<T>,
  ) {
    this.threadId = threadId;
    this.runId = runId;
    this.toolCallId = toolCallId;
    this.context = context;
    this.progress = progress;
    this.requestInput = requestInput;
  }

  /** The call's abort signal (made on first read). */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#aborted.reason);
    }
    return this.#controller.signal;
  }

  /** Abort the call with `reason` (the first reason wins). Static, so a tool cannot reach it through `ctx`. */
  static abort(ctx: ToolCallContext, reason: unknown): void {
    if (ctx.#aborted) return;
    ctx.#aborted = { reason };
    ctx.#controller?.abort(reason);
  }
}
