import type { PiiSpan } from './types.js';

const LOCAL_CHAR_RE = /[\p{L}\p{N}]/u;
/** Local-part characters: ASCII letters, digits and `._%+-'`, or any Unicode letter/digit. */
const isLocalChar = (ch: string): boolean => {
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45 || c === 39;
  return LOCAL_CHAR_RE.test(ch);
};
/** Domain characters: ASCII letters, digits, `.` and `-`, or any Unicode letter/digit. */
const isDomainChar = (ch: string): boolean => {
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 45;
  return LOCAL_CHAR_RE.test(ch);
};
/** Endings that make `name@2x.png`-style file names look like addresses. */
const FILE_ENDINGS = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'ico', 'js', 'mjs', 'cjs', 'ts', 'tsx', 'jsx',
  'css', 'scss', 'json', 'map', 'html', 'txt', 'lock', 'yaml', 'yml', 'toml', 'wasm', 'zip',
]);

/**
 * Find e-mail addresses: each `@` is expanded to a local part and a dotted domain whose
 * last label is alphabetic (2-24 letters, not a file ending such as `png`).
 */
export function findEmails(text: string, out: PiiSpan[]): void {
  let at = text.indexOf('@');
  while (at !== -1) {
    let s = at;
    while (s > 0 && at - s < 64 && isLocalChar(text[s - 1]!)) s--;
    while (s < at && (text[s] === '.' || text[s] === "'")) s++;
    let e = at + 1;
    while (e < text.length && e - at < 255 && isDomainChar(text[e]!)) e++;
    while (e > at + 1 && (text[e - 1] === '.' || text[e - 1] === '-')) e--;
    const next = at + 1;
    if (s < at && e > at + 1) {
      const domain = text.slice(at + 1, e);
      const labels = domain.split('.');
      const tld = labels[labels.length - 1]!;
      const prevOk = s === 0 || !/[\p{L}\p{N}_@]/u.test(text[s - 1]!);
      if (
        prevOk &&
        labels.length >= 2 &&
        labels.every((l) => l.length > 0 && l.length <= 63 && !l.startsWith('-') && !l.endsWith('-')) &&
        /^\p{L}{2,24}$/u.test(tld) &&
        !FILE_ENDINGS.has(tld.toLowerCase())
      ) {
        out.push({ type: 'email', start: s, end: e, value: text.slice(s, e) });
        at = text.indexOf('@', e);
        continue;
      }
    }
    at = text.indexOf('@', next);
  }
}

const PHONE_CANDIDATE =
  /(?<![\w#/.:+$€£-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{1,14}(?:[ .-]\d{1,8}){0,5}(?![\w/-]|[.:,]\d)/g;
const US_PHONE = /^(?:\+?1[ .-]?)?(?:\((\d{3})\)[ .-]?|(\d{3})[ .-])(\d{3})[ .-](\d{4})$/;
const US_PHONE_COMPACT = /^(?:\+?1)?(\d{3})(\d{3})(\d{4})$/;
const PHONE_CONTEXT = /(?:phone|tel|mobile|cell|call|text|sms|whatsapp|fax|contact|reach|ring|dial|landline)\W{0,6}(?:\w+\W{1,3}){0,3}$/i;

function validPhone(cand: string, before: string): boolean {
  const digits = cand.replace(/\D/g, '');
  const n = digits.length;
  if (n < 7 || n > 15) return false;
  if (/^(\d)\1+$/.test(digits)) return false;
  const grouped = /[ .()-]/.test(cand);
  if (cand.startsWith('+')) {
    if (n < 8 || digits[0] === '0') return false;
    // A dotted run like 192.168.x.y is an IP, not a phone; phones rarely use only dots with 1-digit groups.
    return grouped || n >= 10;
  }
  const us = US_PHONE.exec(cand);
  if (us) {
    const area = us[1] ?? us[2]!;
    return area[0] !== '0' && area[0] !== '1' && us[3]![0] !== '0' && us[3]![0] !== '1';
  }
  if (cand[0] === '0' && grouped && (n === 10 || n === 11)) {
    const first = /^\(?(\d+)/.exec(cand)![1]!;
    return first.length >= 2 && first.length <= 5 && !cand.includes('.');
  }
  if (PHONE_CONTEXT.test(before)) {
    if (!grouped) return n >= 10 && (US_PHONE_COMPACT.test(digits) || digits[0] === '0');
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
    const cand = m[0];
    if (cand.length < 7) continue;
    // Try the whole candidate, then suffixes starting after a separator (drops a leading "room 12").
    let offset = 0;
    for (let tries = 0; tries < 4 && offset < cand.length; tries++) {
      const sub = cand.slice(offset);
      const before = text.slice(Math.max(0, m.index + offset - 40), m.index + offset);
      if (sub.length >= 7 && validPhone(sub, before)) {
        const start = m.index + offset;
        out.push({ type: 'phone', start, end: m.index + cand.length, value: sub });
        break;
      }
      // Only drop a short leading group separated by a space ("room 12 415 555 2671"):
      // a longer grouped run (a card-like number) is one number, not a phone with a prefix.
      const lead = /^(\d{1,3}) /.exec(sub);
      if (lead === null) break;
      offset += lead[0].length;
    }
  }
}
