/**
 * The fetch policy checked on the host for every request and every redirect hop.
 */
import { lookup } from 'node:dns/promises';
import type { FetchCapability } from '../types.js';
import { isIpLiteral, isNonPublicAddress } from './addresses.js';

/** A failed host fetch (network error, limit); its message is generic and safe to show the guest. */
export class FetchFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FetchFailed';
  }
}

/** A refusal by the fetch policy; its message is safe to show the guest. */
export class CapabilityDenied extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CapabilityDenied';
  }
}

/** One `allowHosts` entry, normalized. */
interface AllowedHost {
  hostname: string;
  port: string | undefined;
}

const defaultPort = (protocol: string) => (protocol === 'https:' ? '443' : '80');

/** Normalizes `allowHosts` entries (`host` or `host:port`) through the WHATWG URL parser. */
export function normalizeAllowHosts(entries: readonly string[]): AllowedHost[] {
  const out: AllowedHost[] = [];
  for (const entry of entries) {
    if (typeof entry !== 'string' || entry.length === 0 || /[/@?#\s]/.test(entry)) continue;
    try {
      const url = new URL(`http://${entry}`);
      out.push({ hostname: url.hostname, port: /:\d+$/.test(entry) ? url.port || '80' : undefined });
    } catch {
      // an unparsable entry allows nothing
    }
  }
  return out;
}

/**
 * Checks a URL against the capability before any network activity: scheme, userinfo, IP literals
 * and the allowlist (exact WHATWG-parsed hostname; an entry without a port allows only the
 * scheme's default port).
 * @throws CapabilityDenied
 */
export function checkUrl(raw: string, cap: FetchCapability, allowed: readonly AllowedHost[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CapabilityDenied('fetch denied: the URL is not absolute or not valid');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && cap.allowInsecureHttp)) {
    throw new CapabilityDenied(`fetch denied: scheme ${url.protocol} is not allowed (https only)`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new CapabilityDenied('fetch denied: credentials in the URL are not allowed');
  }
  if (isIpLiteral(url.hostname) && !cap.allowPrivateNetwork) {
    throw new CapabilityDenied('fetch denied: IP address hosts are not allowed');
  }
  const port = url.port || defaultPort(url.protocol);
  const ok = allowed.some((a) => a.hostname === url.hostname && (a.port ?? defaultPort(url.protocol)) === port);
  if (!ok) throw new CapabilityDenied(`fetch denied: host ${url.host} is not in allowHosts`);
  return url;
}

/**
 * Resolves the URL's host and checks every address; returns the address to pin the connection
 * to. Loopback, private, link-local and metadata addresses are refused unless
 * `allowPrivateNetwork`.
 * @throws CapabilityDenied
 */
export async function resolvePinned(url: URL, cap: FetchCapability): Promise<{ address: string; family: number }> {
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: Array<{ address: string; family: number }>;
  try {
    addresses = await lookup(hostname, { all: true, verbatim: true });
  } catch {
    throw new CapabilityDenied(`fetch failed: could not resolve ${url.hostname}`);
  }
  if (addresses.length === 0) throw new CapabilityDenied(`fetch failed: could not resolve ${url.hostname}`);
  if (!cap.allowPrivateNetwork && addresses.some((a) => isNonPublicAddress(a.address))) {
    throw new CapabilityDenied(`fetch denied: ${url.hostname} resolves to a private or local address`);
  }
  return addresses[0];
}
