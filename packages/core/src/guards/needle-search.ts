/**
 * Substring checks that start from a needle's rarest character: `text.includes('npm_')` stops
 * at every `n` of the text to compare, a search for `_` stops at few places.
 * @module
 */

/**
 * Characters from rarest to most frequent in typical text (underscore and uncommon capitals
 * first, common lower-case letters and the space last); a character not listed counts as rarest.
 */
const RAREST_FIRST = '_JQXZKVYWUzqxjBGFHMNDLPCROETSAI-:/@.kvbywgfmpucldhrsnioate ';

const rarity = (ch: string): number => {
  const r = RAREST_FIRST.indexOf(ch);
  return r === -1 ? -1 : r;
};

/**
 * Index of the rarest character of `needle` (the first of equally rare ones).
 * @param needle a non-empty string
 * @internal
 */
export function rarestCharIndex(needle: string): number {
  let best = 0;
  for (let i = 1; i < needle.length; i++) if (rarity(needle[i]!) < rarity(needle[best]!)) best = i;
  return best;
}

/**
 * Anchor occurrences compared in place before the rest of the text is left to one native
 * `includes`: each `indexOf` is a call of its own, so an anchor that turns out frequent (`-` or
 * `_` all over a 16 KB log or code listing) would cost more than the plain search.
 */
const MAX_ANCHOR_PROBES = 8;

/**
 * `text.includes(needle)`, searched by the needle's character at `anchor` (from
 * {@link rarestCharIndex}): each occurrence of that character is compared in place, up to
 * {@link MAX_ANCHOR_PROBES}, then the rest of the text is searched with `includes`.
 * @param text text to search
 * @param needle non-empty string to find
 * @param anchor index of the character searched for
 * @internal
 */
export function includesFrom(text: string, needle: string, anchor: number): boolean {
  if (anchor === 0) return text.includes(needle);
  const ch = needle[anchor]!;
  let i = text.indexOf(ch, anchor);
  for (let probes = 0; i !== -1; probes++) {
    if (text.startsWith(needle, i - anchor)) return true;
    // every occurrence starting before i - anchor + 1 is ruled out
    if (probes === MAX_ANCHOR_PROBES) return text.includes(needle, i - anchor + 1);
    i = text.indexOf(ch, i + 1);
  }
  return false;
}
