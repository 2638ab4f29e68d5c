import { ibanLength, ibanMod97Spaced } from './iban.js';
import { brandOf, luhnRange } from './luhn.js';
import { ssnValid } from './ssn.js';
import type { PiiSpan } from './types.js';

/** Shortest card number (Maestro issues 12 digits). */
const MIN_CARD_DIGITS = 12;

/** How cards are printed, as group lengths. */
const CARD_GROUPINGS: readonly (readonly number[])[] = [
  [4, 4, 4, 4],
  [4, 6, 5],
  [4, 6, 4],
  [4, 4, 4, 4, 3],
  [4, 4, 4, 1],
  [4, 4, 4, 2],
  [4, 4, 4, 3],
  [4, 4, 5],
  [6, 13],
  [4, 4, 4, 4, 2],
  [4, 4, 4, 4, 1],
];
/** Group lengths packed base 32 into one number, for a Set lookup without strings. */
const packGroups = (lens: readonly number[]): number => lens.reduce((k, l) => k * 32 + l, 0);
const CARD_GROUPING_KEYS = new Set(CARD_GROUPINGS.map(packGroups));

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/**
 * A digit (global: `lastIndex` is where a search starts). A digit run, `\d+(?:[ -]\d+)*`
 * (groups joined by single spaces or hyphens), is found with `test` and grown by hand: no
 * match array per run.
 */
const DIGIT = /\d/g;
/** Characters that may not touch a card number on its left (`ORD-4111…`, `1.4111…`). */
const isLeftBlocker = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 44 || c === 47 || c === 35 || c === 45;

/** Scratch group boundaries of the digit run being checked (grown on demand, never shrunk). */
let groupStarts = new Int32Array(32);
let groupEnds = new Int32Array(32);
/** Scratch digit counts before each group of the run being checked. */
let groupPrefix = new Int32Array(33);

/**
 * Find payment card numbers: 12-19 digits, contiguous or grouped the way cards are
 * printed (`4-4-4-4`, Amex `4-6-5`), with a known issuer prefix and a valid Luhn checksum.
 * Digit runs are found once; the longest valid group range inside each run is kept.
 */
export function findCards(text: string, out: PiiSpan[]): void {
  const n = text.length;
  const re = DIGIT;
  re.lastIndex = 0;
  // The regex skips text without digits faster than a character loop does.
  while (re.test(text)) {
    const runStart = re.lastIndex - 1;
    let j = runStart + 1;
    for (;;) {
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      if (j + 1 < n && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 45) && isDigit(text.charCodeAt(j + 1))) j += 2;
      else break;
    }
    re.lastIndex = j;
    if (j - runStart < MIN_CARD_DIGITS) continue;
    // Split into groups (reusing two scratch arrays); runs with fewer than 13 digits stop here.
    let g = 1;
    for (let k = runStart; k < j; k++) {
      const c = text.charCodeAt(k);
      if (c === 32 || c === 45) g++;
    }
    if (j - runStart - (g - 1) < MIN_CARD_DIGITS) continue;
    if (g > groupStarts.length) {
      groupStarts = new Int32Array(g * 2);
      groupEnds = new Int32Array(g * 2);
    }
    const starts = groupStarts;
    const ends = groupEnds;
    starts[0] = runStart;
    let gi = 0;
    for (let k = runStart; k < j; k++) {
      const c = text.charCodeAt(k);
      if (c === 32 || c === 45) {
        ends[gi] = k;
        starts[++gi] = k + 1;
      }
    }
    ends[gi] = j;
    const leftOk = runStart === 0 || !isLeftBlocker(text.charCodeAt(runStart - 1));
    // Right boundary of the whole run: no word char, slash or hyphen, and no ".5"/",5" continuation.
    const after = j < n ? text.charCodeAt(j) : 0;
    const rightOk =
      !((after >= 65 && after <= 90) || (after >= 97 && after <= 122) || after === 95 || after === 47 || after === 45) &&
      !((after === 46 || after === 44) && j + 1 < n && isDigit(text.charCodeAt(j + 1)));
    const span = bestCard(text, starts, ends, g, leftOk, rightOk);
    if (span) out.push(span);
  }
}

/** The first six digits from `start` on (separators skipped) as a number: `4111 11…` → 411111. */
function firstSixDigits(text: string, start: number): number {
  let p6 = 0;
  for (let i = start, k = 0; k < 6; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 45) continue;
    p6 = p6 * 10 + (c - 48);
    k++;
  }
  return p6;
}

/**
 * The longest valid card made of consecutive groups `a..b` of a digit run. Inner cuts must
 * fall on a space (not a hyphen), so `ORD-4111-…` style ids are not split into a card.
 */
function bestCard(text: string, starts: Int32Array, ends: Int32Array, g: number, leftOk: boolean, rightOk: boolean): PiiSpan | undefined {
  if (g + 1 > groupPrefix.length) groupPrefix = new Int32Array((g + 1) * 2);
  const prefix = groupPrefix;
  prefix[0] = 0;
  for (let k = 0; k < g; k++) prefix[k + 1] = prefix[k]! + ends[k]! - starts[k]!;
  for (let a = 0; a < g; a++) {
    if (a === 0 ? !leftOk : text.charCodeAt(starts[a]! - 1) !== 32) continue;
    // Every known issuer prefix starts with 1-6 (1: legacy JCB 1800).
    const lead = text.charCodeAt(starts[a]!);
    if (lead < 49 || lead > 54) continue;
    // Printed cards start with a group of 4 (or 6); otherwise only a contiguous run can be a card.
    const first = ends[a]! - starts[a]!;
    const maxB = first === 4 || first === 6 ? Math.min(g, a + 5) : a + 1;
    for (let b = maxB; b > a; b--) {
      const count = prefix[b]! - prefix[a]!;
      if (count > 19) continue;
      if (count < MIN_CARD_DIGITS) break;
      if (b < g ? text.charCodeAt(ends[b - 1]!) !== 32 : !rightOk) continue;
      if (b - a > 1) {
        const sep = text.charCodeAt(ends[a]!);
        let same = true;
        for (let k = a + 1; k < b - 1; k++) if (text.charCodeAt(ends[k]!) !== sep) same = false;
        if (!same) continue;
        let key = 0;
        for (let k = a; k < b; k++) key = key * 32 + (ends[k]! - starts[k]!);
        if (!CARD_GROUPING_KEYS.has(key)) continue;
      }
      // Luhn first, straight on the text (no string built): most candidates fail it.
      if (!luhnRange(text, starts[a]!, ends[b - 1]!)) continue;
      const brand = brandOf(count, firstSixDigits(text, starts[a]!));
      if (brand === undefined) continue;
      const value = text.slice(starts[a]!, ends[b - 1]!);
      return { type: 'credit_card', kind: brand, start: starts[a]!, end: ends[b - 1]!, value };
    }
  }
  return undefined;
}

const SSN_DASHED = /(?<![\w./#-])\d{3}([- ])\d{2}\1\d{4}(?![\w/-]|[.,]\d)/g;
/** Nine digits in a row (the bare SSN form's value). */
const NINE_DIGITS = /\d{9}/;
const SSN_BARE =
  /(?:ssn|social security(?: number| no\.?| #)?|ss#|sozialversicherungsnummer|tin)\W{0,5}(?:is\W{1,3}|number\W{1,3}|no\.?\W{1,3})?(\d{9})(?!\d)/gi;

/**
 * Find US Social Security numbers: `AAA-GG-SSSS` (or space-separated) passing the SSA
 * validity rules, and bare 9-digit runs only right after "SSN" or "social security".
 */
export function findSsns(text: string, out: PiiSpan[]): void {
  let re = SSN_DASHED;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (ssnValid(m[0])) out.push({ type: 'ssn', start: m.index, end: m.index + m[0].length, value: m[0] });
  }
  // The bare form needs nine digits in a row: a digit search is much cheaper than the keyword alternation.
  if (!NINE_DIGITS.test(text)) return;
  re = SSN_BARE;
  re.lastIndex = 0;
  while ((m = re.exec(text)) !== null) {
    const v = m[1]!;
    if (!ssnValid(v)) continue;
    const start = m.index + m[0].length - v.length;
    out.push({ type: 'ssn', start, end: start + v.length, value: v });
  }
}

const IBAN_CANDIDATE = /\b[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30}/g;
const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * Find IBANs (compact or in groups of four, upper- or lower-case): a known country, that country's length and
 * a valid mod-97 checksum. Trailing upper-case words after the IBAN are not swallowed.
 */
export function findIbans(text: string, out: PiiSpan[]): void {
  const re = IBAN_CANDIDATE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const raw = m[0];
    // Lower-case IBANs (copied from forms and exports) are checked upper-cased, but only
    // when the whole candidate has one case: `de89…` or `DE89…`, never `De89…`.
    const lowerCc = raw.charCodeAt(0) >= 97;
    if (lowerCc !== raw.charCodeAt(1) >= 97) continue;
    const cand = lowerCc ? raw.toUpperCase() : raw;
    const len = ibanLength(cand.slice(0, 2));
    if (len === undefined) continue;
    // Take exactly `len` alphanumerics (spaces skipped); the IBAN must end at a boundary.
    let count = 0;
    let i = 0;
    for (; i < cand.length && count < len; i++) if (cand[i] !== ' ') count++;
    if (count < len) continue;
    const endIdx = m.index + i;
    if (endIdx < text.length && isAlnum(text.charCodeAt(endIdx))) continue;
    // The candidate pattern already guarantees the shape ibanValid checks (upper-case
    // alphanumerics, letters then digits up front) and the length was just counted.
    if (ibanMod97Spaced(cand, i) !== 1) continue;
    const value = raw.slice(0, i);
    out.push({ type: 'iban', kind: cand.slice(0, 2), start: m.index, end: endIdx, value });
    re.lastIndex = endIdx;
  }
}
