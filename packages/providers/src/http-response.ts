/**
 * The part of a `fetch` `Response` the provider reads, so the Node transport can answer without
 * building a `Response` (which would load Node's bundled undici).
 * @module
 */

/** A response head and its unread body. */
export interface HttpResponse {
  /** Status in 200–299. */
  readonly ok: boolean;
  /** HTTP status. */
  readonly status: number;
  /** Response headers (case-insensitive `get`, `null` when absent). */
  readonly headers: { get(name: string): string | null };
  /** The body; `null` when there is none. */
  readonly body: ReadableStream<Uint8Array> | null;
  /** Reads the whole body as UTF-8 text. */
  text(): Promise<string>;
}
