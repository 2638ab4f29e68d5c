/** Scratch counts per ASCII code, all zero between calls. */
const COUNTS = new Int32Array(128);
/** Scratch: the distinct ASCII codes of the string being measured, in order of first occurrence. */
const ORDER = new Int32Array(128);

/**
 * Shannon entropy of `s` in bits per character (0 for the empty string). Sums in order of
 * each character's first occurrence; ASCII strings are counted in a reused array (no map).
 * @param s any string
 */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  let distinct = 0;
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) break;
    if (COUNTS[c]++ === 0) ORDER[distinct++] = c;
  }
  if (i < s.length) {
    for (let k = 0; k < distinct; k++) COUNTS[ORDER[k]!] = 0;
    return entropyByMap(s);
  }
  let h = 0;
  for (let k = 0; k < distinct; k++) {
    const c = ORDER[k]!;
    const p = COUNTS[c]! / s.length;
    COUNTS[c] = 0;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * Margin (in bits) around the bounds of {@link entropyAtLeast}: far above the rounding error of
 * a sum of at most a few thousand terms, far below any difference the bounds decide on.
 */
const ENTROPY_BOUND_MARGIN = 1e-9;

/**
 * `shannonEntropy(s) >= min`, mostly without a logarithm per distinct character: the entropy
 * lies between the min-entropy `log2(length / most frequent count)` and `log2(distinct)`, so
 * a value clearly above the first or below the second decides; otherwise (and for non-ASCII
 * strings) the entropy is summed exactly as {@link shannonEntropy} sums it.
 * @param s any string
 * @param min the threshold in bits per character
 */
export function entropyAtLeast(s: string, min: number): boolean {
  const n = s.length;
  if (n === 0) return 0 >= min;
  let distinct = 0;
  let most = 0;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) break;
    const k = ++COUNTS[c]!;
    if (k === 1) ORDER[distinct++] = c;
    if (k > most) most = k;
  }
  if (i < n) {
    for (let k = 0; k < distinct; k++) COUNTS[ORDER[k]!] = 0;
    return entropyByMap(s) >= min;
  }
  let decided = 0;
  if (Math.log2(n / most) >= min + ENTROPY_BOUND_MARGIN) decided = 1;
  else if (Math.log2(distinct) < min - ENTROPY_BOUND_MARGIN) decided = -1;
  if (decided !== 0) {
    for (let k = 0; k < distinct; k++) COUNTS[ORDER[k]!] = 0;
    return decided === 1;
  }
  let h = 0;
  for (let k = 0; k < distinct; k++) {
    const c = ORDER[k]!;
    const p = COUNTS[c]! / n;
    COUNTS[c] = 0;
    h -= p * Math.log2(p);
  }
  return h >= min;
}

/** {@link shannonEntropy} of any string, counted in a map. */
function entropyByMap(s: string): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** How many of the classes lower-case, upper-case, digit and symbol occur in `s`. */
export function charClassCount(s: string): number {
  let lower = 0,
    upper = 0,
    digit = 0,
    other = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = 1;
    else if (c >= 65 && c <= 90) upper = 1;
    else if (c >= 48 && c <= 57) digit = 1;
    else other = 1;
  }
  return lower + upper + digit + other;
}
