import { Buffer } from 'node:buffer';
import {
  DEFAULT_INJECTION_THRESHOLD,
  ENCODED_PAYLOAD_WEIGHT,
  MAX_BASE64_DECODE_CHARS,
  MAX_BASE64_PAYLOADS_DECODED,
  MIN_BASE64_PAYLOAD_CHARS,
  MIN_ZERO_WIDTH_CHARS,
  QUOTED_RULE_DISCOUNT,
  RULE_LOOKBACK_CHARS,
  TAG_CHARS_WEIGHT,
  ZERO_WIDTH_WEIGHT,
} from '../defaults.js';
import { collapseHorizontalSpace } from './collapse-space.js';
import { INJECTION_RULES, type InjectionRule } from './injection-rules.js';
import { nfkcNeededAt, nfkcWhereNeeded } from './nfkc.js';
import { RULE_REACH } from './rule-reach.js';
import { findRuleMatch } from './rule-search.js';
import { TriggerIndex } from './trigger-index.js';
import type { DetectInjectionOptions, InjectionResult, InjectionRuleHit } from './types.js';

const ZERO_WIDTH = /[\u200B-\u200D\u2060\u2061-\u2064\uFEFF\u00AD\u180E]/g;
const TAG_CHARS = /[\u{E0000}-\u{E007F}]/gu;
/** Either of the above (a tag character is the surrogate pair `\uDB40 \uDC00–\uDC7F`): one scan when the text has neither. */
const ZERO_WIDTH_OR_TAG = /[\u200B-\u200D\u2060\u2061-\u2064\uFEFF\u00AD\u180E]|\uDB40[\uDC00-\uDC7F]/;
const NO_RULES: ReadonlySet<string> = new Set();
/**
 * Words before a quotation showing the text talks ABOUT an attack string. Deliberately
 * narrow: "known as", "like" or "input" before a quote are how jailbreaks introduce
 * themselves ('known as DAN, which stands for "do anything now"').
 */
const META_CONTEXT =
  /(?:prompt injection|injection|jailbreak|attack|adversar|red[- ]?team|malicious|payload|phrases?|strings?|such as|for example|example|e\.g\.|detect|classifier|filter|guard|block|flag|sanitiz|test|ctf|paper|research|report|finding|include|lists?|says|said|asked to|input)/;
const PERMISSION_BEFORE = /\b(?:you can|you may|can safely|may safely|feel free to|users can|readers can|it is safe to|it's safe to)\s+(?:\w+\s+)?$/;

interface Normalized {
  text: string;
  hits: Uint8Array;
  /** Per rule, where its match may start (flat inclusive `[from, to]` pairs around its triggers). */
  windows: Array<number[] | undefined>;
  zeroWidth: number;
  tagText: string;
}

/** The trigger automaton, built on the first scan (building it at import cost `@graft/core`'s import time). */
let triggerIndex: TriggerIndex | undefined;
/** Per rule, the width of its windows in scan units (see `rule-reach.ts`). */
const REACH = Int32Array.from(INJECTION_RULES, (r) => Math.min(RULE_LOOKBACK_CHARS, RULE_REACH[r.id] ?? RULE_LOOKBACK_CHARS));
/**
 * Whitespace `\s` matches but the trigger scan does not fold into runs: a text with any keeps
 * the shared lookback (the reach table counts a `\s` run as one unit).
 */
const ODD_SPACE = /[\u1680\u2028\u2029\u202f\u205f\ufeff]/;
const scanTriggers = (text: string, oddSpace: boolean) =>
  (triggerIndex ??= new TriggerIndex(INJECTION_RULES.map((r) => r.triggers))).scan(text, RULE_LOOKBACK_CHARS, oddSpace ? undefined : REACH);
/**
 * Horizontal whitespace other than a space: with two spaces in a row (an `includes`, a
 * memchr-like search), the text needs collapsing before the trigger scan. Two searches beat
 * one regex alternating both (same-process A/B on the held-out 1 KB chunks: 0.6×).
 */
const ODD_HORIZONTAL_SPACE = /[\t\v\f\r\u00a0\u2000-\u200a\u3000]/;
/**
 * Whitespace of {@link ODD_HORIZONTAL_SPACE} or {@link ODD_SPACE} that can remain outside ASCII
 * after `normalize`'s NFKC step: NFKC folds U+00A0, U+2000–U+200A, U+202F, U+205F and U+3000
 * to a space, and U+FEFF is stripped as zero-width. With {@link hasOddAsciiSpace} it stands
 * for one search of both classes (seven `includes` take a quarter of that regex's time on
 * two-byte text).
 */
const hasOddSpaceNfkcKeeps = (text: string): boolean => text.includes('\u1680') || text.includes('\u2028') || text.includes('\u2029');
/** {@link ODD_HORIZONTAL_SPACE} in ASCII text: four `includes` (memchr-like) take a tenth of the regex's time. */
const hasOddAsciiSpace = (text: string): boolean => text.includes('\t') || text.includes('\r') || text.includes('\v') || text.includes('\f');
/**
 * True when `text` has a character outside ASCII: its UTF-8 length is then longer than its
 * UTF-16 length (one native call, a tenth of the time of a `/[^\x00-\x7F]/` search on 1 KB).
 */
const isNonAscii = (text: string): boolean => Buffer.byteLength(text, 'utf8') !== text.length;
/** A copy of ASCII `text` in a one-byte string (a Latin-1 round trip; V8 decodes Latin-1 into one-byte strings). */
const toOneByte = (text: string): string => Buffer.from(text, 'latin1').toString('latin1');

/**
 * Lower-case, NFKC, strip zero-width and tag characters, collapse horizontal whitespace
 * (only when needed), and find where each rule's triggers occur in the text.
 */
function normalize(raw: string): Normalized {
  let text = raw;
  let zeroWidth = 0;
  let tagText = '';
  let nonAscii = isNonAscii(text);
  if (nonAscii) {
    // Text NFKC leaves alone (accented Latin, Greek, Cyrillic, CJK, Hangul, kana, dashes and
    // quotes, emoji) has no zero-width or tag characters either, bar the soft hyphen.
    const first = nfkcNeededAt(text);
    let at = first;
    if ((first !== -1 || text.includes('\u00ad')) && ZERO_WIDTH_OR_TAG.test(text)) {
      // one pass strips and counts (a match array, then a replace, took two)
      const before = text.length;
      text = text.replace(ZERO_WIDTH, '');
      zeroWidth = before - text.length;
      // a tag character is a surrogate pair starting with \uDB40: no search without one
      const tags = text.includes('\uDB40') ? text.match(TAG_CHARS) : null;
      if (tags) {
        tagText = tags.map((c) => String.fromCharCode(c.codePointAt(0)! - 0xe0000)).join('');
        text = text.replace(TAG_CHARS, '');
      }
      if (zeroWidth > 0 || tags) at = nfkcNeededAt(text);
    }
    // NFKC is costly; characters NFKC leaves alone (accented Latin, Greek, Cyrillic, CJK,
    // Hangul, kana, dashes and quotes, emoji) skip it, and so does the text between the others.
    // Fullwidth and mathematical letters, ligatures, enclosed and super/subscript forms still fold.
    if (at !== -1) text = nfkcWhereNeeded(text, at);
    // Stripping and folding can leave ASCII text in a two-byte string (V8 keeps the
    // representation): a one-byte copy lower-cases ~30× faster and runs the rules' one-byte code.
    if (text !== raw && !isNonAscii(text)) {
      text = toOneByte(text);
      nonAscii = false;
    }
  }
  text = text.toLowerCase();
  // Collapse first, so trigger positions are positions in the text the rules run on.
  let oddSpace = false;
  if (!nonAscii) {
    if (text.includes('  ') || hasOddAsciiSpace(text)) text = collapseHorizontalSpace(text);
  } else if (hasOddAsciiSpace(text) || hasOddSpaceNfkcKeeps(text)) {
    if (text.includes('  ') || ODD_HORIZONTAL_SPACE.test(text)) text = collapseHorizontalSpace(text);
    oddSpace = ODD_SPACE.test(text);
  } else if (text.includes('  ')) {
    // (collapsing only writes spaces: still no odd whitespace)
    text = collapseHorizontalSpace(text);
  }
  const scan = scanTriggers(text, oddSpace);
  return { text, hits: scan.hits, windows: scan.windows, zeroWidth, tagText };
}

/** `"`, `'`, `“`, `”`, `‘`, `’`, `«`, `»` and a backtick, by code (no one-character string and set lookup per character scanned). */
const isQuoteCode = (c: number): boolean =>
  c === 34 || c === 39 || c === 96 || c === 0xab || c === 0xbb || (c >= 0x2018 && c <= 0x2019) || (c >= 0x201c && c <= 0x201d);
const QUOTE_SCAN_CHARS = 80;
/** Any quotation mark that is not an apostrophe inside a word (`user's`, `don't`). */
const ANY_QUOTE = /["“”«»`]|(?<![\p{L}\p{N}])['‘’]|['‘’](?![\p{L}\p{N}])/u;
const isLetter = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

/** True when text[i] is a quotation mark (an apostrophe between letters is not). */
function isQuoteAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (!isQuoteCode(c)) return false;
  if (c === 39 || c === 0x2019 || c === 0x2018) return !(isLetter(text[i - 1]) && isLetter(text[i + 1]));
  return true;
}

/** Index of the opening quote when [start, end) sits inside a quotation on one line, else -1. */
function quoted(text: string, start: number, end: number): number {
  let open = -1;
  for (let i = start - 1; i >= 0 && i >= start - QUOTE_SCAN_CHARS; i--) {
    if (text.charCodeAt(i) === 10) break;
    if (isQuoteAt(text, i)) {
      open = i;
      break;
    }
  }
  if (open === -1) return -1;
  for (let i = end; i < text.length && i < end + QUOTE_SCAN_CHARS; i++) {
    if (text.charCodeAt(i) === 10) break;
    if (isQuoteAt(text, i)) return open;
  }
  return -1;
}

/**
 * A hit counts for less when the text only talks about it: it is quoted after words such
 * as "for example", "strings like", "attackers", "a test" (any rule), it is permitted
 * ("you can ignore the previous instructions"; quotable rules), or it is a mentioned tag.
 */
function discounted(rule: InjectionRule, text: string, index: number, end: number, hasQuotes: boolean): boolean {
  if (rule.mentionAfter && rule.mentionAfter.test(text.slice(end, end + 60))) return true;
  if (hasQuotes) {
    const open = quoted(text, index, end);
    if (open !== -1 && META_CONTEXT.test(text.slice(Math.max(0, open - 150), open))) return true;
  }
  if (!rule.quotable) return false;
  const before = text.slice(Math.max(0, index - 100), index);
  // every permission phrase has `can`, `may`, `free` or `safe`: four substring searches spare the
  // pattern's try at every start of the 100 characters
  return (before.includes('can') || before.includes('may') || before.includes('free') || before.includes('safe')) && PERMISSION_BEFORE.test(before);
}

function runRules(norm: Normalized, disabled: ReadonlySet<string>, hits: InjectionRuleHit[], user = false): void {
  const text = norm.text;
  let hasQuotes: boolean | undefined;
  for (let i = 0; i < INJECTION_RULES.length; i++) {
    if (norm.hits[i] !== 1) continue;
    const rule = INJECTION_RULES[i]!;
    if (user && rule.untrustedOnly) continue;
    if (disabled.size > 0 && disabled.has(rule.id)) continue;
    const found = findRuleMatch(i, text, norm.windows[i]!);
    if (found === undefined) continue;
    hasQuotes ??= ANY_QUOTE.test(text);
    const weight = discounted(rule, text, found[0], found[1], hasQuotes) ? rule.weight * QUOTED_RULE_DISCOUNT : rule.weight;
    hits.push({ id: rule.id, category: rule.category, weight });
  }
}

function combine(hits: readonly InjectionRuleHit[]): number {
  let keep = 1;
  for (const h of hits) keep *= 1 - h.weight;
  return Math.round((1 - keep) * 1000) / 1000;
}

/** One non-fatal UTF-8 decoder for every payload (invalid bytes become U+FFFD). */
const UTF8 = new TextDecoder('utf-8', { fatal: false });

/** Decode standard base64, or `undefined` when it is not mostly printable text. */
function decodeBase64Text(run: string): string | undefined {
  const body = run.slice(0, MAX_BASE64_DECODE_CHARS - (MAX_BASE64_DECODE_CHARS % 4));
  let bin: string;
  try {
    bin = atob(body.length % 4 === 0 ? body : body.slice(0, body.length - (body.length % 4)));
  } catch {
    return undefined;
  }
  let printable = 0;
  for (let i = 0; i < bin.length; i++) {
    const c = bin.charCodeAt(i);
    if ((c >= 32 && c < 127) || c === 10 || c === 13 || c === 9 || c >= 0xc0) printable++;
  }
  if (bin.length === 0 || printable / bin.length < 0.9) return undefined;
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  try {
    return UTF8.decode(bytes);
  } catch {
    return bin;
  }
}

/** Base64 alphabet membership for ASCII codes. */
const B64 = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') B64[ch.charCodeAt(0)] = 1;

const isB64 = (c: number): boolean => c < 128 && B64[c] === 1;

/**
 * Runs of base64 characters (plus `=` padding) at least {@link MIN_BASE64_PAYLOAD_CHARS} long,
 * as flat `[start, end)` pairs. Skips ahead like Boyer–Moore: a long-enough run starting at or
 * after `i` must cover `i + min - 1`, so only that character is probed, and only a hit there
 * is grown to its run. Prose is crossed a word or so per probe, not a character at a time.
 */
function base64Runs(text: string): number[] {
  const runs: number[] = [];
  const n = text.length;
  const min = MIN_BASE64_PAYLOAD_CHARS;
  // Invariant: i === 0 or text[i - 1] is not a base64 character.
  let i = 0;
  while (i + min <= n) {
    const probe = i + min - 1;
    if (!isB64(text.charCodeAt(probe))) {
      i = probe + 1;
      continue;
    }
    let start = probe;
    while (start > i && isB64(text.charCodeAt(start - 1))) start--;
    let end = probe + 1;
    while (end < n && isB64(text.charCodeAt(end))) end++;
    if (end - start >= min) {
      let padded = end;
      while (padded < n && padded - end < 2 && text.charCodeAt(padded) === 61) padded++;
      runs.push(start, padded);
    }
    i = end + 1;
  }
  return runs;
}

function scoreOf(raw: string, disabled: ReadonlySet<string>, user: boolean): number {
  const hits: InjectionRuleHit[] = [];
  runRules(normalize(raw), disabled, hits, user);
  return combine(hits);
}

/**
 * Score `text` for prompt injection with weighted heuristics: instruction-override phrases
 * (English plus German, French, Spanish, Italian, Portuguese, Dutch, Russian, Chinese,
 * Japanese, Korean), role hijack and jailbreak personas, system-prompt exfiltration, fake
 * chat-template and system tags, tool-call coercion and data exfiltration, text that
 * addresses the AI reading it, base64 payloads whose decoded text is itself an injection,
 * and hidden text (zero-width and Unicode tag characters, HTML comments, CSS-hidden text).
 *
 * The score is a noisy-OR of the rule weights (1 − Π(1 − wᵢ)); `flagged` when it reaches
 * the threshold. Quoted phrases in text that talks about attacks, and permissions such as
 * "you can ignore the previous instructions", count for less. With `origin: 'user'` the
 * rules for requests only a document may not make ("translate your answer into Spanish")
 * are skipped.
 *
 * @param text input (user message, tool result, retrieved document…)
 * @param options threshold and disabled rule ids
 */
export function detectInjection(text: string, options: DetectInjectionOptions = {}): InjectionResult {
  const threshold = options.threshold ?? DEFAULT_INJECTION_THRESHOLD;
  const disabled = options.disabledRules && options.disabledRules.length > 0 ? new Set(options.disabledRules) : NO_RULES;
  const user = options.origin === 'user';
  const norm = normalize(text);
  const hits: InjectionRuleHit[] = [];
  runRules(norm, disabled, hits, user);

  if (norm.zeroWidth >= MIN_ZERO_WIDTH_CHARS && !disabled.has('hidden.zero-width')) {
    hits.push({ id: 'hidden.zero-width', category: 'hidden', weight: ZERO_WIDTH_WEIGHT });
  }
  if (norm.tagText.length > 0 && !disabled.has('hidden.tag-characters')) {
    const inner = scoreOf(norm.tagText, disabled, user);
    hits.push({ id: 'hidden.tag-characters', category: 'hidden', weight: Math.max(TAG_CHARS_WEIGHT, inner) });
  }
  if (!disabled.has('encoded.base64-payload') && text.length >= MIN_BASE64_PAYLOAD_CHARS) {
    let decoded = 0;
    const runs = base64Runs(text);
    for (let r = 0; r < runs.length; r += 2) {
      if (decoded >= MAX_BASE64_PAYLOADS_DECODED) break;
      const plain = decodeBase64Text(text.slice(runs[r]!, runs[r + 1]!));
      if (plain === undefined) continue;
      decoded++;
      if (scoreOf(plain, disabled, user) >= threshold) {
        hits.push({ id: 'encoded.base64-payload', category: 'encoded', weight: ENCODED_PAYLOAD_WEIGHT });
        break;
      }
    }
  }

  hits.sort((a, b) => b.weight - a.weight);
  const score = combine(hits);
  return { flagged: score >= threshold, score, rules: hits };
}
