/**
 * IBAN lengths by country (ISO 13616 registry), used to reject look-alikes that happen
 * to pass mod-97.
 */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SC: 31,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};

/**
 * The IBAN length of a country (ISO 3166 alpha-2, upper-case), or `undefined` when the
 * country has no IBAN.
 * @param country e.g. `DE`
 */
export function ibanLength(country: string): number | undefined {
  return IBAN_LENGTHS[country];
}

/**
 * True when `input` (spaces ignored, case-insensitive) is a valid IBAN: a known country
 * code, that country's length, and the ISO 7064 mod-97 checksum equal to 1.
 * @param input e.g. `DE89 3704 0044 0532 0130 00`
 */
export function ibanValid(input: string): boolean {
  const s = input.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(s)) return false;
  const len = IBAN_LENGTHS[s.slice(0, 2)];
  if (len === undefined || s.length !== len) return false;
  return ibanMod97(s) === 1;
}

/**
 * The ISO 7064 mod-97-10 remainder of an IBAN (country and check digits moved to the end,
 * letters as 10..35). A valid IBAN gives 1.
 * @param iban compact upper-case IBAN
 */
export function ibanMod97(iban: string): number {
  const s = iban.slice(4) + iban.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      rem = (rem * 10 + (c - 48)) % 97;
    } else {
      rem = (rem * 100 + (c - 55)) % 97;
    }
  }
  return rem;
}

/**
 * {@link ibanMod97} of `s.slice(0, end)` with its spaces skipped, without building the compact
 * string (the IBAN scanner calls it on every candidate). `s` must be upper-case alphanumerics
 * and spaces, and start with four non-space characters.
 * @param s candidate IBAN, possibly grouped by spaces
 * @param end end of the IBAN in `s`
 */
export function ibanMod97Spaced(s: string, end: number): number {
  let rem = 0;
  for (let i = 4; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) continue;
    rem = c <= 57 ? (rem * 10 + (c - 48)) % 97 : (rem * 100 + (c - 55)) % 97;
  }
  for (let i = 0; i < 4; i++) {
    const c = s.charCodeAt(i);
    rem = c <= 57 ? (rem * 10 + (c - 48)) % 97 : (rem * 100 + (c - 55)) % 97;
  }
  return rem;
}
