/**
 * Interned index terms, words and field texts: each term and each distinct field text an
 * integer id, each text read once (near-duplicate tools repeat most of their texts: "City
 * name") with one lookup per word, and each distinct word knowing its terms and the texts it
 * occurs in. A BM25 index then needs no pass over every term of every tool: it looks up a
 * term's words, and their texts, when a request first uses the term. One vocabulary
 * serves every index until it holds `MAX_VOCABULARY_TERMS` terms or `MAX_VOCABULARY_TEXTS`
 * texts; the next index build then starts a new one (an index keeps the one it was built with).
 */
import { termsOfWord, wordsOf } from './tokenize.js';

/** Terms a vocabulary takes before the next index build starts a new one. */
export const MAX_VOCABULARY_TERMS = 200_000;
/** Field texts a vocabulary takes before the next index build starts a new one. */
export const MAX_VOCABULARY_TEXTS = 50_000;

/** One field text as an index reads it. */
export interface TextTerms {
  /** The text's id. */
  readonly id: number;
  /** Its tokens (a field's length counts tokens only, not surface keys). */
  readonly length: number;
}

/** One distinct word: its term ids and the texts it occurs in. */
export interface WordEntry {
  /** Its token ids (stem, then what it abbreviates), then its surface key's id. */
  readonly terms: readonly number[];
  /** Its tokens. */
  readonly length: number;
  /** Ids of the texts it occurs in, once per occurrence. */
  readonly texts: number[];
}

/** Term ↔ id, text → length, term → words → texts. */
export class Vocabulary {
  readonly #ids = new Map<string, number>();
  readonly #texts = new Map<string, TextTerms>();
  /** Per word (`null`: a word that adds no term). */
  readonly #words = new Map<string, WordEntry | null>();
  /** Per term id: the words that add it. */
  readonly #wordsOf: WordEntry[][] = [];

  /** How many terms have ids. */
  get size(): number {
    return this.#ids.size;
  }

  /** How many texts have ids. */
  get texts(): number {
    return this.#texts.size;
  }

  /** The id of a term, or `undefined` when no indexed text holds `term`. */
  find(term: string): number | undefined {
    return this.#ids.get(term);
  }

  /** The words that add term `id`. */
  wordsWith(id: number): readonly WordEntry[] {
    return this.#wordsOf[id] ?? [];
  }

  #intern(term: string): number {
    let id = this.#ids.get(term);
    if (id === undefined) {
      this.#ids.set(term, (id = this.#ids.size));
      this.#wordsOf.push([]);
    }
    return id;
  }

  /** A field text's id and length (cached by text); its words learn that it holds them. */
  textTerms(text: string): TextTerms {
    let hit = this.#texts.get(text);
    if (hit) return hit;
    const id = this.#texts.size;
    const words = wordsOf(text);
    let length = 0;
    // one lookup and one push per word: this runs over every word of every tool once, mostly before the JIT has warmed up
    for (let i = 0; i < words.length; i++) {
      const w = this.#word(words[i]);
      if (w === null) continue;
      length += w.length;
      w.texts.push(id);
    }
    hit = { id, length };
    this.#texts.set(text, hit);
    return hit;
  }

  #word(raw: string): WordEntry | null {
    let w = this.#words.get(raw);
    if (w === undefined) {
      const terms = termsOfWord(raw);
      w = null;
      if (terms) {
        const ids = [...terms.tokens.map((t) => this.#intern(t)), this.#intern(terms.surface)];
        w = { terms: ids, length: terms.tokens.length, texts: [] };
        for (const t of new Set(ids)) this.#wordsOf[t].push(w);
      }
      this.#words.set(raw, w);
    }
    return w;
  }
}

let current = new Vocabulary();

/** The vocabulary a new index is built with (a new one once the current is full). */
export function vocabularyForBuild(): Vocabulary {
  if (current.size >= MAX_VOCABULARY_TERMS || current.texts >= MAX_VOCABULARY_TEXTS) current = new Vocabulary();
  return current;
}
