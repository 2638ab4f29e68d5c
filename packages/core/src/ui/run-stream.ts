/**
 * The object `agent.stream()` / `agent.resumeStream()` return: the run's events as an async
 * iterable, plus the UI message stream helpers bound to the run, so a client that goes away
 * cancels the run without any wiring in the app.
 * @module
 */
import { isSubscribable, SUBSCRIBE_EVENTS, type SubscribableEvents } from '../agent/event-queue.js';
import type { AgentStreamEvent } from '../agent/types.js';
import type { UIStreamChunk } from './chunks.js';
import { pipeRunToResponse, runUIMessageStreamResponse, type NodeResponseLike, type UIMessageStreamResponseOptions } from './response.js';
import { runUIMessageStream, type UIMessageStreamOptions } from './to-ui-stream.js';

/** A streaming run: iterate it for its events, or turn it into a UI message stream. `Output` types the done result's `output`. */
export interface AgentRunStream<Output = string> extends AsyncIterable<AgentStreamEvent<Output>> {
  /** Cancels the run: its `AbortSignal` fires (model call, tools and sandbox runs stop). */
  abort(reason?: unknown): void;
  /** The run as AI SDK UI message chunks; cancelling the stream cancels the run. */
  toUIMessageStream(options?: UIMessageStreamOptions): ReadableStream<UIStreamChunk>;
  /** The run as a web-standard SSE `Response` for a `useChat` client; a client that disconnects cancels the run. */
  toUIMessageStreamResponse(options?: UIMessageStreamResponseOptions): Response;
  /** Writes the run as a UI message stream to a Node response (Express); a client that disconnects cancels the run. */
  pipeUIMessageStreamToResponse(response: NodeResponseLike, options?: UIMessageStreamResponseOptions): Promise<void>;
}

/**
 * Starts a run with a signal that fires when the caller's `signal` does or when the stream is
 * cancelled, and wraps its events in an {@link AgentRunStream}.
 */
export function agentRunStream(signal: AbortSignal | undefined, start: (signal: AbortSignal) => AsyncIterable<AgentStreamEvent>): AgentRunStream {
  const controller = new AbortController();
  const events = start(signal ? AbortSignal.any([signal, controller.signal]) : controller.signal);
  const abort = (reason?: unknown) => controller.abort(reason);
  const run: AgentRunStream & Partial<SubscribableEvents<AgentStreamEvent>> = {
    [Symbol.asyncIterator]: () => events[Symbol.asyncIterator](),
    abort,
    // (the reader cancelling aborts the run, then calls the app's `onCancel`)
    toUIMessageStream: (options) => runUIMessageStream(events, options, abort),
    toUIMessageStreamResponse: (options) => runUIMessageStreamResponse(events, options, abort),
    pipeUIMessageStreamToResponse: (response, options) => pipeRunToResponse(events, response, options, abort),
  };
  // the run's push side, for the UI stream helpers given the run itself (`toUIMessageStreamResponse(run)`)
  if (isSubscribable(events)) run[SUBSCRIBE_EVENTS] = (subscriber) => events[SUBSCRIBE_EVENTS](subscriber);
  return run;
}
