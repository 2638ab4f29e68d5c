/**
 * The `ctx` a tool call gets. A class, not an object literal with a `signal` getter (V8 builds
 * such a literal through its slow path on every call). Every field, `signal` included, is an own
 * property, so a tool that passes `{ ...ctx, more }` on still hands over a working signal.
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
  /** Aborted when the run is cancelled or the call times out. */
  readonly signal: AbortSignal;
  readonly #controller = new AbortController();

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
    this.signal = this.#controller.signal;
  }

  /** Abort the call with `reason` (the first reason wins). Static, so a tool cannot reach it through `ctx`. */
  static abort(ctx: ToolCallContext, reason: unknown): void {
    ctx.#controller.abort(reason);
  }
}
