/**
 * The one secret scrubber every Graft package uses: removes secret values, in every encoding
 * the host itself produces (see `forms.ts`), from text and JSON before it reaches a guest, an
 * error, a log, an event, a span, a model request or a checkpoint.
 * @module
 */
import { REDACTED } from '../limits.js';
import { secretPattern } from './forms.js';

/** Removes secrets from text; see {@link createScrubber}. */
export interface Scrubber {
  /** Returns `text` with every known form of every secret replaced (by `[REDACTED]` by default). */
  scrub(text: string): string;
  /** True when `text` contains a known form of a secret. */
  contains(text: string): boolean;
}

/** Options of {@link createScrubber}. */
export interface ScrubberOptions {
  /**
   * What replaces a secret: a fixed text (default `[REDACTED]`), or a function of the secret
   * value found (e.g. to put a placeholder back in place of the value it stands for).
   */
  replacement?: string | ((secret: string) => string);
}

const NONE: Scrubber = { scrub: (text) => text, contains: () => false };

/**
 * Builds a scrubber for a set of secret values (an array, or a record of name to value). Each
 * value is found as itself; percent-encoded in any case and with any subset of its characters
 * encoded (`encodeURIComponent`, `encodeURI`, WHATWG URL serialization such as `'` as `%27`,
 * form encoding with `+` for spaces); JSON-escaped once or twice (`\"`, `\\`, `\uXXXX`); as
 * base64 (padded or not), base64url and hex (both cases); and as the base64 of the value inside
 * a longer string, such as HTTP Basic `base64("user:" + secret)`. Empty values are ignored;
 * longer secrets are matched first.
 */
export function createScrubber(secrets: readonly string[] | Readonly<Record<string, string>>, options: ScrubberOptions = {}): Scrubber {
  const values = [...new Set((Array.isArray(secrets) ? secrets : Object.values(secrets)) as unknown[])]
    .filter((v): v is string => typeof v === 'string' && v.length > 0)
    .sort((a, b) => b.length - a.length);
  if (values.length === 0) return NONE;
  const pattern = new RegExp(values.map((v) => `(${secretPattern(v)})`).join('|'), 'g');
  const { replacement = REDACTED } = options;
  const replace =
    typeof replacement === 'string'
      ? () => replacement
      : (match: string, ...groups: unknown[]) => {
          const index = groups.findIndex((g) => typeof g === 'string');
          return replacement(values[index] ?? match);
        };
  return {
    scrub: (text) => (typeof text === 'string' ? text.replace(pattern, replace) : text),
    contains: (text) => {
      if (typeof text !== 'string') return false;
      pattern.lastIndex = 0;
      const found = pattern.test(text);
      pattern.lastIndex = 0;
      return found;
    },
  };
}

/** One-off form of {@link createScrubber}: `scrubSecrets(text, secrets)`. */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[] | Readonly<Record<string, string>>, options?: ScrubberOptions): string {
  const list = Array.isArray(secrets) ? secrets.filter((s): s is string => typeof s === 'string') : (secrets as Readonly<Record<string, string>>);
  return createScrubber(list, options).scrub(text);
}

/**
 * Deep-scrubs a JSON-like value: every string value and every key goes through `scrub` (a
 * {@link Scrubber}'s `scrub`, or any text function). Returns a new value; the input is unchanged.
 */
export function scrubJson<T>(value: T, scrub: (text: string) => string): T {
  if (typeof value === 'string') return scrub(value) as T;
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, scrub)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[scrub(k)] = scrubJson(v, scrub);
    return out as T;
  }
  return value;
}

/** Replaces the token of any `Bearer <token>` (8 or more token characters) by `[REDACTED]`. */
export function redactBearerTokens(text: string): string {
  return text.replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/g, `$1${REDACTED}`);
}
