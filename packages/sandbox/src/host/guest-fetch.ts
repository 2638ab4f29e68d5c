/**
 * A guest's `ctx.fetch`, done by the host: the request is rebuilt from allowlisted fields,
 * checked against the policy, secrets substituted, redirects followed manually (each hop
 * re-checked), and the response scrubbed before the guest sees it. The guest's `Response.url` is
 * the URL it asked for (placeholders, not secrets), or for a redirect chain the final URL with
 * every substituted secret put back as its placeholder: URL text the host re-serialized after
 * substitution never reaches the guest.
 */
import { MAX_REDIRECTS, MAX_REQUEST_BODY_BYTES, MAX_REQUEST_HEADERS, MAX_URL_CHARS } from '../limits.js';
import { createScrubber, type Scrubber } from '@graft/providers/scrub';
import type { FetchCapability } from '../types.js';
import type { HopRequest, HopResponse } from './http-hop.js';
import { CapabilityDenied, checkUrl, FetchFailed, normalizeAllowHosts } from './policy.js';
import { substitute, substituteHeaderValue } from './substitute.js';

/** Methods a guest may use. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Header names a guest may never set (dropped silently; the server never sees them). */
const DROPPED_HEADER =
  /^(host|connection|content-length|transfer-encoding|te|trailer|upgrade|keep-alive|expect|via|forwarded|x-forwarded-.*|x-real-ip|proxy-.*)$/i;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers dropped when a redirect leaves the original origin. */
const CREDENTIAL_HEADER = /^(authorization|cookie|proxy-authorization)$/i;

/** The response shape the guest's bootstrap turns into a Response-like object. */
export interface GuestResponse {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  url: string;
  body: string;
}

/** Sends one hop: live (pinned network) or from fixtures. */
export type HopSender = (req: HopRequest, cap: FetchCapability) => Promise<HopResponse>;

/** Per-run fetch context. */
export interface GuestFetchContext {
  cap: FetchCapability;
  /** `cap.allowHosts`, normalized once per run (see `normalizeAllowHosts`). */
  allowed: ReturnType<typeof normalizeAllowHosts>;
  /** Placeholder → real secret value. */
  placeholders: ReadonlyMap<string, string>;
  scrubber: Scrubber;
  send: HopSender;
}

/** Parses and validates the guest's request JSON into a first hop. */
function buildRequest(requestJson: string, ctx: GuestFetchContext): { hop: HopRequest; secretHeaders: Set<string>; guestUrl: string } {
  let raw: { url?: unknown; method?: unknown; headers?: unknown; body?: unknown };
  try {
    raw = JSON.parse(requestJson) as typeof raw;
  } catch {
    throw new CapabilityDenied('fetch denied: malformed request');
  }
  if (typeof raw.url !== 'string' || raw.url.length > MAX_URL_CHARS) throw new CapabilityDenied('fetch denied: url must be a string');
  const method = typeof raw.method === 'string' ? raw.method.toUpperCase() : 'GET';
  if (!METHODS.has(method)) throw new CapabilityDenied(`fetch denied: method ${method.slice(0, 20)} is not allowed`);
  const url = checkUrl(raw.url, ctx.cap, ctx.allowed);
  // Placeholders are substituted in the path and query only, never in the host or userinfo.
  const pathAndQuery = substitute(url.pathname + url.search, ctx.placeholders, true).text;
  const target = new URL(pathAndQuery, url.origin);
  const headers: Record<string, string> = {};
  const secretHeaders = new Set<string>();
  const pairs = Array.isArray(raw.headers) ? raw.headers : [];
  if (pairs.length > MAX_REQUEST_HEADERS) throw new CapabilityDenied(`fetch denied: more than ${MAX_REQUEST_HEADERS} headers`);
  for (const pair of pairs) {
    if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') continue;
    const name = pair[0].toLowerCase();
    if (!TOKEN.test(name) || DROPPED_HEADER.test(name)) continue;
    const value = substituteHeaderValue(pair[1], ctx.placeholders);
    if (/[\r\n\0]/.test(value.text)) throw new CapabilityDenied(`fetch denied: invalid value for header ${name}`);
    headers[name] = headers[name] === undefined ? value.text : `${headers[name]}, ${value.text}`;
    if (value.used) secretHeaders.add(name);
  }
  let body: string | undefined;
  if (raw.body !== undefined && raw.body !== null) {
    if (typeof raw.body !== 'string') throw new CapabilityDenied('fetch denied: body must be a string');
    if (method === 'GET' || method === 'HEAD') throw new CapabilityDenied('fetch denied: GET/HEAD requests cannot have a body');
    body = substitute(raw.body, ctx.placeholders, false).text;
    if (Buffer.byteLength(body) > MAX_REQUEST_BODY_BYTES) {
      throw new CapabilityDenied(`fetch denied: body exceeds ${MAX_REQUEST_BODY_BYTES} bytes`);
    }
  }
  return { hop: { url: target, method, headers, body }, secretHeaders, guestUrl: url.href };
}

/** `href` with every encoding of every substituted secret replaced by its placeholder, then scrubbed. */
function toGuestUrl(href: string, ctx: GuestFetchContext): string {
  if (ctx.placeholders.size === 0) return href;
  const byValue = new Map<string, string>();
  for (const [placeholder, value] of ctx.placeholders) byValue.set(value, placeholder);
  const restore = createScrubber([...byValue.keys()], { replacement: (value) => byValue.get(value) ?? '' });
  return ctx.scrubber.scrub(restore.scrub(href));
}

/**
 * Performs a guest fetch end to end and returns the scrubbed response.
 * @throws CapabilityDenied for policy refusals, FetchFailed for network errors and limits.
 */
export async function performGuestFetch(requestJson: string, ctx: GuestFetchContext): Promise<GuestResponse> {
  const { hop: first, secretHeaders, guestUrl: asked } = buildRequest(requestJson, ctx);
  let hop = first;
  // what the guest sees as the URL of the current hop: never the substituted one
  let guestUrl = asked;
  for (let redirects = 0; ; redirects++) {
    const res = await ctx.send(hop, ctx.cap);
    const location = res.headers.find(([k]) => k === 'location')?.[1];
    const isRedirect = [301, 302, 303, 307, 308].includes(res.status) && location !== undefined;
    if (!isRedirect) {
      return {
        status: res.status,
        statusText: ctx.scrubber.scrub(res.statusText),
        headers: res.headers.map(([k, v]) => [ctx.scrubber.scrub(k), ctx.scrubber.scrub(v)]),
        url: ctx.scrubber.scrub(guestUrl),
        body: ctx.scrubber.scrub(res.body),
      };
    }
    if (redirects >= MAX_REDIRECTS) throw new FetchFailed(`fetch failed: more than ${MAX_REDIRECTS} redirects`);
    let nextRaw: string;
    try {
      nextRaw = new URL(location, hop.url).href;
    } catch {
      throw new FetchFailed('fetch failed: invalid redirect location');
    }
    const next = checkUrl(nextRaw, ctx.cap, ctx.allowed);
    const toGet = res.status === 303 || ((res.status === 301 || res.status === 302) && hop.method === 'POST');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(hop.headers)) {
      if (next.origin !== hop.url.origin && (CREDENTIAL_HEADER.test(name) || secretHeaders.has(name))) continue;
      if (toGet && /^content-/i.test(name)) continue;
      headers[name] = value;
    }
    hop = { url: next, method: toGet ? 'GET' : hop.method, headers, body: toGet ? undefined : hop.body };
    guestUrl = toGuestUrl(next.href, ctx);
  }
}
