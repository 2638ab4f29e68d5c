/**
 * Which synonym groups ("concepts") a text mentions. A one-word entry is mentioned by its word;
 * a phrase entry ("heart rate", "stock level", "gas station") only where its words occur in a
 * row — so "exchange rate" does not mention heart rates, nor "stock price" inventory. A phrase
 * that tokenizes to fewer than two words ("who was": "was" is a stop word) is matched on the
 * raw text instead ({@link ConceptMatcher.matchText}).
 */
import { tokenize } from './tokenize.js';

/** Finds the groups a token sequence mentions (built once from the groups). */
export class ConceptMatcher {
  /** Per group: the distinct tokens of all its entries (what a mention expands to). */
  readonly terms: string[][];
  /** One-word entry token → groups. */
  readonly #single = new Map<string, number[]>();
  /** First token of a phrase → [phrase tokens, group]. */
  readonly #phrases = new Map<string, Array<[readonly string[], number]>>();
  /** Phrases of mostly stop words ("who was", "look for"), as whole-word patterns of the raw text → group. */
  readonly #raw: Array<[RegExp, number]> = [];

  constructor(groups: ReadonlyArray<readonly string[]>) {
    this.terms = groups.map((group, g) => {
      const terms = new Set<string>();
      for (const entry of group) {
        const tokens = tokenize(entry);
        const phrase = /[\s-]/.test(entry.trim());
        if (phrase && tokens.length < 2) {
          const words = entry
            .toLowerCase()
            .trim()
            .split(/[\s-]+/)
            .map((w) => w.replace(/[^a-z0-9]/g, ''));
          this.#raw.push([new RegExp(`\\b${words.join('[\\s-]+')}\\b`), g]);
          for (const t of tokens) terms.add(t);
          continue;
        }
        for (const t of tokens) terms.add(t);
        if (!phrase) {
          for (const t of new Set(tokens)) push(this.#single, t, g);
        } else push(this.#phrases, tokens[0], [tokens, g] as [readonly string[], number]);
      }
      return [...terms];
    });
  }

  /**
   * Groups mentioned by `tokens`, with how often each is mentioned. A word inside a phrase that
   * is mentioned ("down" in "jot down", "rate" in "heart rate") does not mention its own
   * one-word groups: the phrase says what it means.
   */
  match(tokens: readonly string[]): Map<number, number> {
    const found = new Map<number, number>();
    const inPhrase = new Uint8Array(tokens.length);
    tokens.forEach((t, i) => {
      for (const [phrase, g] of this.#phrases.get(t) ?? []) {
        let k = 1;
        while (k < phrase.length && tokens[i + k] === phrase[k]) k++;
        if (k === phrase.length) {
          found.set(g, (found.get(g) ?? 0) + 1);
          inPhrase.fill(1, i, i + k);
        }
      }
    });
    tokens.forEach((t, i) => {
      if (inPhrase[i]) return;
      for (const g of this.#single.get(t) ?? []) found.set(g, (found.get(g) ?? 0) + 1);
    });
    return found;
  }

  /** Groups whose stop-word phrases ("who was", "look for") occur in `text` as whole words. */
  matchText(text: string): number[] {
    if (!this.#raw.length) return [];
    const lower = text.toLowerCase();
    return this.#raw.filter(([re]) => re.test(lower)).map(([, g]) => g);
  }
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
