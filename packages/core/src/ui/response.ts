/**
 * Deliver a UI message stream over HTTP: a web-standard `Response` (Next.js route handlers,
 * Hono, Deno, Bun, workers) or written to a Node `ServerResponse` (Express, `node:http`).
 * @module
 */
import type { AgentStreamEvent } from '../agent/types.js';
import { UI_MESSAGE_STREAM_HEADERS } from './chunks.js';
import { toUIMessageSSEStream, uiStreamSource, type UIMessageStreamOptions } from './to-ui-stream.js';
import { SSEBatchWriter } from './ui-stream-source.js';

/** Options of {@link toUIMessageStreamResponse} and {@link pipeUIMessageStreamToResponse}. */
export interface UIMessageStreamResponseOptions extends UIMessageStreamOptions {
  /** HTTP status (default 200). */
  status?: number;
  /** Extra response headers (the stream's own headers win on conflict). */
  headers?: Record<string, string>;
}

/** The init of a response with no extra status or headers (built once; `Response` copies it). */
const DEFAULT_RESPONSE_INIT: ResponseInit = Object.freeze({ status: 200, headers: UI_MESSAGE_STREAM_HEADERS });

/**
 * A web-standard `Response` carrying the run's events as a UI message stream (SSE), with the
 * headers a `useChat` client expects. When the client disconnects, the runtime cancels the
 * body, which calls `options.onCancel` (abort the run there, or pass the request's `signal`
 * to `agent.stream`).
 */
export function toUIMessageStreamResponse(events: AsyncIterable<AgentStreamEvent>, options: UIMessageStreamResponseOptions = {}): Response {
  const body = toUIMessageSSEStream(events, options);
  if (options.status === undefined && options.headers === undefined) return new Response(body, DEFAULT_RESPONSE_INIT);
  return new Response(body, { status: options.status ?? 200, headers: { ...options.headers, ...UI_MESSAGE_STREAM_HEADERS } });
}

/**
 * The part of a Node `ServerResponse` (Express's `res` is one) that
 * {@link pipeUIMessageStreamToResponse} uses.
 */
export interface NodeResponseLike {
  /** Send the status line and headers. */
  writeHead(status: number, headers: Record<string, string>): unknown;
  /** Write a body chunk. */
  write(chunk: Uint8Array): unknown;
  /** End the body. */
  end(): unknown;
  /** Register a listener; `close` fires when the connection ends (also when the client goes away). */
  on(event: 'close', listener: () => void): unknown;
  /** Whether `end()` was called. */
  readonly writableEnded: boolean;
}

/**
 * Writes the run's events as a UI message stream to a Node response. Resolves when the stream
 * ended or the client went away; a client that goes away cancels the stream (`onCancel`).
 * The frames go straight to `response.write` (no web stream in between), those of one
 * event-loop turn in one write.
 */
export function pipeUIMessageStreamToResponse(
  events: AsyncIterable<AgentStreamEvent>,
  response: NodeResponseLike,
  options: UIMessageStreamResponseOptions = {},
): Promise<void> {
  return new Promise<void>((resolve) => {
    const source = uiStreamSource(events, options, new SSEBatchWriter());
    response.on('close', () => {
      if (response.writableEnded) return;
      source.cancel('client disconnected');
      resolve();
    });
    response.writeHead(options.status ?? 200, { ...options.headers, ...UI_MESSAGE_STREAM_HEADERS });
    source.start({
      enqueue(bytes) {
        response.write(bytes);
        source.pull(); // ready for the next batch: Node buffers what the socket has not taken yet
      },
      close() {
        if (!response.writableEnded) response.end();
        resolve();
      },
    });
    source.pull();
  });
}
