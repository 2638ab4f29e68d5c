/**
 * The `ctx` a tool call gets. A class, not an object literal with a `signal` getter (V8 builds
 * such a literal through its slow path on every call). Every field, `signal` included, is an own
 * enumerable property, so a tool that passes `{ ...ctx, more }` on still hands over a working signal.
 *
 * `signal` is an own accessor, defined with one shared descriptor (so every context keeps one
 * hidden class), that makes the call's `AbortSignal` on first read: on Node an `AbortSignal` costs
 * ≈ 4 µs to create, and most tools never look at it. Aborting before anyone read it is kept by the
 * controller: the signal read afterwards is already aborted, with the reason.
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
  /** Aborted when the run is cancelled or the call times out (an own accessor, see the file comment). */
  declare readonly signal: AbortSignal;
  // (Node's `AbortController` makes its signal on first use, so the controller itself is cheap)
  readonly #controller = new AbortController();

  static readonly #signal: PropertyDescriptor = {
    get(this: ToolCallContext): AbortSignal {
      return this.#controller.signal;
    },
    // a tool that sets its own signal gets a plain property, as before
    set(this: ToolCallContext, value: AbortSignal): void {
      Object.defineProperty(this, 'signal', { value, writable: true, enumerable: true, configurable: true });
    },
    enumerable: true,
    configurable: true,
  };

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
    Object.defineProperty(this, 'signal', ToolCallContext.#signal);
  }

  /** Abort the call with `reason` (the first reason wins). Static, so a tool cannot reach it through `ctx`. */
  static abort(ctx: ToolCallContext, reason: unknown): void {
    ctx.#controller.abort(reason);
  }
}
