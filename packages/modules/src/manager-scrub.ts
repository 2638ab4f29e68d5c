/**
 * Host-side scrubbing of secret values (and their encodings, via the sandbox's scrubber) out of
 * text and JSON, as a second line of defence behind the sandbox's own scrubbing.
 */
import { createScrubber, type JSONValue } from '@graft/sandbox';

/** Returns a function replacing every known form of each secret in a string by `[REDACTED]`. */
export function textScrubber(secrets: Record<string, string> | string[]): (text: string) => string {
  const scrubber = createScrubber(secrets);
  return (text) => scrubber.scrub(text);
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
