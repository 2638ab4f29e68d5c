/**
 * Typo repair for lexical ranking: a request word that neither any tool nor the synonym lexicon
 * knows ("umbrela", "recipie", "calender", "restuarant") is replaced by the known word one edit
 * away (one letter inserted, deleted, changed, or two neighbours swapped; never the first or the
 * last letter), the most frequent when several are. Short words (under `MIN_TYPO_LENGTH` letters) are left alone: one edit turns
 * too many of them into another real word. Lookups use a deletion index (each known word under
 * itself and its one-letter deletions), so a request costs a few map reads per unknown word.
 */
import { MIN_TYPO_LENGTH } from '../../defaults.js';

/**
 * Whether `a` and `b` are one insertion, deletion, substitution or adjacent swap apart, with
 * the first and the last letter untouched (people rarely mistype those, while changing them
 * turns real words into other real words: "tower"/"power", "german"/"germany").
 */
export function oneInnerEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (a === b || Math.abs(la - lb) > 1 || a[0] !== b[0] || a[la - 1] !== b[lb - 1]) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return i < la - 1; // substitution
    return i + 2 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  const [long, short] = la > lb ? [a, b] : [b, a];
  return i < short.length && long.slice(i + 1) === short.slice(i); // one letter more, not the last
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Known words (with how often each occurs), searchable for a word one edit away. */
export class SpellingIndex {
  readonly #count = new Map<string, number>();
  readonly #byKey = new Map<string, string[]>();

  /** Index `words` (lower-case letters; shorter than `MIN_TYPO_LENGTH` - 1 are skipped). */
  constructor(words: Iterable<string>) {
    for (const w of words) {
      if (w.length < MIN_TYPO_LENGTH - 1 || !/^[a-z]+$/.test(w)) continue;
      const n = this.#count.get(w);
      this.#count.set(w, (n ?? 0) + 1);
      if (n !== undefined) continue;
      for (const key of [w, ...deletions(w)]) {
        const list = this.#byKey.get(key);
        if (!list) this.#byKey.set(key, [w]);
        else if (!list.includes(w)) list.push(w);
      }
    }
  }

  /** The most frequent known word one edit from `word` (ties: alphabetical), or `undefined`. */
  correct(word: string): string | undefined {
    let best: string | undefined;
    let bestCount = 0;
    for (const key of [word, ...deletions(word)]) {
      for (const w of this.#byKey.get(key) ?? []) {
        if (w === word || !oneInnerEdit(word, w)) continue;
        const n = this.#count.get(w) ?? 0;
        if (n > bestCount || (n === bestCount && best !== undefined && w < best)) {
          best = w;
          bestCount = n;
        }
      }
    }
    return best;
  }
}

/** The words of a text a spelling index learns from: lower-case runs of letters (`snake_case` and `camelCase` split). */
export function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

/**
 * `query` with each unknown word of at least `MIN_TYPO_LENGTH` letters replaced by its
 * correction; `known(word)` tells whether the ranker already understands a lower-case word.
 */
export function repairTypos(query: string, index: Pick<SpellingIndex, 'correct'>, known: (word: string) => boolean): string {
  return query.replace(/[A-Za-z]+/g, (raw) => {
    if (raw.length < MIN_TYPO_LENGTH) return raw;
    const word = raw.toLowerCase();
    if (known(word)) return raw;
    return index.correct(word) ?? raw;
  });
}
