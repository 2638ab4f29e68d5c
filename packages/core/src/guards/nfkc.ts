/**
 * NFKC applied only where it can change something. NFKC is costly, and one ellipsis or
 * non-breaking space in a long text would otherwise send the whole text through it.
 *
 * Why pieces may be normalized apart: a text splits before a "boundary" character,
 * `NFKC(a + b) === NFKC(a) + NFKC(b)` when `b` starts with one. Boundaries here are ASCII,
 * CJK unified ideographs, kana and Hangul syllables: starters (combining class 0, so canonical
 * reordering never moves a mark across them) whose decomposition, if any, starts with a starter,
 * and which are never the second part of a Unicode composition (so nothing before one composes
 * with it). Each character NFKC may change is normalized together with the non-boundary
 * characters around it and the boundary character before them (a combining mark composes with
 * it: `e` + U+0301 → `é`); the rest has none of those characters, and NFKC leaves such text as
 * it is (the assumption the whole-text check made before). `test/guards/nfkc.test.ts` compares
 * with `normalize('NFKC')` on the eval texts and on random mixes of such characters.
 * @module
 */

/**
 * BMP characters NFKC leaves alone (ASCII, accented Latin, Greek, Cyrillic, dashes and quotes,
 * kana, CJK, Hangul; surrogates are judged in pairs), as inclusive `[from, to]` ranges.
 */
const KEPT_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x007f],
  [0x00a1, 0x00a7],
  [0x00a9, 0x00a9],
  [0x00ab, 0x00ae],
  [0x00b0, 0x00b1],
  [0x00b6, 0x00b7],
  [0x00bb, 0x00bb],
  [0x00bf, 0x0131],
  [0x0134, 0x013e],
  [0x0141, 0x0148],
  [0x014a, 0x017e],
  [0x0180, 0x01c3],
  [0x01cd, 0x01f0],
  [0x01f4, 0x024f],
  [0x0386, 0x0386],
  [0x0388, 0x03ce],
  [0x0400, 0x04ff],
  [0x2010, 0x2010],
  [0x2012, 0x2016],
  [0x2018, 0x2023],
  [0x2027, 0x2027],
  [0x2030, 0x2030],
  [0x2032, 0x2032],
  [0x2035, 0x2035],
  [0x2039, 0x203a],
  [0x20ac, 0x20ac],
  [0x3041, 0x3096],
  [0x30a1, 0x30fa],
  [0x4e00, 0x9fff],
  [0xac00, 0xd7a3],
  [0xd800, 0xdfff],
];

/** `NEEDS[c] === 1` when NFKC may change the BMP character `c` (built on first use). */
let NEEDS: Uint8Array | undefined;

function needsTable(): Uint8Array {
  const t = new Uint8Array(65536).fill(1);
  for (const [from, to] of KEPT_RANGES) t.fill(0, from, to + 1);
  return t;
}

/**
 * Whether NFKC may change the astral character of surrogate pair `hi lo`: everything but the
 * emoji blocks (U+1F300–U+1F6FF, and U+1F900–U+1FBEF), so enclosed alphanumerics and ideographs,
 * mathematical letters and segmented digits fold.
 */
const pairNeeds = (hi: number, lo: number): boolean => (hi === 0xd83c ? lo <= 0xdeff : hi === 0xd83d ? false : hi === 0xd83e ? lo >= 0xdff0 : true);

/** Any non-ASCII character (global: `lastIndex` is where a search starts). */
const NON_ASCII_FROM = /[^\x00-\x7F]/g;

/**
 * Index of the first character at or after `i` that NFKC may change, or -1. ASCII stretches
 * are skipped by a regex search (several times faster than a character loop); each non-ASCII
 * run is then judged a character at a time.
 */
function nextNeeding(text: string, i: number, needs: Uint8Array): number {
  const n = text.length;
  while (i < n) {
    NON_ASCII_FROM.lastIndex = i;
    if (!NON_ASCII_FROM.test(text)) return -1;
    for (i = NON_ASCII_FROM.lastIndex - 1; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) break;
      if (c >= 0xd800 && c <= 0xdbff) {
        const lo = text.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          if (pairNeeds(c, lo)) return i;
          i++;
        }
        continue;
      }
      if (needs[c] === 1) return i;
    }
  }
  return -1;
}

/**
 * Index of the first character of `text` that NFKC may change, or -1 when `text.normalize('NFKC')`
 * is `text` itself. Zero-width characters (except the soft hyphen U+00AD, which NFKC keeps) and
 * Unicode tag characters are among those NFKC may change.
 * @param text any text
 * @internal
 */
export function nfkcNeededAt(text: string): number {
  return nextNeeding(text, 0, (NEEDS ??= needsTable()));
}

/** A character a text may be split before (see the module comment). */
const isBoundary = (c: number): boolean =>
  c < 0x80 || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x3041 && c <= 0x3096) || (c >= 0x30a1 && c <= 0x30fa);

/**
 * `text.normalize('NFKC')`, computed on the pieces around the characters NFKC may change.
 * @param text any text
 * @param first `nfkcNeededAt(text)` when already known
 * @internal
 */
export function nfkcWhereNeeded(text: string, first?: number): string {
  const needs = (NEEDS ??= needsTable());
  let at = first ?? nextNeeding(text, 0, needs);
  if (at === -1) return text;
  let out = '';
  let pos = 0;
  while (at !== -1) {
    let from = at;
    while (from > pos && !isBoundary(text.charCodeAt(from - 1))) from--;
    // The boundary character before the run (a combining mark in the run may compose with it).
    if (from > pos) from--;
    let to = at + 1;
    while (to < text.length && !isBoundary(text.charCodeAt(to))) to++;
    out += text.slice(pos, from) + text.slice(from, to).normalize('NFKC');
    pos = to;
    at = nextNeeding(text, to, needs);
  }
  return out + text.slice(pos);
}
