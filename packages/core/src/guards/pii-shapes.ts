/**
 * Small fixed shapes the PII finders check many times per text (every phone candidate, every
 * e-mail's last label, every IPv6 candidate), read character by character instead of by a
 * regular expression. Each function says which pattern it stands for and answers exactly as
 * that pattern does (`test/guards/pii-shapes.test.ts` compares them on generated strings).
 * A PII-dense 1 KB text ran ~100 execs of these patterns, each with a match array, and each
 * pattern is one more piece of compiled regex code to bring back into the CPU's caches.
 * @module
 */

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** `[ .-]`. */
const isSep = (c: number): boolean => c === 32 || c === 46 || c === 45;

/**
 * `/^0[1-9](?:\.\d\d){4}$/.test(s)`: a French national number written with dots (`01.84.17.61.18`).
 * @internal
 */
export function isFrenchDotted(s: string): boolean {
  if (s.length !== 14 || s.charCodeAt(0) !== 48) return false;
  const c = s.charCodeAt(1);
  if (c < 49 || c > 57) return false;
  for (let i = 2; i < 14; i += 3) {
    if (s.charCodeAt(i) !== 46 || !isDigit(s.charCodeAt(i + 1)) || !isDigit(s.charCodeAt(i + 2))) return false;
  }
  return true;
}

/**
 * The length of `/^(\d{1,3}) /`'s match in `s` (a short leading group and its space), or 0
 * when it does not match.
 * @internal
 */
export function leadGroupLength(s: string): number {
  let k = 0;
  while (k < 4 && k < s.length && isDigit(s.charCodeAt(k))) k++;
  return k >= 1 && k <= 3 && s.charCodeAt(k) === 32 ? k + 1 : 0;
}

/**
 * Where the area code starts when `s` matches
 * `/^(?:\+?1[ .-]?)?(?:\((\d{3})\)[ .-]?|(\d{3})[ .-])(\d{3})[ .-](\d{4})$/` (a US number:
 * `(415) 555-2671`, `+1 415.555.2671`), else -1. The exchange (the pattern's third group)
 * then starts 8 characters before the end. The pattern parses a string in one way only (each
 * optional separator is followed by something a separator is not), so no backtracking order
 * needs following.
 * @internal
 */
export function usPhoneAreaAt(s: string): number {
  const n = s.length;
  // the exchange and the line: `ddd[ .-]dddd` at the end
  const x = n - 8;
  if (x < 4 || !isSep(s.charCodeAt(x + 3))) return -1;
  for (let i = x; i < n; i++) if (i !== x + 3 && !isDigit(s.charCodeAt(i))) return -1;
  // the area code before it: `ddd[ .-]`, `(ddd)` or `(ddd)[ .-]`
  let area: number;
  let prefixEnd: number;
  const last = s.charCodeAt(x - 1);
  if (isSep(last) && s.charCodeAt(x - 2) !== 41) {
    area = x - 4;
    prefixEnd = area;
  } else {
    const close = isSep(last) ? x - 2 : x - 1;
    if (s.charCodeAt(close) !== 41 || close < 4 || s.charCodeAt(close - 4) !== 40) return -1;
    area = close - 3;
    prefixEnd = close - 4;
  }
  if (!isDigit(s.charCodeAt(area)) || !isDigit(s.charCodeAt(area + 1)) || !isDigit(s.charCodeAt(area + 2))) return -1;
  // the country code before that: nothing, `1`, `+1`, each with an optional separator
  if (prefixEnd === 0) return area;
  const one = s.charCodeAt(0) === 43 ? 1 : 0;
  if (s.charCodeAt(one) !== 49) return -1;
  const rest = prefixEnd - one - 1;
  return rest === 0 || (rest === 1 && isSep(s.charCodeAt(prefixEnd - 1))) ? area : -1;
}

/** The pattern {@link isLetterLabel} stands for, asked only about labels with characters outside ASCII. */
const TLD_LABEL = /^\p{L}{2,24}$/u;

/**
 * `/^\p{L}{2,24}$/u.test(s)`: an e-mail's top-level label (ASCII letters are checked by
 * code; a label with other characters is left to the pattern).
 * @internal
 */
export function isLetterLabel(s: string): boolean {
  if (s.length < 2 || s.length > 48) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) return TLD_LABEL.test(s);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  }
  return s.length <= 24;
}

/**
 * `s.split(/:+/).filter((g) => g.length > 0).length`: the runs of characters other than `:`.
 * @internal
 */
export function colonGroups(s: string): number {
  let groups = 0;
  let inGroup = false;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) === 58) inGroup = false;
    else if (!inGroup) {
      inGroup = true;
      groups++;
    }
  }
  return groups;
}

/**
 * `/\d/.test(s)`.
 * @internal
 */
export function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isDigit(s.charCodeAt(i))) return true;
  return false;
}

/**
 * `/^(\d{3})([- ]?)(\d{2})\2(\d{4})$/` on `s` (an SSN's shape: nine digits, split 3-2-4 by
 * two equal hyphens or spaces, or not at all): the separator's width (0 or 1), or -1 when it
 * does not match. Area, group and serial then start at 0, 3 + width and 5 + 2 × width.
 * @internal
 */
export function ssnShape(s: string): number {
  const w = s.length === 9 ? 0 : s.length === 11 ? 1 : -1;
  if (w === -1) return -1;
  if (w === 1) {
    const sep = s.charCodeAt(3);
    if ((sep !== 45 && sep !== 32) || s.charCodeAt(6) !== sep) return -1;
  }
  for (let i = 0; i < s.length; i++) {
    if (w === 1 && (i === 3 || i === 6)) continue;
    if (!isDigit(s.charCodeAt(i))) return -1;
  }
  return w;
}
