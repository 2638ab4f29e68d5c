import { MIN_GENERIC_SECRET_CHARS, MIN_GENERIC_SECRET_ENTROPY } from '../defaults.js';
import { charClassCount, entropyAtLeast } from './entropy.js';
import { includesFrom, rarestCharIndex } from './needle-search.js';
import type { PiiSpan } from './types.js';

/**
 * A key shape: a regex (global) and the group holding the secret (0 = whole match).
 * @internal
 */
export interface KeyShape {
  kind: string;
  re: RegExp;
  group?: number;
  /** Extra check of the captured value. */
  check?: (value: string) => boolean;
  /** Only run when the text contains one of these (cheap prefilter). */
  needles?: string[];
  /**
   * Prefilter is case-insensitive (needles are lower-case ASCII), tested with an `i` regex
   * the way the shape's own `i` pattern compares letters: no lower-cased copy of the text
   * (lower-casing a two-byte string costs more than the tests).
   */
  needleLower?: boolean;
  /**
   * Single characters the pattern cannot match without (at least one must occur). Checked
   * before `needles`: a one-character search is a fast memchr, while a needle such as `eyJ`
   * stops at every `e` of ordinary prose.
   */
  gates?: string[];
  /**
   * With `needleLower`: every match starts at most this many characters before a needle it
   * contains, so the pattern is tried (sticky) only at those starts instead of searched
   * through the whole text.
   */
  near?: number;
  /**
   * With `near`: a sticky pattern every match has at the end of each needle occurrence inside
   * its key name (the rest of the name, an optional quote, spaces, then `:` or `=`). An
   * occurrence without it is inside no match's key name, so no match is searched from it (a
   * match around it has its own needle, found earlier).
   */
  afterNeedle?: RegExp;
}

/** The rest of a key name (`_key` after `secret`, `word` after `pass`), an optional quote, spaces, then `:` or `=`. */
const KEY_NAME_THEN_ASSIGN = /[A-Za-z_-]*["']?\s*[:=]/y;

const looksRandom = (v: string): boolean => /\d/.test(v) && /[A-Za-z]/.test(v) && entropyAtLeast(v, 3.5);

const notPlaceholder = (v: string): boolean => !/^[A-Z_]+$/.test(v) && !/your|example|x{4}|\*{3}|<|\{\{|redacted|placeholder|changeme/i.test(v);

const genericSecret = (v: string): boolean =>
  v.length >= MIN_GENERIC_SECRET_CHARS && notPlaceholder(v) && charClassCount(v) >= 2 && /\d/.test(v) && entropyAtLeast(v, MIN_GENERIC_SECRET_ENTROPY);

/**
 * Known API-key and token shapes, most specific first.
 * @internal (exported for tests)
 */
export const SECRET_SHAPES: readonly KeyShape[] = [
  {
    kind: 'private_key',
    re: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----[\s\S]{16,8192}?-----END (?:[A-Z]+ )?PRIVATE KEY-----/g,
    needles: ['PRIVATE KEY-----'],
  },
  { kind: 'jwt', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, needles: ['eyJ'], gates: ['J'] },
  {
    kind: 'openai',
    re: /\bsk-(?:proj-|ant-(?:api\d\d-)?|svcacct-|admin-)?[A-Za-z0-9_-]{20,200}/g,
    needles: ['sk-'],
    gates: ['-'],
    check: (v) => looksRandom(v.slice(3)),
  },
  { kind: 'stripe', re: /\b(?:sk|pk|rk|whsec)_(?:live|test)_[0-9A-Za-z]{16,200}/g, needles: ['_live_', '_test_'] },
  { kind: 'aws', re: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g },
  {
    kind: 'aws_secret',
    re: /aws_?secret_?(?:access_?)?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
    group: 1,
    needles: ['secret'],
    needleLower: true,
    near: 'aws_'.length,
    afterNeedle: KEY_NAME_THEN_ASSIGN,
    gates: [':', '='],
  },
  {
    kind: 'github',
    re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g,
    needles: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    gates: ['_'],
  },
  { kind: 'gitlab', re: /\bglpat-[A-Za-z0-9_-]{20,64}\b/g, needles: ['glpat-'] },
  { kind: 'npm', re: /\bnpm_[A-Za-z0-9]{36}\b/g, needles: ['npm_'] },
  {
    kind: 'url_credential',
    // The user-info of a URL: `https://oauth2:TOKEN@host`, `https://TOKEN@host`.
    // (starts at the literal `://`, which the regex engine finds fast)
    re: /:\/\/(?:[^\s/:@"'<>]{1,64}:)?([^\s/:@"'<>]{16,256})@[\w.-]+/g,
    group: 1,
    check: genericSecret,
    needles: ['://'],
    gates: ['@'],
  },
  { kind: 'slack', re: /\bxox[abposre]-[A-Za-z0-9-]{10,200}/g, needles: ['xox'], gates: ['-'] },
  {
    kind: 'slack_webhook',
    re: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9]+\/[A-Za-z0-9]+\/[A-Za-z0-9]+/g,
    needles: ['hooks.slack'],
    gates: ['/'],
  },
  { kind: 'google', re: /\bAIza[0-9A-Za-z_-]{35}/g, needles: ['AIza'] },
  {
    kind: 'bearer',
    re: /\bBearer\s+([A-Za-z0-9\-._~+/]{16,2048}=*)/gi,
    group: 1,
    check: genericSecret,
    needles: ['bearer'],
    needleLower: true,
    near: 0,
  },
  {
    kind: 'generic',
    re: /(?:api[_-]?key|apikey|access[_-]?token|auth[_-]?token|refresh[_-]?token|secret[_-]?key|client[_-]?secret|private[_-]?token|\btoken|\bsecret|\bpassword|\bpasswd|\bpwd)["']?\s*[:=]\s*["']?([A-Za-z0-9\-._~+/!@#$%^&*]{12,512})/gi,
    group: 1,
    check: genericSecret,
    needles: ['key', 'token', 'secret', 'pass', 'pwd'],
    needleLower: true,
    near: 'refresh_'.length,
    afterNeedle: KEY_NAME_THEN_ASSIGN,
    gates: [':', '='],
  },
];

/** Per shape with `needleLower`, its needles as one case-insensitive pattern (global: {@link findNear} visits them all). */
const NEEDLE_RES: Array<RegExp | undefined> = SECRET_SHAPES.map((shape) =>
  shape.needleLower && shape.needles ? new RegExp(shape.needles.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi') : undefined,
);
/**
 * Per shape with `afterNeedle`, one pattern for "a needle, then `afterNeedle`": {@link findNear}
 * searches only from needles followed by `afterNeedle`, so a text this does not match has no
 * match of the shape, and one search (that stops at the first such needle) spares visiting every
 * needle (`key`, `token`, `pass` occur in much ordinary text) and testing what follows it.
 * @internal (exported for tests)
 */
export const NEEDLE_THEN_AFTER: ReadonlyArray<RegExp | undefined> = SECRET_SHAPES.map((shape) =>
  shape.afterNeedle && shape.needles
    ? new RegExp(`(?:${shape.needles.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})${shape.afterNeedle.source}`, 'i')
    : undefined,
);

/**
 * Per shape with {@link NEEDLE_THEN_AFTER}, a later shape whose pattern there matches wherever
 * this one's does (the same `afterNeedle` after a superset of the needles: `generic`'s
 * `key|token|secret|…` covers `aws_secret`'s `secret`), or -1. A text the covering pattern does
 * not match needs neither searched, and most texts with a `:` or `=` have no key name before
 * it: one search then answers for both (the covering shape reuses the answer).
 */
const COVERED_BY: Int32Array = Int32Array.from(SECRET_SHAPES, (shape, k) => {
  if (NEEDLE_THEN_AFTER[k] === undefined) return -1;
  for (let j = k + 1; j < SECRET_SHAPES.length; j++) {
    const other = SECRET_SHAPES[j]!;
    if (NEEDLE_THEN_AFTER[j] !== undefined && other.afterNeedle === shape.afterNeedle && shape.needles!.every((n) => other.needles!.includes(n))) return j;
  }
  return -1;
});

/** Per shape, where each needle is searched from: its rarest character (`eyJ` by its `J`, `npm_` by its `_`). */
const NEEDLE_ANCHORS: Array<number[] | undefined> = SECRET_SHAPES.map((shape) => shape.needles?.map(rarestCharIndex));

/**
 * Per shape with `near`, a sticky pattern trying every start in `[lastIndex, lastIndex + near]`
 * and no further: the lazy prefix (group 1) grows a character at a time, so the first match is
 * the leftmost start in that range (one exec instead of one per start). The shape's own groups
 * are shifted by one.
 */
const WINDOW_RES: Array<RegExp | undefined> = SECRET_SHAPES.map((shape) =>
  shape.near === undefined ? undefined : new RegExp(`([\\s\\S]{0,${shape.near}}?)(?:${shape.re.source})`, shape.re.flags.replace('g', '') + 'y'),
);

/**
 * Every match of `shape` starting at most `near` before an occurrence of its needles, leftmost
 * first, each searched from the previous one's end (what a search through the whole text finds,
 * given that every match starts that close before a needle it contains).
 */
function findNear(text: string, shape: KeyShape, needles: RegExp, window: RegExp, out: PiiSpan[]): void {
  const near = shape.near!;
  const after = shape.afterNeedle;
  const g = (shape.group ?? 0) + 1;
  let from = 0;
  // Starts up to `tried` are settled (tried, or before `from`).
  let tried = -1;
  needles.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = needles.exec(text)) !== null) {
    const at = m.index;
    needles.lastIndex = at + 1;
    if (after !== undefined) {
      after.lastIndex = at + m[0].length;
      if (!after.test(text)) {
        tried = at;
        continue;
      }
    }
    let lo = Math.max(at - near, tried + 1, from, 0);
    while (lo <= at) {
      window.lastIndex = lo;
      const w = window.exec(text);
      if (w === null) break;
      const start = lo + w[1]!.length;
      if (start > at) break;
      const whole = w[0].slice(w[1]!.length);
      from = start + whole.length;
      lo = from;
      const value = w[g];
      if (value === undefined || (shape.check && !shape.check(value))) continue;
      const vs = g === 1 ? start : start + whole.lastIndexOf(value);
      out.push({ type: 'api_key', kind: shape.kind, start: vs, end: vs + value.length, value });
    }
    tried = at;
  }
}

/** Append the span of one match of `shape` (unless its value fails the shape's check). */
function report(shape: KeyShape, m: RegExpExecArray, out: PiiSpan[]): void {
  const g = shape.group ?? 0;
  const value = m[g];
  if (value === undefined) return;
  if (shape.check && !shape.check(value)) return;
  const start = g === 0 ? m.index : m.index + m[0].lastIndexOf(value);
  out.push({ type: 'api_key', kind: shape.kind, start, end: start + value.length, value });
}

/**
 * Find API keys, tokens, JWTs and private keys in `text` (type `api_key`, `kind` names the shape).
 * @param text input
 * @param out spans are appended here
 */
export function findSecrets(text: string, out: PiiSpan[]): void {
  // the answer of a covering shape's NEEDLE_THEN_AFTER search, once searched (see COVERED_BY)
  let coverShape = -1;
  let coverPassed = false;
  for (let k = 0; k < SECRET_SHAPES.length; k++) {
    const shape = SECRET_SHAPES[k]!;
    if (shape.gates !== undefined) {
      let open = false;
      for (const gate of shape.gates) {
        if (text.includes(gate)) {
          open = true;
          break;
        }
      }
      if (!open) continue;
    }
    const passing = NEEDLE_THEN_AFTER[k];
    if (passing !== undefined) {
      const cover = COVERED_BY[k]!;
      if (cover !== -1 && cover !== coverShape) {
        coverShape = cover;
        coverPassed = NEEDLE_THEN_AFTER[cover]!.test(text);
      }
      if (cover !== -1 && !coverPassed) continue;
      if (k === coverShape ? !coverPassed : !passing.test(text)) continue;
    }
    const needleRe = NEEDLE_RES[k];
    if (needleRe !== undefined) {
      const window = WINDOW_RES[k];
      if (window !== undefined) {
        findNear(text, shape, needleRe, window, out);
        continue;
      }
      needleRe.lastIndex = 0;
      if (!needleRe.test(text)) continue;
    } else if (shape.needles !== undefined) {
      const anchors = NEEDLE_ANCHORS[k]!;
      let found = false;
      for (let i = 0; i < shape.needles.length; i++) {
        if (includesFrom(text, shape.needles[i]!, anchors[i]!)) {
          found = true;
          break;
        }
      }
      if (!found) continue;
    }
    const re = shape.re;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) report(shape, m, out);
  }
}
