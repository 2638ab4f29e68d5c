/**
 * The HTTP layer of `openaiCompatible()`: one request per attempt to an OpenAI-compatible
 * endpoint (JSON in, the response head and unread body out), and the errors the error map turns into
 * {@link ProviderError}s. Retries, the per-attempt timeout of the body and every typed error
 * live above it; this file only sends, bounds the wait for the response head, and reports
 * non-2xx answers with their status, headers and parsed error body. On Node, without a `fetch`
 * option, requests go over `node:http(s)` (`node-transport.ts`); elsewhere over `fetch`.
 *
 * It replaces the `openai` package (≈ 19 MB installed, ≈ 80 ms to import) for the three
 * calls Graft makes (`POST /chat/completions`, `POST /embeddings`, `GET /models`).
 * @module
 */
import type { HttpResponse } from './http-response.js';
import { nodeTransport, type Transport } from './node-transport.js';

export type { HttpResponse } from './http-response.js';

/** An error answer from the server: a non-2xx status, or an error event inside a stream (`status` undefined). */
export class ServerAnswerError extends Error {
  /** HTTP status; `undefined` for an error sent inside a 200 stream or body. */
  readonly status: number | undefined;
  /** The `error` member of the JSON body (for an HTTP status), or the error payload itself (in a stream). */
  readonly error: unknown;
  /** Response headers (for `Retry-After`). */
  readonly headers: HttpResponse['headers'] | undefined;

  constructor(status: number | undefined, error: unknown, message: string | undefined, headers: HttpResponse['headers'] | undefined) {
    const inner = (error as { message?: unknown } | undefined)?.message;
    super(typeof inner === 'string' ? inner : (message ?? (status ? `HTTP ${status}` : 'error in the response')));
    this.name = 'ServerAnswerError';
    this.status = status;
    this.error = error;
    this.headers = headers;
  }
}

/** No response head within the attempt's time. */
export class ConnectionTimeoutError extends Error {
  constructor() {
    super('Request timed out.');
    this.name = 'ConnectionTimeoutError';
  }
}

/** The request never got an answer (refused, reset, DNS...): `cause` is what `fetch` threw. */
export class ConnectionError extends Error {
  constructor(cause: unknown) {
    super('Connection error.', { cause });
    this.name = 'ConnectionError';
  }
}

/** Options of one request. */
export interface HttpRequestOptions {
  /** The caller's signal: aborts the request and its body. */
  signal?: AbortSignal;
  /** Milliseconds to wait for the response head. */
  timeout: number;
}

/** Options of {@link createHttpClient}. */
export interface HttpClientOptions {
  baseURL: string;
  /** Headers sent with every request (`Authorization` included when there is a key). */
  headers: Record<string, string>;
  /** A custom `fetch` (proxies, tests); default `node:http(s)` on Node, else the global `fetch`. */
  fetch?: typeof fetch;
}

/** The calls `openaiCompatible()` makes. */
export interface HttpClient {
  /** `POST` JSON to `path`; resolves to the 2xx response (its body unread). */
  post(path: string, body: unknown, options: HttpRequestOptions): Promise<HttpResponse>;
  /** `GET` JSON from `path`. */
  getJson(path: string, options: HttpRequestOptions): Promise<unknown>;
  /** `POST` JSON to `path` and parse the JSON answer. */
  postJson(path: string, body: unknown, options: HttpRequestOptions): Promise<unknown>;
}

/** The parsed JSON of `text`, or `undefined` when it is not JSON. */
function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Creates the {@link HttpClient} for one provider. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const base = options.baseURL;
  const userFetch = options.fetch;
  const node = userFetch ? undefined : nodeTransport();
  const doFetch: Transport = node ?? ((url, init) => (userFetch ?? fetch).call(undefined, url, init));
  const jsonHeaders = { Accept: 'application/json', 'Content-Type': 'application/json', ...options.headers };
  const getHeaders = { Accept: 'application/json', ...options.headers };
  const urlOf = (path: string) => base + (base.endsWith('/') && path.startsWith('/') ? path.slice(1) : path);

  async function send(method: 'GET' | 'POST', path: string, body: string | undefined, o: HttpRequestOptions): Promise<HttpResponse> {
    const controller = new AbortController();
    const abort = () => controller.abort();
    const signal = o.signal;
    let onBodyEnd: (() => void) | undefined;
    if (signal) {
      if (signal.aborted) controller.abort();
      else {
        // kept for the life of the body, so aborting also cancels a body being read. The Node
        // transport says when the body is over, and the caller's signal (often long-lived: one
        // per server or per session) is let go then, instead of keeping a listener per call.
        signal.addEventListener('abort', abort, { once: true });
        onBodyEnd = () => signal.removeEventListener('abort', abort);
      }
    }
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, o.timeout);
    let response: HttpResponse;
    try {
      const init: Parameters<Transport>[1] = { method, headers: method === 'GET' ? getHeaders : jsonHeaders, body, signal: controller.signal };
      if (onBodyEnd && node) init.onBodyEnd = onBodyEnd;
      response = await doFetch(urlOf(path), init);
    } catch (cause) {
      signal?.removeEventListener('abort', abort);
      if (timedOut && !signal?.aborted) throw new ConnectionTimeoutError();
      throw new ConnectionError(cause);
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok) {
      const text = await response.text().catch((e: unknown) => (e instanceof Error ? e.message : String(e)));
      signal?.removeEventListener('abort', abort);
      const json = safeJson(text) as { error?: unknown } | undefined;
      throw new ServerAnswerError(response.status, json?.error, json ? undefined : text, response.headers);
    }
    return response;
  }

  const readJson = async (response: HttpResponse): Promise<unknown> => {
    const text = await response.text();
    return text === '' ? undefined : JSON.parse(text);
  };

  return {
    post: (path, body, o) => send('POST', path, JSON.stringify(body), o),
    getJson: async (path, o) => readJson(await send('GET', path, undefined, o)),
    postJson: async (path, body, o) => readJson(await send('POST', path, JSON.stringify(body), o)),
  };
}
