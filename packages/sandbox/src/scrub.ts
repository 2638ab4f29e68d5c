/**
 * The secret scrubber: removes secret values and their common encodings from text.
 */
import { MIN_SCRUB_CORE_CHARS, REDACTED } from './limits.js';

/** Removes secrets from text; see {@link createScrubber}. */
export interface Scrubber {
  /** Returns `text` with every known form of every secret replaced by `[REDACTED]`. */
  scrub(text: string): string;
  /** True when `text` contains a known form of a secret. */
  contains(text: string): boolean;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const toBase64Url = (b64: string) => b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/**
 * The base64 characters that depend only on the secret's bytes when the secret sits at byte
 * offset 0, 1 or 2 of a longer encoded string (e.g. `base64("Bearer " + secret)`).
 */
function base64Cores(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    const firstGroup = Math.ceil(offset / 3);
    const lastGroup = Math.floor((offset + bytes.length) / 3); // exclusive
    if (lastGroup <= firstGroup) continue;
    const core = padded.toString('base64').slice(firstGroup * 4, lastGroup * 4);
    if (core.length >= MIN_SCRUB_CORE_CHARS) out.push(core);
  }
  return out;
}

/** Every form of one secret value the scrubber looks for. */
function formsOf(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const hex = bytes.toString('hex');
  const uri = encodeURIComponent(value);
  const forms = new Set<string>([
    value,
    JSON.stringify(value).slice(1, -1),
    uri,
    uri.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    uri.replace(/%20/g, '+'),
    encodeURI(value),
    hex,
    hex.toUpperCase(),
    bytes.toString('base64'),
    toBase64Url(bytes.toString('base64')),
  ]);
  for (const core of base64Cores(bytes)) {
    forms.add(core);
    forms.add(toBase64Url(core));
  }
  return [...forms].filter((f) => f.length > 0);
}

/**
 * Builds a scrubber for a set of secret values (an array, or a record of name to value):
 * the value itself, its JSON-escaped, URL-encoded (upper/lower-case escapes, `+` for space),
 * hex (both cases), base64 and base64url forms, including the base64 of the secret inside a
 * longer string (`base64("user:" + secret)`), are replaced by `[REDACTED]`. Empty values are
 * ignored. Longest forms are matched first.
 */
export function createScrubber(secrets: readonly string[] | Readonly<Record<string, string>>): Scrubber {
  const values = (Array.isArray(secrets) ? secrets : Object.values(secrets)).filter(
    (v): v is string => typeof v === 'string' && v.length > 0,
  );
  const forms = [...new Set(values.flatMap(formsOf))].sort((a, b) => b.length - a.length);
  if (forms.length === 0) return { scrub: (text) => text, contains: () => false };
  const pattern = new RegExp(forms.map(escapeRegExp).join('|'), 'g');
  return {
    scrub: (text) => (typeof text === 'string' ? text.replace(pattern, REDACTED) : text),
    contains: (text) => {
      pattern.lastIndex = 0;
      const found = pattern.test(text);
      pattern.lastIndex = 0;
      return found;
    },
  };
}

/** One-off form of {@link createScrubber}: `scrubSecrets(text, secrets)`. */
export function scrubSecrets(text: string, secrets: readonly string[] | Readonly<Record<string, string>>): string {
  return createScrubber(secrets).scrub(text);
}
