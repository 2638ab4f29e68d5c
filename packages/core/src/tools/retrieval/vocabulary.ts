/**
 * Interned index terms: each term an integer id, so a BM25 index is built and searched with
 * typed arrays instead of a map per document. Field texts are tokenized once per vocabulary
 * (near-duplicate tools repeat most of theirs: "City name"). One vocabulary serves every index
 * until it holds `MAX_VOCABULARY_TERMS` terms; the next index build then starts a new one (an
 * index keeps the vocabulary it was built with).
 */
import { termsOfWord, wordsOf } from './tokenize.js';

/** Terms a vocabulary takes before the next index build starts a new one. */
export const MAX_VOCABULARY_TERMS = 200_000;
/** Field texts whose term ids a vocabulary keeps (the cache is emptied when full). */
const MAX_CACHED_TEXTS = 50_000;

/** The index terms of one field text, as ids. */
export interface TextTerms {
  /** Token ids, then surface-key ids. */
  readonly ids: Int32Array;
  /** How many of `ids` are tokens (a field's length counts tokens only). */
  readonly length: number;
}

/** The term ids of one word. */
interface WordIds {
  readonly tokens: readonly number[];
  readonly surface: number;
}

/** Term ↔ id. */
export class Vocabulary {
  readonly #ids = new Map<string, number>();
  readonly #texts = new Map<string, TextTerms>();
  /** Term ids per word (`null`: a word that adds none). */
  readonly #words = new Map<string, WordIds | null>();

  /** How many terms have ids. */
  get size(): number {
    return this.#ids.size;
  }

  /** The id of a term, or `undefined` when no index term was ever `term`. */
  find(term: string): number | undefined {
    return this.#ids.get(term);
  }

  /** The id of a term (a new one for a new term). */
  intern(term: string): number {
    let id = this.#ids.get(term);
    if (id === undefined) this.#ids.set(term, (id = this.#ids.size));
    return id;
  }

  /** Tokens and surface keys of a field text, as ids (cached by text): what `tokenizeWithSurface` gives, interned. */
  textTerms(text: string): TextTerms {
    let hit = this.#texts.get(text);
    if (hit) return hit;
    const words = wordsOf(text);
    const entries: WordIds[] = [];
    let length = 0;
    // indexed loops, no iterators: this runs over every word of every tool once, mostly before the JIT has warmed up
    for (let i = 0; i < words.length; i++) {
      const w = this.#word(words[i]);
      if (w === null) continue;
      entries.push(w);
      length += w.tokens.length;
    }
    const ids = new Int32Array(length + entries.length);
    let at = 0;
    for (let i = 0; i < entries.length; i++) {
      const t = entries[i].tokens;
      for (let j = 0; j < t.length; j++) ids[at++] = t[j];
    }
    for (let i = 0; i < entries.length; i++) ids[at++] = entries[i].surface;
    hit = { ids, length };
    if (this.#texts.size >= MAX_CACHED_TEXTS) this.#texts.clear();
    this.#texts.set(text, hit);
    return hit;
  }

  #word(raw: string): WordIds | null {
    let w = this.#words.get(raw);
    if (w === undefined) {
      const terms = termsOfWord(raw);
      w = terms && { tokens: terms.tokens.map((t) => this.intern(t)), surface: this.intern(terms.surface) };
      this.#words.set(raw, w);
    }
    return w;
  }
}

let current = new Vocabulary();

/** The vocabulary a new index is built with (a new one once the current holds `MAX_VOCABULARY_TERMS` terms). */
export function vocabularyForBuild(): Vocabulary {
  if (current.size >= MAX_VOCABULARY_TERMS) current = new Vocabulary();
  return current;
}
