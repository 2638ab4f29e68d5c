import { findEmails, findPhones } from './pii-contact.js';
import { findIpv4, findIpv6 } from './pii-network.js';
import { findCards, findIbans, findSsns } from './pii-numbers.js';
import { findSecrets } from './pii-secrets.js';
import { PII_TYPES, type DetectPiiOptions, type PiiFinding, type PiiSpan, type PiiType } from './types.js';
import { PiiVault } from './vault.js';

/**
 * What a text holds that the digit-based finders need: `0` no ASCII digit, `1` digits but never
 * two in a row, `2` two in a row somewhere. Jailbreak prose often has none (the slowest held-out
 * chunks: 0–4 digits): their finders, and the regex code they would pull into the caches, are
 * then skipped.
 */
type Digits = 0 | 1 | 2;
const DIGIT = /\d/;
const TWO_DIGITS = /\d\d/;
const digitsOf = (text: string): Digits => (!DIGIT.test(text) ? 0 : TWO_DIGITS.test(text) ? 2 : 1);

/**
 * The finders per type, with the digits each needs: a phone or an IPv4 address holds a digit; an
 * SSN (`\d{3}`), an IBAN (`\d{2}` after its country code) and a card (a group of 4 or a run of
 * 12+) two in a row. IPv6 needs none (`fe80::abcd`).
 */
const FINDERS: Record<PiiType, (text: string, out: PiiSpan[], digits: Digits) => void> = {
  api_key: findSecrets,
  email: findEmails,
  iban: (t, o, d) => {
    if (d === 2) findIbans(t, o);
  },
  credit_card: (t, o, d) => {
    if (d === 2) findCards(t, o);
  },
  ssn: (t, o, d) => {
    if (d === 2) findSsns(t, o);
  },
  ip_address: (t, o, d) => {
    if (d !== 0) findIpv4(t, o);
    findIpv6(t, o);
  },
  phone: (t, o, d) => {
    if (d !== 0) findPhones(t, o);
  },
};

const PRIORITY: Record<PiiType, number> = Object.fromEntries(PII_TYPES.map((t, i) => [t, i])) as Record<PiiType, number>;

/** True when span `a` sorts after `b`: by start, then longest first, then by type as listed in {@link PII_TYPES}. */
const sortsAfter = (a: PiiSpan, b: PiiSpan): boolean =>
  a.start !== b.start ? a.start > b.start : a.end - a.start !== b.end - b.start ? a.end - a.start < b.end - b.start : PRIORITY[a.type] > PRIORITY[b.type];

/**
 * Most texts hold a few spans, appended finder by finder (each finder's already in order):
 * up to this many, an insertion sort with the comparison inlined beats `Array.prototype.sort`
 * calling a comparator (both are stable, so the order is the same).
 */
const INSERTION_SORT_MAX_SPANS = 64;

/** Sort `spans` in place (stable) by {@link sortsAfter}. */
function sortSpans(spans: PiiSpan[]): void {
  if (spans.length > INSERTION_SORT_MAX_SPANS) {
    spans.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || PRIORITY[a.type] - PRIORITY[b.type]);
    return;
  }
  for (let i = 1; i < spans.length; i++) {
    const x = spans[i]!;
    let j = i - 1;
    while (j >= 0 && sortsAfter(spans[j]!, x)) {
      spans[j + 1] = spans[j]!;
      j--;
    }
    spans[j + 1] = x;
  }
}

/** A known key shape is more specific than anything it overlaps; otherwise the longer span wins. */
function outranks(a: PiiSpan, b: PiiSpan): boolean {
  const aKey = a.type === 'api_key' && a.kind !== 'generic';
  const bKey = b.type === 'api_key' && b.kind !== 'generic';
  if (aKey !== bKey) return aKey;
  return a.end - a.start > b.end - b.start;
}

/**
 * Find personal and secret data in `text`: e-mail addresses, phone numbers, payment cards
 * (Luhn-checked), US SSNs (SSA rules), IBANs (mod-97), API keys and tokens (OpenAI, AWS,
 * GitHub, Slack, Google, Stripe, JWT, private keys, bearer and `key=` secrets) and IPv4/IPv6
 * addresses. Spans never overlap: a known key shape wins over anything it overlaps (a token in
 * `https://ghp_…@github.com` is a key, not an e-mail), otherwise the longest span wins, ties
 * going to the type listed first in {@link PII_TYPES}. Spans are sorted by `start`.
 *
 * @param text input text
 * @param options `types` restricts what is looked for
 * @returns spans with `text.slice(start, end) === value`
 */
export function detectPII(text: string, options: DetectPiiOptions = {}): PiiSpan[] {
  const types = options.types ?? PII_TYPES;
  const all: PiiSpan[] = [];
  const digits = digitsOf(text);
  for (const t of types) FINDERS[t](text, all, digits);
  if (all.length <= 1) return all;
  sortSpans(all);
  const kept: PiiSpan[] = [];
  for (const s of all) {
    const last = kept[kept.length - 1];
    if (last === undefined || s.start >= last.end) {
      kept.push(s);
    } else if (outranks(s, last)) {
      kept[kept.length - 1] = s;
    }
  }
  return kept;
}

/** Options of {@link redactPII}. */
export interface RedactPiiOptions extends DetectPiiOptions {
  /**
   * Vault to mint placeholders in (reuse one per thread so numbering and mapping stay
   * stable). When omitted, a new vault is created.
   */
  vault?: PiiVault;
  /** Return the vault so placeholders can be restored (default `true`). */
  reversible?: boolean;
}

/** Result of {@link redactPII}. */
export interface RedactPiiResult {
  /** The text with every span replaced by its placeholder (e.g. `[EMAIL_1]`). */
  text: string;
  /** What was replaced, with offsets into the ORIGINAL text and the placeholder used. */
  spans: PiiFinding[];
  /** The vault mapping placeholders back, unless `reversible: false`. */
  vault?: PiiVault;
}

/**
 * Replace PII in `text` with typed placeholders like `[EMAIL_1]`, `[CREDIT_CARD_1]`.
 * The same value gets the same placeholder. `vault.restore(redacted)` gives back the original.
 *
 * @param text input text
 * @param options types, vault to reuse, reversibility
 */
export function redactPII(text: string, options: RedactPiiOptions = {}): RedactPiiResult {
  const vault = options.vault ?? new PiiVault();
  const r = redactSpans(text, detectPII(text, options), vault, toFinding);
  const result: RedactPiiResult = { text: r.text, spans: r.findings };
  if (options.reversible !== false) result.vault = vault;
  return result;
}

/** Up to this many spans, {@link redactSpans} finds a repeated value by comparing with the earlier spans instead of a map. */
const FEW_SPANS = 32;

/**
 * Replace `spans` (sorted, disjoint, as {@link detectPII} returns them) of `text` by their
 * placeholders in `vault`, building one finding per span with `finding`. The vault is asked
 * once per distinct value (a hash-only vault hashes each time it is asked); the text is built
 * in one pass.
 * @param text the text the spans refer to
 * @param spans spans to replace
 * @param vault vault minting the placeholders
 * @param finding builds the finding of a span from the span and its placeholder
 * @internal
 */
export function redactSpans<F>(
  text: string,
  spans: readonly PiiSpan[],
  vault: PiiVault,
  finding: (span: PiiSpan, placeholder: string) => F,
): { text: string; findings: F[] } {
  const findings: F[] = new Array<F>(spans.length);
  if (spans.length === 0) return { text, findings };
  // The same value often recurs in one text: reuse the placeholder of its first occurrence in
  // this call when the type is the same (another type asks the vault). Few spans are compared
  // with the earlier ones directly (lengths first), more are looked up in a map by value.
  const few = spans.length <= FEW_SPANS;
  const placeholders: string[] | undefined = few ? new Array<string>(spans.length) : undefined;
  let seen: Map<string, { type: PiiType; placeholder: string }> | undefined;
  let out = '';
  let pos = 0;
  for (let k = 0; k < spans.length; k++) {
    const s = spans[k]!;
    let placeholder: string | undefined;
    if (placeholders !== undefined) {
      const len = s.end - s.start;
      for (let j = 0; j < k; j++) {
        const p = spans[j]!;
        if (p.end - p.start !== len || p.value !== s.value) continue;
        if (p.type === s.type) placeholder = placeholders[j];
        break;
      }
      placeholder ??= vault.placeholderFor(s.type, s.value);
      placeholders[k] = placeholder;
    } else {
      const prior = seen?.get(s.value);
      if (prior !== undefined && prior.type === s.type) {
        placeholder = prior.placeholder;
      } else {
        placeholder = vault.placeholderFor(s.type, s.value);
        if (prior === undefined) (seen ??= new Map()).set(s.value, { type: s.type, placeholder });
      }
    }
    out += text.slice(pos, s.start) + placeholder;
    pos = s.end;
    findings[k] = finding(s, placeholder);
  }
  return { text: out + text.slice(pos), findings };
}

/**
 * A span without its raw value, safe for events and logs.
 * @param span detected span
 * @param placeholder placeholder that replaced it, if any
 */
export function toFinding(span: PiiSpan, placeholder?: string): PiiFinding {
  const f: PiiFinding = { type: span.type, start: span.start, end: span.end };
  if (span.kind !== undefined) f.kind = span.kind;
  if (placeholder !== undefined) f.placeholder = placeholder;
  return f;
}
