import { isFrenchDotted, isLetterLabel, leadGroupLength, usPhoneAreaAt } from './pii-shapes.js';
import type { PiiSpan } from './types.js';

const LOCAL_CHAR_RE = /[\p{L}\p{N}]/u;
/** Local-part characters: ASCII letters, digits and `._%+-'`, or any Unicode letter/digit (`text[i]`, read by code first: no one-character string for ASCII). */
const isLocalCharAt = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  if (c < 128)
    return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45 || c === 39;
  return LOCAL_CHAR_RE.test(text[i]!);
};
/** Domain characters: ASCII letters, digits, `.` and `-`, or any Unicode letter/digit (`text[i]`). */
const isDomainCharAt = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 45;
  return LOCAL_CHAR_RE.test(text[i]!);
};
/** Endings that make `name@2x.png`-style file names look like addresses. */
const FILE_ENDINGS = new Set([
  'png',
  'jpg',
  'jpeg',
  'gif',
  'svg',
  'webp',
  'ico',
  'js',
  'mjs',
  'cjs',
  'ts',
  'tsx',
  'jsx',
  'css',
  'scss',
  'json',
  'map',
  'html',
  'txt',
  'lock',
  'yaml',
  'yml',
  'toml',
  'wasm',
  'zip',
]);

/** True when `text[from, to)` contains a `.`. */
function hasDot(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 46) return true;
  return false;
}

const EDGE_CHAR_RE = /[\p{L}\p{N}_@]/u;

/** True when `[s, e)` (with its `@` at `at`) is an address: dotted labels of 1-63 chars not edged by `-`, an alphabetic TLD that is not a file ending, and no letter, digit, `_` or `@` glued on the left. */
function isAddress(text: string, s: number, at: number, e: number): boolean {
  if (s > 0) {
    const p = text.charCodeAt(s - 1);
    if (p < 128 ? (p >= 48 && p <= 57) || (p >= 65 && p <= 90) || (p >= 97 && p <= 122) || p === 95 || p === 64 : EDGE_CHAR_RE.test(text[s - 1]!)) return false;
  }
  let labelStart = at + 1;
  for (let i = at + 1; i <= e; i++) {
    if (i < e && text.charCodeAt(i) !== 46) continue;
    const len = i - labelStart;
    if (len === 0 || len > 63 || text.charCodeAt(labelStart) === 45 || text.charCodeAt(i - 1) === 45) return false;
    if (i < e) labelStart = i + 1;
  }
  const tld = text.slice(labelStart, e);
  return isLetterLabel(tld) && !FILE_ENDINGS.has(tld.toLowerCase());
}

/** Longest stretch scanned back from an address for a URL scheme (`https://token@host`). */
const URL_SCAN_CHARS = 300;

/**
 * True when the `@` of a candidate at `[s, e)` belongs to a URL's user-info
 * (`https://user:token@host`, `ssh://git@host`) or to an scp-style git remote
 * (`git@github.com:org/repo.git`): neither is an e-mail address.
 */
function isUrlOrRemote(text: string, s: number, e: number): boolean {
  if (e < text.length && text.charCodeAt(e) === 58) {
    const next = text.charCodeAt(e + 1);
    // `host:path` (not `host: text` or `host:8080`): an scp-style remote.
    if (next === 47 || next === 126 || (next >= 65 && next <= 90) || (next >= 97 && next <= 122) || next === 95) return true;
  }
  for (let i = s - 1; i >= 2 && s - i < URL_SCAN_CHARS; i--) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 34 || c === 39 || c === 60 || c === 40) return false;
    if (c === 47 && text.charCodeAt(i - 1) === 47 && text.charCodeAt(i - 2) === 58) return true;
  }
  return false;
}

/**
 * Find e-mail addresses: each `@` is expanded to a local part and a dotted domain whose
 * last label is alphabetic (2-24 letters, not a file ending such as `png`). The user-info
 * of a URL (`https://token@github.com/…`) and scp-style git remotes
 * (`git@github.com:org/repo.git`) are not addresses.
 */
export function findEmails(text: string, out: PiiSpan[]): void {
  let at = text.indexOf('@');
  while (at !== -1) {
    let s = at;
    while (s > 0 && at - s < 64 && isLocalCharAt(text, s - 1)) s--;
    while (s < at && (text.charCodeAt(s) === 46 || text.charCodeAt(s) === 39)) s++;
    let e = at + 1;
    while (e < text.length && e - at < 255 && isDomainCharAt(text, e)) e++;
    while (e > at + 1 && (text.charCodeAt(e - 1) === 46 || text.charCodeAt(e - 1) === 45)) e--;
    const next = at + 1;
    // Cheap checks first: a local part, and a dot inside the domain (looked for only there:
    // a lastIndexOf from the domain's end would walk back through the whole text on every `@`).
    if (s < at && e > at + 1 && hasDot(text, at + 1, e) && isAddress(text, s, at, e) && !isUrlOrRemote(text, s, e)) {
      out.push({ type: 'email', start: s, end: e, value: text.slice(s, e) });
      at = text.indexOf('@', e);
      continue;
    }
    at = text.indexOf('@', next);
  }
}

/**
 * A phone-like digit run. Its end may touch a label glued on with a hyphen (`…-Office`) but
 * not more digits; an extension (`x4587`, ` ext. 12`) is captured separately in group 1.
 */
const PHONE_CANDIDATE =
  /(?<![\w#/.:+$€£-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{1,14}(?:[ .-]\d{1,8}){0,5}((?:\s?(?:x|ext\.?|extn?\.?|extension)\s?\d{1,6}))?(?![\w/#]|-\d|[.:,]\d)/g;
const PHONE_CONTEXT =
  /(?:phone|tel|t[ée]l[ée]?phone|t[ée]l|telefon\w*|mobile?|mob|cell|call|text|sms|whatsapp|fax|contact|kontakt|reach|ring|dial|landline|desk|direct(?: line)?|hotline|office|numéro|n°)\W{0,6}(?:\w+\W{1,3}){0,3}$/i;

/**
 * True when `cand` (a candidate starting at `start` in `text`) is a phone number. Digits are
 * counted first, so most candidates are rejected without building any string.
 */
function validPhone(cand: string, text: string, start: number): boolean {
  let n = 0;
  let grouped = false;
  let sameDigit = true;
  let firstDigit = -1;
  for (let i = 0; i < cand.length; i++) {
    const c = cand.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (firstDigit === -1) firstDigit = c;
      else if (c !== firstDigit) sameDigit = false;
      n++;
    } else if (c === 32 || c === 46 || c === 40 || c === 41 || c === 45) {
      grouped = true;
    }
  }
  if (n < 7 || n > 15) return false;
  if (sameDigit) return false;
  if (cand.startsWith('00') && n >= 10) {
    // `00` (or `001-` from the US) dials out like `+`.
    return cand.charCodeAt(2) !== 48 && grouped;
  }
  // French national numbers written with dots: `01.84.17.61.18`
  if (isFrenchDotted(cand)) return true;
  if (cand.startsWith('+')) {
    if (n < 8 || firstDigit === 48) return false;
    // A dotted run like 192.168.x.y is an IP, not a phone; phones rarely use only dots with 1-digit groups.
    return grouped || n >= 10;
  }
  // US formats: neither the area code nor the exchange (8 characters from the end) starts with 0 or 1
  const area = usPhoneAreaAt(cand);
  if (area !== -1) {
    const a = cand.charCodeAt(area);
    const x = cand.charCodeAt(cand.length - 8);
    return a !== 48 && a !== 49 && x !== 48 && x !== 49;
  }
  if ((cand[0] === '0' || (cand[0] === '(' && cand[1] === '0')) && grouped && (n === 10 || n === 11)) {
    const first = /^\(?(\d+)/.exec(cand)![1]!;
    if (first.length >= 2 && first.length <= 5 && !cand.includes('.')) return true;
  }
  if (PHONE_CONTEXT.test(text.slice(Math.max(0, start - 40), start))) {
    // ungrouped: a trunk 0, or the digits alone read as a US number (`(?:1)?\d{10}`)
    if (!grouped) return n >= 10 && (firstDigit === 48 || n === 10 || (n === 11 && firstDigit === 49));
    return n >= 7;
  }
  return false;
}

/**
 * Find phone numbers: E.164/international (`+44 20 7946 0958`), US formats
 * (`(415) 555-2671`, `415-555-2671`, `1-800-555-0199`), national formats with a trunk
 * `0` (`020 7946 0958`), and bare digit runs only right after a word such as "phone".
 */
export function findPhones(text: string, out: PiiSpan[]): void {
  const re = PHONE_CANDIDATE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const ext = m[1];
    const cand = ext === undefined ? m[0] : m[0].slice(0, m[0].length - ext.length);
    if (cand.length < 7) continue;
    // Try the whole candidate, then suffixes starting after a separator (drops a leading "room 12").
    let offset = 0;
    for (let tries = 0; tries < 4 && offset < cand.length; tries++) {
      const sub = offset === 0 ? cand : cand.slice(offset);
      if (sub.length >= 7 && validPhone(sub, text, m.index + offset)) {
        const start = m.index + offset;
        const end = m.index + m[0].length;
        out.push({ type: 'phone', start, end, value: text.slice(start, end) });
        break;
      }
      // Only drop a short leading group separated by a space ("room 12 415 555 2671"):
      // a longer grouped run (a card-like number) is one number, not a phone with a prefix.
      const lead = leadGroupLength(sub);
      if (lead === 0) break;
      offset += lead;
    }
  }
}
