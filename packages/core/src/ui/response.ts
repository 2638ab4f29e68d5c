/**
 * Deliver a UI message stream over HTTP: a web-standard `Response` (Next.js route handlers,
 * Hono, Deno, Bun, workers) or written to a Node `ServerResponse` (Express, `node:http`).
 * @module
 */
import type { AgentStreamEvent } from '../agent/types.js';
import { UI_MESSAGE_STREAM_HEADERS } from './chunks.js';
import { runUIMessageSSEStream, type UIMessageStreamOptions } from './to-ui-stream.js';
import { UIStreamSource, type UIStreamSink } from './ui-stream-source.js';
import { Buffer } from 'node:buffer';
import { SSEBatchWriter, type FrameEncoder } from './batch-writers.js';

/** Options of {@link toUIMessageStreamResponse} and {@link pipeUIMessageStreamToResponse}. */
export interface UIMessageStreamResponseOptions extends UIMessageStreamOptions {
  /** HTTP status (default 200). */
  status?: number;
  /** Extra response headers (the stream's own headers win on conflict). */
  headers?: Record<string, string>;
}

let defaultInit: ResponseInit | undefined;
/**
 * The init of a response with no extra status or headers, built once (each `Response` copies
 * it): a `Headers` object, which a `Response` copies faster than it reads a plain object.
 */
function defaultResponseInit(): ResponseInit {
  return (defaultInit ??= Object.freeze({ status: 200, headers: new Headers(UI_MESSAGE_STREAM_HEADERS) }));
}

/**
 * A web-standard `Response` carrying the run's events as a UI message stream (SSE), with the
 * headers a `useChat` client expects. When the client disconnects, the runtime cancels the
 * body, which calls `options.onCancel` (abort the run there, or pass the request's `signal`
 * to `agent.stream`).
 */
export function toUIMessageStreamResponse(events: AsyncIterable<AgentStreamEvent>, options: UIMessageStreamResponseOptions = {}): Response {
  return runUIMessageStreamResponse(events, options);
}

/** {@link toUIMessageStreamResponse} of a run's own stream: a client that goes away aborts the run (then `options.onCancel`). */
export function runUIMessageStreamResponse(
  events: AsyncIterable<AgentStreamEvent>,
  options: UIMessageStreamResponseOptions = {},
  abortRun?: (reason: unknown) => void,
): Response {
  const body = runUIMessageSSEStream(events, options, abortRun);
  if (options.status === undefined && options.headers === undefined) return new Response(body, defaultResponseInit());
  return new Response(body, { status: options.status ?? 200, headers: { ...options.headers, ...UI_MESSAGE_STREAM_HEADERS } });
}

/**
 * The part of a Node `ServerResponse` (Express's `res` is one) that
 * {@link pipeUIMessageStreamToResponse} uses.
 */
export interface NodeResponseLike {
  /** Send the status line and headers. */
  writeHead(status: number, headers: Record<string, string>): unknown;
  /**
   * Write a body chunk. Returning `false` (Node's backpressure signal: the socket has not taken
   * what it was given) holds the next write until `drain`; any other value means go on.
   */
  write(chunk: Uint8Array): unknown;
  /** End the body. */
  end(): unknown;
  /**
   * Register a listener: `close` fires when the connection ends (also when the client goes
   * away), `drain` when a response whose `write` returned `false` takes more.
   */
  on(event: 'close' | 'drain', listener: () => void): unknown;
  /** Whether `end()` was called. */
  readonly writableEnded: boolean;
}

/** A batch as bytes for a Node response: a slice of Node's shared buffer pool (Node's own writers take these). */
const encodeForNode: FrameEncoder = (frames) => Buffer.from(frames, 'utf8');

/**
 * Writes the run's events as a UI message stream to a Node response. Resolves when the stream
 * ended or the client went away; a client that goes away cancels the stream (`onCancel`).
 * The frames go straight to `response.write` (no web stream in between), those of one
 * event-loop turn in one write. A slow client holds the writes: after a `write` that returns
 * `false` the frames made meanwhile wait for `drain` and go out in one write (an event iterable
 * without a push side is then not read further until the client takes more).
 */
export function pipeUIMessageStreamToResponse(
  events: AsyncIterable<AgentStreamEvent>,
  response: NodeResponseLike,
  options: UIMessageStreamResponseOptions = {},
): Promise<void> {
  return pipeRunToResponse(events, response, options);
}

/** {@link pipeUIMessageStreamToResponse} of a run's own stream: a client that goes away aborts the run (then `options.onCancel`). */
export function pipeRunToResponse(
  events: AsyncIterable<AgentStreamEvent>,
  response: NodeResponseLike,
  options: UIMessageStreamResponseOptions = {},
  abortRun?: (reason: unknown) => void,
): Promise<void> {
  return new Promise<void>((resolve) => {
    const writer = new NodeResponseWriter(response, new UIStreamSource(events, options, new SSEBatchWriter(encodeForNode), abortRun), resolve);
    response.on('close', () => writer.closed());
    response.writeHead(options.status ?? 200, options.headers === undefined ? NODE_HEADERS : { ...options.headers, ...UI_MESSAGE_STREAM_HEADERS });
    writer.start();
  });
}

/** The stream's headers for `writeHead` when the app adds none (Node reads them, never changes them). */
const NODE_HEADERS: Record<string, string> = UI_MESSAGE_STREAM_HEADERS as Record<string, string>;

/**
 * Writes a source's batches to a Node response: each straight to `write`, the next pulled at
 * once unless the write returned `false` (then on `drain`).
 */
class NodeResponseWriter implements UIStreamSink<Uint8Array> {
  readonly #response: NodeResponseLike;
  readonly #source: UIStreamSource<Uint8Array>;
  readonly #done: () => void;
  /** The last write returned `false`: the next waits for `drain`. */
  #full = false;
  /** The `drain` listener is registered (the first time a write returns `false`). */
  #listening = false;

  constructor(response: NodeResponseLike, source: UIStreamSource<Uint8Array>, done: () => void) {
    this.#response = response;
    this.#source = source;
    this.#done = done;
  }

  start(): void {
    this.#source.start(this);
    this.#source.pull();
  }

  enqueue(bytes: Uint8Array): void {
    if (this.#response.write(bytes) !== false) return this.#source.pull(); // ready for the next batch
    this.#full = true;
    if (!this.#listening) this.#response.on('drain', () => this.#drained());
    this.#listening = true;
  }

  close(): void {
    if (!this.#response.writableEnded) this.#response.end();
    this.#done();
  }

  /** The connection closed: before the end, that is a client that went away. */
  closed(): void {
    if (this.#response.writableEnded) return;
    this.#source.cancel('client disconnected');
    this.#done();
  }

  #drained(): void {
    if (!this.#full) return;
    this.#full = false;
    this.#source.pull();
  }
}
