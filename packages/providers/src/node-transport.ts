/**
 * The default transport on Node: one request over `node:http` / `node:https` (the global keep-alive
 * agents), shaped like the slice of `fetch` the HTTP client uses. Node's global `fetch` compiles
 * its bundled undici on first use (≈ 40–60 ms of CPU in a fresh process); `node:http` is already
 * part of the runtime. Behaviour matches `fetch`: the body is a web `ReadableStream` that the
 * signal errors and `cancel()` ends (the request is destroyed either way), gzip/deflate/br bodies
 * are decoded, and a connection that ends early errors the body (`terminated`).
 *
 * Used only on Node (found through `process.getBuiltinModule`, so bundlers for other runtimes see
 * no import), when no `fetch` option is given and the global `fetch` is still Node's own.
 * @module
 */
import { nodeBodyReader, type NodeReadable } from './node-body.js';
import type { HttpResponse } from './http-response.js';

/** The request parts the HTTP client passes. */
export interface TransportInit {
  /** `GET` or `POST`. */
  method: string;
  /** Request headers (auth included). */
  headers: Record<string, string>;
  /** The JSON body, if any. */
  body: string | undefined;
  /** Aborts the request, and the body once the head has come. */
  signal: AbortSignal;
  /**
   * Called once the body ended, failed or was cancelled (Node transport only; `fetch` ignores it):
   * the HTTP client then lets go of the caller's signal.
   */
  onBodyEnd?: () => void;
}

/** Sends one request; resolves at the response head. */
export type Transport = (url: string, init: TransportInit) => Promise<HttpResponse>;

/** Content codings we decode (what `fetch` asks for too). */
const ACCEPT_ENCODING = 'gzip, deflate, br';

type NodeStream = NodeReadable & {
  destroy(error?: Error): unknown;
  pipe<T>(destination: T): T;
};
type IncomingMessage = NodeStream & { statusCode?: number; complete: boolean; headers: Record<string, string | string[] | undefined> };
type ClientRequest = NodeStream & { end(body?: string): void; setNoDelay?(on: boolean): void };
type RequestFn = (url: URL, options: { method: string; headers: Record<string, string> }, cb: (res: IncomingMessage) => void) => ClientRequest;
type ZlibOptions = { flush: number; finishFlush: number };
type Zlib = {
  constants: Record<string, number>;
  createGunzip(o: ZlibOptions): NodeStream;
  createInflate(o: ZlibOptions): NodeStream;
  createBrotliDecompress(o: { flush: number; finishFlush: number }): NodeStream;
};
type NodeProcess = {
  versions?: Record<string, string | undefined>;
  getBuiltinModule?: (id: string) => unknown;
};

/** The native global `fetch` as it was when this module loaded (a later replacement opts out). */
const initialFetch: unknown = typeof fetch === 'function' ? fetch : undefined;

function nodeProcess(): NodeProcess | undefined {
  const proc = (globalThis as { process?: NodeProcess }).process;
  const versions = proc?.versions;
  if (!versions || typeof versions.node !== 'string' || versions.deno || versions.bun) return undefined;
  return typeof proc.getBuiltinModule === 'function' ? proc : undefined;
}

/** Decodes a `Content-Encoding` like `fetch` does; `undefined` for identity. */
function decoder(proc: NodeProcess, encoding: string | undefined): NodeStream | undefined {
  const coding = encoding?.trim().toLowerCase();
  if (!coding || coding === 'identity') return undefined;
  const zlib = proc.getBuiltinModule!('node:zlib') as Zlib;
  const c = zlib.constants;
  if (coding === 'gzip' || coding === 'x-gzip') return zlib.createGunzip({ flush: c.Z_SYNC_FLUSH!, finishFlush: c.Z_SYNC_FLUSH! });
  if (coding === 'deflate') return zlib.createInflate({ flush: c.Z_SYNC_FLUSH!, finishFlush: c.Z_SYNC_FLUSH! });
  if (coding === 'br') return zlib.createBrotliDecompress({ flush: c.BROTLI_OPERATION_FLUSH!, finishFlush: c.BROTLI_OPERATION_FLUSH! });
  return undefined;
}

/** What `fetch` adds when the caller did not set it (some gateways refuse requests without a user agent). */
const DEFAULT_HEADERS: Readonly<Record<string, string>> = { 'accept-encoding': ACCEPT_ENCODING, 'user-agent': 'node' };

/** The headers with the defaults added, by the caller's headers object (the HTTP client passes the same few on every request). */
const completed = new WeakMap<Record<string, string>, Record<string, string>>();

/** A fresh copy of `given` with the defaults it lacks (the caller adds per-request headers to it). */
function withDefaults(given: Record<string, string>): Record<string, string> {
  let template = completed.get(given);
  if (template === undefined) {
    template = { ...given };
    const names = new Set(Object.keys(given).map((k) => k.toLowerCase()));
    for (const [name, value] of Object.entries(DEFAULT_HEADERS)) if (!names.has(name)) template[name] = value;
    completed.set(given, template);
  }
  return { ...template };
}

const abortReason = (signal: AbortSignal): unknown => signal.reason ?? new DOMException('This operation was aborted', 'AbortError');

function headerReader(raw: Record<string, string | string[] | undefined>): HttpResponse['headers'] {
  return {
    get(name: string): string | null {
      const value = raw[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/** Turns the response into an {@link HttpResponse} whose body the signal and `cancel()` end. */
function toResponse(proc: NodeProcess, req: ClientRequest, res: IncomingMessage, signal: AbortSignal, onBodyEnd: (() => void) | undefined): HttpResponse {
  const status = res.statusCode ?? 0;
  const decode = decoder(proc, res.headers['content-encoding'] as string | undefined);
  const source: NodeStream = decode ? res.pipe(decode) : res;
  const { reader, fail } = nodeBodyReader(
    source,
    () => {
      signal.removeEventListener('abort', onAbort);
      onBodyEnd?.();
    },
    () => req.destroy(),
  );
  const onAbort = () => fail(abortReason(signal));
  // the connection closed before the whole body arrived
  res.on('close', () => {
    if (!res.complete) fail(new TypeError('terminated'));
  });
  if (decode) res.on('error', (error: Error) => fail(error));
  signal.addEventListener('abort', onAbort, { once: true });
  let taken = false;
  const body = {
    getReader() {
      if (taken) throw new TypeError('Body is unusable: Body has already been read');
      taken = true;
      return reader;
    },
  };
  return {
    ok: status >= 200 && status < 300,
    status,
    headers: headerReader(res.headers),
    body,
    async text() {
      const reader = body.getReader();
      const utf8 = new TextDecoder();
      let text = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return text + utf8.decode();
        text += utf8.decode(value, { stream: true });
      }
    },
  };
}

/**
 * The Node transport, or `undefined` when not on Node (Deno, Bun, browsers, workers), when Node
 * lacks `process.getBuiltinModule`, or when the global `fetch` was replaced after Graft loaded.
 */
export function nodeTransport(): Transport | undefined {
  const proc = nodeProcess();
  if (!proc || (typeof fetch === 'function' ? fetch : undefined) !== initialFetch) return undefined;
  let http: { request: RequestFn } | undefined;
  let https: { request: RequestFn } | undefined;
  return (url, init) =>
    new Promise<HttpResponse>((resolve, reject) => {
      const target = new URL(url);
      const secure = target.protocol === 'https:';
      if (!secure && target.protocol !== 'http:') {
        reject(new TypeError(`unsupported protocol ${target.protocol}`));
        return;
      }
      const signal = init.signal;
      if (signal.aborted) {
        reject(abortReason(signal));
        return;
      }
      const mod = secure
        ? (https ??= proc.getBuiltinModule!('node:https') as { request: RequestFn })
        : (http ??= proc.getBuiltinModule!('node:http') as { request: RequestFn });
      const headers = withDefaults(init.headers);
      if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
      let headed = false;
      const onAbort = () => {
        if (headed) return;
        req.destroy();
        reject(abortReason(signal));
      };
      const req = mod.request(target, { method: init.method, headers }, (res) => {
        headed = true;
        signal.removeEventListener('abort', onAbort);
        resolve(toResponse(proc, req, res, signal, init.onBodyEnd));
      });
      req.on('error', (error: Error) => {
        if (headed) return;
        signal.removeEventListener('abort', onAbort);
        reject(error);
      });
      signal.addEventListener('abort', onAbort, { once: true });
      req.end(init.body);
    });
}
