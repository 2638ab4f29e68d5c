/**
 * True when the digits of `input` (separators ignored) pass the Luhn checksum.
 * Inputs with fewer than 2 digits or with characters other than digits, spaces and
 * hyphens are rejected.
 * @param input a card-like number, e.g. `4111 1111 1111 1111`
 */
export function luhnValid(input: string): boolean {
  let count = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c === 32 || c === 45) continue;
    if (c < 48 || c > 57) return false;
    count++;
  }
  return count >= 2 && luhnRange(input, 0, input.length);
}

/**
 * The Luhn checksum over `text[start, end)` without slicing it; the range must hold only
 * digits, spaces and hyphens (separators are skipped). The scanners' hot path.
 * @internal
 */
export function luhnRange(text: string, start: number, end: number): boolean {
  let sum = 0;
  let double = false;
  for (let i = end - 1; i >= start; i--) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 45) continue;
    let d = c - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Four-digit issuer prefixes of Maestro cards. */
const MAESTRO_PREFIXES = new Set([5018, 5020, 5038, 5893, 6304, 6759, 6761, 6762, 6763]);

/** Card brands the PII guard recognizes in card numbers. */
export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'jcb' | 'diners' | 'unionpay' | 'maestro';

/**
 * The brand of a card number by its issuer prefix and length, or `undefined` when no
 * known brand issues such a number.
 * @param digits the card number, digits only
 */
export function cardBrand(digits: string): CardBrand | undefined {
  const n = digits.length;
  if (n < 12) return undefined;
  let p6 = 0;
  for (let i = 0; i < 6; i++) p6 = p6 * 10 + (digits.charCodeAt(i) - 48);
  return brandOf(n, p6);
}

/**
 * The brand of a card number from its digit count and its first six digits as a number
 * (`411111` for `4111 11…`). Shared by {@link cardBrand} and the card scanner, which reads
 * the digits straight from the text.
 * @param n number of digits (12 or more)
 * @param p6 the first six digits
 */
export function brandOf(n: number, p6: number): CardBrand | undefined {
  const p4 = Math.floor(p6 / 100);
  const p3 = Math.floor(p6 / 1000);
  const p2 = Math.floor(p6 / 10000);
  if (Math.floor(p6 / 100000) === 4 && (n === 13 || n === 16 || n === 19)) return 'visa';
  if (n === 16 && ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720))) return 'mastercard';
  if (n === 15 && (p2 === 34 || p2 === 37)) return 'amex';
  if (n >= 16 && n <= 19 && (p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925))) return 'discover';
  if (n >= 16 && n <= 19 && p4 >= 3528 && p4 <= 3589) return 'jcb';
  if ((n === 14 || n === 16) && (p2 === 36 || p2 === 38 || p2 === 39 || (p3 >= 300 && p3 <= 305))) return 'diners';
  if (n >= 16 && n <= 19 && p2 === 62) return 'unionpay';
  // Legacy 15-digit JCB numbers, still printed by card generators and test suites.
  if (n === 15 && (p4 === 1800 || p4 === 2131)) return 'jcb';
  // Maestro (12-19 digits) only on its well-known issuer prefixes: a random 12-digit id
  // would otherwise pass one time in ten on the checksum alone.
  if (MAESTRO_PREFIXES.has(p4)) return 'maestro';
  return undefined;
}
