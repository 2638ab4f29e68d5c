import { ibanValid } from './iban.js';
import { cardBrand, luhnValid } from './luhn.js';
import { ssnValid } from './ssn.js';
import type { PiiSpan } from './types.js';

const CARD_CANDIDATE = /(?<![\w.,/#-])\d(?:[ -]?\d){12,18}(?![\w/-]|[.,]\d)/g;
const CARD_GROUPINGS = new Set(['4-4-4-4', '4-6-5', '4-6-4', '4-4-4-4-3', '4-4-4-1', '4-4-4-2', '4-4-4-3', '4-4-5', '6-13', '4-4-4-4-2', '4-4-4-4-1']);

/**
 * Find payment card numbers: 13-19 digits, contiguous or grouped the way cards are
 * printed (`4-4-4-4`, Amex `4-6-5`), with a known issuer prefix and a valid Luhn checksum.
 */
export function findCards(text: string, out: PiiSpan[]): void {
  const re = CARD_CANDIDATE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const cand = m[0];
    const seps = cand.replace(/\d/g, '');
    if (seps.length > 0) {
      if (!/^(?: +|-+)$/.test(seps)) continue;
      const groups = cand.split(/[ -]/).map((g) => g.length).join('-');
      if (!CARD_GROUPINGS.has(groups)) continue;
    }
    const digits = cand.replace(/\D/g, '');
    const brand = cardBrand(digits);
    if (brand === undefined || !luhnValid(digits)) continue;
    out.push({ type: 'credit_card', kind: brand, start: m.index, end: m.index + cand.length, value: cand });
  }
}

const SSN_DASHED = /(?<![\w./#-])\d{3}([- ])\d{2}\1\d{4}(?![\w/-]|[.,]\d)/g;
const SSN_BARE = /(?:ssn|social security(?: number| no\.?| #)?|ss#|sozialversicherungsnummer|tin)\W{0,5}(?:is\W{1,3}|number\W{1,3}|no\.?\W{1,3})?(\d{9})(?!\d)/gi;

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
  re = SSN_BARE;
  re.lastIndex = 0;
  while ((m = re.exec(text)) !== null) {
    const v = m[1]!;
    if (!ssnValid(v)) continue;
    const start = m.index + m[0].length - v.length;
    out.push({ type: 'ssn', start, end: start + v.length, value: v });
  }
}

const IBAN_CANDIDATE = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}/g;

/**
 * Find IBANs (compact or in groups of four): a known country, that country's length and
 * a valid mod-97 checksum. Trailing upper-case words after the IBAN are not swallowed.
 */
export function findIbans(text: string, out: PiiSpan[]): void {
  const re = IBAN_CANDIDATE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const cand = m[0];
    // Try every prefix ending on an alphanumeric that is followed by a boundary.
    let compact = '';
    let matched = -1;
    for (let i = 0; i < cand.length; i++) {
      const c = cand[i]!;
      if (c === ' ') continue;
      compact += c;
      const next = text[m.index + i + 1];
      const boundary = next === undefined || !/[A-Za-z0-9]/.test(next);
      if (compact.length >= 15 && boundary && ibanValid(compact)) matched = i + 1;
    }
    if (matched === -1) continue;
    const after = text[m.index + matched];
    if (after !== undefined && /[A-Za-z0-9]/.test(after)) continue;
    const value = cand.slice(0, matched);
    out.push({ type: 'iban', kind: value.slice(0, 2), start: m.index, end: m.index + matched, value });
    re.lastIndex = m.index + matched;
  }
}
