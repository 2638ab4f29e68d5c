/**
 * The two ways a checked hop is answered: the real network (pinned to a checked address) or a
 * test case's fixtures (no network at all).
 */
import type { FetchCapability, HttpFixture } from '../types.js';
import type { HopSender } from './guest-fetch.js';
import { sendHop } from './http-hop.js';
import { FetchFailed, resolvePinned } from './policy.js';

/** A sender that resolves, checks and pins each hop, then talks real HTTP. */
export function liveSender(responseBytes: number, signal: () => AbortSignal): HopSender {
  return async (req, cap: FetchCapability) => {
    const pinned = await resolvePinned(req.url, cap);
    return sendHop(req, pinned, responseBytes, signal());
  };
}

/** Raised when a harness request matches no fixture; the harness reports it by name. */
export class UnmatchedRequest extends FetchFailed {
  constructor(message: string) {
    super(message);
    this.name = 'UnmatchedRequest';
  }
}

const normalize = (url: string) => {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
};

/**
 * A sender that answers from fixtures: method (default GET) and the WHATWG-normalized URL
 * (after secret substitution) must match exactly. An unmatched request fails with a message
 * naming it and the fixtures available.
 */
export function fixtureSender(fixtures: readonly HttpFixture[], responseBytes: number): HopSender {
  const keys = fixtures.map((f) => `${String(f.request.method ?? 'GET').toUpperCase()} ${normalize(f.request.url)}`);
  return async (req) => {
    const index = keys.indexOf(`${req.method} ${req.url.href}`);
    const found = index >= 0 ? fixtures[index] : undefined;
    if (!found) {
      const available = keys;
      throw new UnmatchedRequest(`no fixture matches ${req.method} ${req.url.href}; fixtures available: ${available.length ? available.join(', ') : '(none)'}`);
    }
    const { response } = found;
    const headers: Array<[string, string]> = Object.entries(response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]);
    let body = response.body ?? '';
    if (response.json !== undefined) {
      body = JSON.stringify(response.json);
      if (!headers.some(([k]) => k === 'content-type')) headers.push(['content-type', 'application/json']);
    }
    if (Buffer.byteLength(body) > responseBytes) throw new FetchFailed(`fetch failed: response body exceeds ${responseBytes} bytes`);
    return { status: response.status, statusText: '', headers, body };
  };
}
