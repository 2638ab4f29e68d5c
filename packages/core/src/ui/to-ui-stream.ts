/**
 * `toUIMessageStream`: turns a run's events (`agent.stream()` / `agent.resumeStream()`) into the
 * AI SDK's UI message stream, so a `useChat` front end renders Graft's answer, tool calls,
 * approvals, input requests and progress without glue code.
 * @module
 */
import type { AgentStreamEvent } from '../agent/types.js';
import type { UIStreamChunk } from './chunks.js';
import { ChunkBatchWriter, SSEBatchWriter } from './batch-writers.js';
import { defaultUIErrorText, UIStreamSource, type BatchWriter } from './ui-stream-source.js';

export { defaultUIErrorText };

/** Options of {@link toUIMessageStream}. */
export interface UIMessageStreamOptions {
  /** Id of the assistant message the client builds (default: a random id). */
  messageId?: string;
  /** Sent as the message's metadata on `start` and `finish` (e.g. the thread id). Never put secrets here. */
  messageMetadata?: unknown;
  /**
   * Turns a failure into the `errorText` the client shows. Default: a typed Graft error's
   * `code` and message (they never carry secrets); anything else becomes a generic text.
   */
  onError?: (error: unknown) => string;
  /** Called when the reader cancels (the client went away): abort the run here. */
  onCancel?: (reason: unknown) => void;
}

/** The stream over `events` (pulls only while a read waits: `highWaterMark: 0`). */
function uiStream<T>(
  events: AsyncIterable<AgentStreamEvent>,
  options: UIMessageStreamOptions,
  writer: BatchWriter<T>,
  abortRun?: (reason: unknown) => void,
): ReadableStream<T> {
  // (`abortRun`, which a run's own helpers pass, runs before `options.onCancel` when the reader cancels)
  return new ReadableStream<T>(new UIStreamSource<T>(events, options, writer, abortRun), { highWaterMark: 0 });
}

/** {@link toUIMessageStream} of a run's own stream: a reader that cancels aborts the run (then `options.onCancel`). */
export function runUIMessageStream(
  events: AsyncIterable<AgentStreamEvent>,
  options: UIMessageStreamOptions = {},
  abortRun?: (reason: unknown) => void,
): ReadableStream<UIStreamChunk> {
  return uiStream(events, options, new ChunkBatchWriter(), abortRun);
}

/** {@link toUIMessageSSEStream} of a run's own stream: a reader that cancels aborts the run (then `options.onCancel`). */
export function runUIMessageSSEStream(
  events: AsyncIterable<AgentStreamEvent>,
  options: UIMessageStreamOptions = {},
  abortRun?: (reason: unknown) => void,
): ReadableStream<Uint8Array> {
  return uiStream(events, options, new SSEBatchWriter(), abortRun);
}

/**
 * A run's events as a UI message stream of chunk objects (`start`, `start-step`, `text-*`,
 * `reasoning-*`, `tool-input-available`, `tool-output-*`, `tool-approval-request`,
 * `data-graft-*`, `finish-step`, `finish`, `error`). Approvals become `tool-approval-request`
 * (the client's `addToolApprovalResponse` answers them; see {@link readUIApprovalResponses}),
 * tool input requests become `data-graft-input`, tool progress `data-graft-progress`.
 *
 * Cancelling the stream (the client disconnected) stops reading the events and calls
 * `options.onCancel`, where the app aborts the run's `AbortSignal`.
 */
export function toUIMessageStream(events: AsyncIterable<AgentStreamEvent>, options: UIMessageStreamOptions = {}): ReadableStream<UIStreamChunk> {
  return runUIMessageStream(events, options);
}

/**
 * A run's events as the UI message stream's server-sent-event bytes, ready for an HTTP body:
 * the chunks of {@link toUIMessageStream}, each `data: {json}`, then `data: [DONE]`. The frames
 * made while the reader was busy go out in one write.
 */
export function toUIMessageSSEStream(events: AsyncIterable<AgentStreamEvent>, options: UIMessageStreamOptions = {}): ReadableStream<Uint8Array> {
  return runUIMessageSSEStream(events, options);
}

/** Encodes UI message chunks as server-sent events (`data: {json}`), ending with `data: [DONE]`. */
export function uiChunksToSSE(chunks: ReadableStream<UIStreamChunk>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return chunks.pipeThrough(
    new TransformStream<UIStreamChunk, Uint8Array>({
      transform(chunk, controller) {
        controller.enqueue(encoder.encode(`data: ${JSON.stringify(chunk)}\n\n`));
      },
      flush(controller) {
        controller.enqueue(encoder.encode('data: [DONE]\n\n'));
      },
    }),
  );
}
