/**
 * `startFakeApi`: a stand-in of a third-party HTTP API on 127.0.0.1 (ephemeral port) for
 * testing modules — a route table of JSON responses, an optional API key check, and a log of
 * every request received, so a test can assert what a module sent (and that a secret reached
 * only this host).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One JSON response of the fake API. */
export interface FakeResponse {
  /** HTTP status (default 200). */
  status?: number;
  /** The JSON body. */
  body: unknown;
  /** Extra response headers. */
  headers?: Record<string, string>;
}

/** A request the fake API received. */
export interface FakeApiRequest {
  /** HTTP method. */
  method: string;
  /** The raw path with its query, exactly as sent (e.g. `/v1/players/%23TAG?limit=5`). */
  path: string;
  /** Request headers (lower-case names). */
  headers: IncomingHttpHeaders;
  /** Route parameters matched by `:name` segments, percent-decoded. */
  params: Record<string, string>;
  /** The query string's parameters. */
  query: Record<string, string>;
}

/** A route's answer: a fixed response, or a function of the request. */
export type FakeRoute = FakeResponse | ((request: FakeApiRequest) => FakeResponse);

/** Options of `startFakeApi`. */
export interface FakeApiOptions {
  /** Routes keyed `"METHOD /path/:param"` (e.g. `"GET /v1/players/:tag"`); `:param` matches one percent-encoded segment. */
  routes: Record<string, FakeRoute>;
  /** The only accepted API key; absent: no check. */
  apiKey?: string;
  /** How the key is sent: `'bearer'` (`Authorization: Bearer <key>`, the default) or the name of a header carrying it. */
  auth?:
    | 'bearer'
    | {
        /** The header carrying the key as is (e.g. `X-Api-Key`). */
        header: string;
      };
  /** Answer when the key is missing or wrong (default 401 `{ error: 'unauthorized' }`). */
  unauthorized?: FakeResponse;
  /** Answer when no route matches (default 404 `{ error: 'not_found' }`). */
  notFound?: FakeResponse | ((request: FakeApiRequest) => FakeResponse);
}

/** A running fake API. */
export interface FakeApi {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `127.0.0.1:<port>`, what a module's manifest lists under `permissions.hosts`. */
  host: string;
  /** Every request received, in order. */
  requests: FakeApiRequest[];
  /** Stops the server. */
  close(): Promise<void>;
  /** `close()`, for `await using api = await startFakeApi(…)`. */
  [Symbol.asyncDispose](): Promise<void>;
}

const NOT_FOUND: FakeResponse = { status: 404, body: { error: 'not_found' } };

interface CompiledRoute {
  method: string;
  pattern: RegExp;
  names: string[];
  route: FakeRoute;
}

function compile(key: string, route: FakeRoute): CompiledRoute {
  const space = key.indexOf(' ');
  if (space < 1) throw new TypeError(`Fake API route "${key}" must look like "GET /path/:param".`);
  const method = key.slice(0, space).toUpperCase();
  const names: string[] = [];
  const source = key
    .slice(space + 1)
    .split('/')
    .map((seg) => (seg.startsWith(':') ? (names.push(seg.slice(1)), '([^/?]+)') : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return { method, pattern: new RegExp(`^${source}$`), names, route };
}

const answer = (r: FakeRoute, req: FakeApiRequest): FakeResponse => (typeof r === 'function' ? r(req) : r);

/** Starts a fake API on 127.0.0.1; `close()` it when done. */
export async function startFakeApi(options: FakeApiOptions): Promise<FakeApi> {
  const routes = Object.entries(options.routes).map(([k, r]) => compile(k, r));
  const requests: FakeApiRequest[] = [];
  const authorized = (headers: IncomingHttpHeaders): boolean => {
    if (options.apiKey === undefined) return true;
    const auth = options.auth ?? 'bearer';
    return auth === 'bearer' ? headers.authorization === `Bearer ${options.apiKey}` : headers[auth.header.toLowerCase()] === options.apiKey;
  };
  const server = createServer((req, res) => {
    const raw = req.url ?? '/';
    const url = new URL(raw, 'http://fake.invalid');
    const request: FakeApiRequest = { method: req.method ?? 'GET', path: raw, headers: req.headers, params: {}, query: Object.fromEntries(url.searchParams) };
    requests.push(request);
    const send = (r: FakeResponse) => {
      const text = JSON.stringify(r.body);
      res.writeHead(r.status ?? 200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...r.headers });
      res.end(text);
    };
    req.resume();
    if (!authorized(req.headers)) return send(options.unauthorized ?? { status: 401, body: { error: 'unauthorized' } });
    for (const r of routes) {
      const m = r.method === request.method ? r.pattern.exec(url.pathname) : null;
      if (!m) continue;
      r.names.forEach((n, i) => (request.params[n] = decodeURIComponent(m[i + 1]!)));
      return send(answer(r.route, request));
    }
    return send(answer(options.notFound ?? NOT_FOUND, request));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { origin: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}`, requests, close, [Symbol.asyncDispose]: close };
}
