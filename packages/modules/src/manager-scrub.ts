/**
 * Scrubbing secret values (and their common encodings) out of text and JSON on the host side,
 * as a second line of defence behind the sandbox's own scrubbing.
 */
import type { JSONValue } from '@graft/sandbox';

const REDACTED = '[REDACTED]';
const MIN_SECRET_LENGTH = 4;

function forms(secret: string): string[] {
  const buf = Buffer.from(secret, 'utf8');
  const out = new Set<string>([
    secret,
    encodeURIComponent(secret),
    buf.toString('base64'),
    buf.toString('base64').replace(/=+$/, ''),
    buf.toString('base64url'),
    buf.toString('hex'),
    buf.toString('hex').toUpperCase(),
  ]);
  return [...out].filter((f) => f.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/** Returns a function replacing every known form of each secret in a string by `[REDACTED]`. */
export function textScrubber(secrets: Record<string, string> | string[]): (text: string) => string {
  const values = Array.isArray(secrets) ? secrets : Object.values(secrets);
  const all = values.flatMap(forms);
  if (all.length === 0) return (t) => t;
  return (text) => {
    let out = text;
    for (const f of all) if (out.includes(f)) out = out.split(f).join(REDACTED);
    return out;
  };
}

/** Deep-scrubs a JSON value (keys and string values). */
export function scrubJson<T extends JSONValue | undefined>(value: T, scrub: (text: string) => string): T {
  if (typeof value === 'string') return scrub(value) as T;
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, scrub)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, JSONValue> = {};
    for (const [k, v] of Object.entries(value)) out[scrub(k)] = scrubJson(v, scrub);
    return out as T;
  }
  return value;
}
