/**
 * The part of a `fetch` `Response` the provider reads, so the Node transport can answer without
 * building a `Response` (which would load Node's bundled undici).
 * @module
 */

/** Reads a body chunk by chunk; a `ReadableStream`'s default reader is one. */
export interface BodyReader {
  /** The next chunk, or `done`; rejects when the body failed (abort, cut connection). */
  read(): Promise<ReadableStreamReadResult<Uint8Array>>;
  /** Stops the transfer; later reads are `done`. */
  cancel(): Promise<void>;
  /** Lets go of the body (after it ended). */
  releaseLock(): void;
}

/** A response head and its unread body. */
export interface HttpResponse {
  /** Status in 200–299. */
  readonly ok: boolean;
  /** HTTP status. */
  readonly status: number;
  /** Response headers (case-insensitive `get`, `null` when absent). */
  readonly headers: { get(name: string): string | null };
  /** The body; `null` when there is none. */
  readonly body: { getReader(): BodyReader } | null;
  /** Reads the whole body as UTF-8 text. */
  text(): Promise<string>;
}
