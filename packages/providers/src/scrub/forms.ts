/**
 * The encodings of one secret the scrubber looks for, as one regular-expression source.
 *
 * A secret is matched as a sequence of characters, each of which may appear:
 * - as itself, or percent-encoded (upper- or lower-case hex: `encodeURIComponent`, `encodeURI`,
 *   WHATWG URL serialization of any component, including `'` as `%27`, and
 *   `application/x-www-form-urlencoded`, where a space is also `+`; a `\` also as the `/` a
 *   special URL's path turns it into);
 * - inside a JSON string (`\"`, `\\`, `\uXXXX`), once or twice escaped (a JSON document
 *   embedded in another one, as in a model request that carries a tool result);
 * and as its base64 (padded or not), base64url and hex (both cases) forms, including the base64
 * runs that depend only on the secret when it sits inside a longer encoded string (HTTP Basic
 * `base64("user:" + secret)`), those again percent-encoded.
 *
 * Every alternative of a character is anchored by a distinct first or second character, so the
 * expression never backtracks more than a constant per character.
 * @module
 */
import { MAX_PATTERNED_SECRET_CHARS, MIN_SCRUB_CORE_CHARS } from '../limits.js';

const encoder = new TextEncoder();
const SYNTAX = /[\\^$.*+?()[\]{}|/-]/g;
const escapeRegExp = (s: string) => s.replace(SYNTAX, '\\$&');

/** A hex digit matched in either case. */
const hexDigit = (d: string) => (/[a-f]/i.test(d) ? `[${d.toUpperCase()}${d.toLowerCase()}]` : d);
const hexOf = (n: number, width: number) => n.toString(16).padStart(width, '0');
/** A percent-encoded byte, hex in either case. */
const percent = (byte: number) => `%${[...hexOf(byte, 2)].map(hexDigit).join('')}`;

/** `value` as base64 (binary-safe, without Node's Buffer). */
function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
const toBase64Url = (b64: string) => b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/**
 * The base64 characters that depend only on the secret's bytes when the secret sits at byte
 * offset 0, 1 or 2 of a longer encoded string (e.g. `base64("user:" + secret)`).
 */
function base64Cores(bytes: Uint8Array): string[] {
  const out: string[] = [];
  for (let offset = 1; offset < 3; offset++) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const lastGroup = Math.floor((offset + bytes.length) / 3); // exclusive
    if (lastGroup <= 1) continue;
    const core = base64(padded).slice(4, lastGroup * 4);
    if (core.length >= MIN_SCRUB_CORE_CHARS) out.push(core);
  }
  // at offset 0, the complete groups of the secret's own base64
  const whole = Math.floor(bytes.length / 3) * 4;
  if (whole >= MIN_SCRUB_CORE_CHARS) out.push(base64(bytes).slice(0, whole));
  return out;
}

/** The ways one character is written literally: as itself, or JSON-escaped `level` times. */
function literalForms(ch: string, level: number): string[] {
  let forms = [ch];
  for (let i = 0; i < level; i++) {
    const next = new Set<string>();
    for (const f of forms) {
      next.add(JSON.stringify(f).slice(1, -1));
      // the `\uXXXX` form of every UTF-16 unit (ASCII-safe JSON writers)
      if (f.length <= 2 && i === 0) next.add([...Array(f.length).keys()].map((k) => `\\u${hexOf(f.charCodeAt(k), 4)}`).join(''));
      if (f === '/') next.add('\\/');
    }
    // a second level escapes what the first produced
    forms = [...next];
  }
  return forms;
}

/** Character patterns already built, by level and character (bounded: the cache is cleared when full). */
const charCache = new Map<string, string>();
const CHAR_CACHE_SIZE = 4096;

/**
 * Characters no host encoder ever changes (`encodeURIComponent`, WHATWG URL serialization, form
 * encoding, JSON): matched literally, so a typical API key compiles to plain text.
 */
const PLAIN = /^[A-Za-z0-9*._-]$/;

/** The regular-expression source of one character, at one JSON-escaping level (memoized). */
function charPattern(ch: string, level: number): string {
  if (PLAIN.test(ch)) return escapeRegExp(ch);
  const key = `${level}${ch}`;
  let pattern = charCache.get(key);
  if (pattern === undefined) {
    if (charCache.size >= CHAR_CACHE_SIZE) charCache.clear();
    pattern = buildCharPattern(ch, level);
    charCache.set(key, pattern);
  }
  return pattern;
}

function buildCharPattern(ch: string, level: number): string {
  const alternatives = new Set<string>();
  for (const lit of literalForms(ch, level)) {
    // `\uXXXX` is matched with its hex digits in either case
    const m = /^(\\+u)([0-9a-f]{4})$/.exec(lit);
    if (m) {
      alternatives.add(escapeRegExp(m[1]) + [...m[2]].map(hexDigit).join(''));
    } else alternatives.add(escapeRegExp(lit));
  }
  alternatives.add([...encoder.encode(ch)].map(percent).join(''));
  if (ch === ' ') alternatives.add('\\+');
  if (ch === '\\') alternatives.add('\\/');
  return alternatives.size === 1 ? [...alternatives][0] : `(?:${[...alternatives].join('|')})`;
}

/** The regular-expression source of `text` at one JSON-escaping level. */
function textPattern(text: string, level: number): string {
  let out = '';
  for (const ch of text) out += charPattern(ch, level);
  return out;
}

/**
 * The regular-expression source (no capture groups) matching every encoding of `value` the
 * scrubber knows (see the module comment), longest forms first.
 */
export function secretPattern(value: string): string {
  if (value.length > MAX_PATTERNED_SECRET_CHARS) return literalPattern(value);
  const bytes = encoder.encode(value);
  const b64 = base64(bytes);
  const hex = [...bytes].map((b) => hexOf(b, 2)).join('');
  const encoded = [b64, b64.replace(/=+$/, ''), toBase64Url(b64)];
  for (const core of base64Cores(bytes)) encoded.push(core, toBase64Url(core));
  const sources = new Set<string>();
  for (const level of [2, 1, 0]) sources.add(textPattern(value, level));
  // base64/hex text holds no JSON-special characters: one level covers every JSON nesting
  const byLength = [...new Set(encoded)].filter((f) => f.length > 0).sort((a, b) => b.length - a.length);
  const binary = [...byLength.map((f) => textPattern(f, 0)), hex.toUpperCase(), hex];
  return [...sources, ...new Set(binary)].join('|');
}

/**
 * For a secret longer than `MAX_PATTERNED_SECRET_CHARS` (a PEM key, a long token): the same
 * encodings as fixed texts (each serializer's exact output) instead of per-character choices,
 * which would make an expression too large to compile.
 */
function literalPattern(value: string): string {
  const bytes = encoder.encode(value);
  const b64 = base64(bytes);
  const uri = encodeURIComponent(value);
  const json = JSON.stringify(value).slice(1, -1);
  const forms = new Set<string>([
    value,
    json,
    JSON.stringify(json).slice(1, -1),
    uri,
    uri.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    uri.replace(/'/g, '%27'),
    uri.replace(/%20/g, '+'),
    new URLSearchParams({ k: value }).toString().slice(2),
    encodeURI(value),
    b64,
    b64.replace(/=+$/, ''),
    toBase64Url(b64),
    encodeURIComponent(b64),
    [...bytes].map((b) => hexOf(b, 2)).join(''),
    [...bytes]
      .map((b) => hexOf(b, 2))
      .join('')
      .toUpperCase(),
  ]);
  for (const core of base64Cores(bytes)) forms.add(core).add(toBase64Url(core));
  return [...forms]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
}
