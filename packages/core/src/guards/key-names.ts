/**
 * The key names of a text's assignments (`api_key: …`, `"password" = …`), for the secret
 * shapes whose needle must sit in one (see `pii-secrets.ts`).
 * @module
 */

/** `\s` of a regex, by code. */
const isRegexSpace = (c: number): boolean =>
  c === 32 ||
  (c >= 9 && c <= 13) ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;

/** `[A-Za-z_-]`, by code. */
const isKeyNameChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 45;

/**
 * Every key name of `text` before an assignment, lower-cased and joined by spaces: for each `:`
 * and `=`, the run of `[A-Za-z_-]` that `[A-Za-z_-]*["']?\s*[:=]` can end with there (the
 * whitespace before the sign, then an optional quote, then the run; an empty run is left out).
 *
 * A needle of ASCII letters followed by `[A-Za-z_-]*["']?\s*[:=]` lies inside one of these
 * runs, so when none of them contains a needle (compared case-insensitively), no needle
 * occurrence passes that test.
 * @param text any text
 * @internal
 */
export function keyNamesBeforeAssign(text: string): string {
  let names = '';
  for (const sign of [':', '=']) {
    for (let q = text.indexOf(sign); q !== -1; q = text.indexOf(sign, q + 1)) {
      let j = q - 1;
      while (j >= 0 && isRegexSpace(text.charCodeAt(j))) j--;
      if (j >= 0 && (text.charCodeAt(j) === 34 || text.charCodeAt(j) === 39)) j--;
      const end = j + 1;
      while (j >= 0 && isKeyNameChar(text.charCodeAt(j))) j--;
      if (end > j + 1) names += text.slice(j + 1, end).toLowerCase() + ' ';
    }
  }
  return names;
}
