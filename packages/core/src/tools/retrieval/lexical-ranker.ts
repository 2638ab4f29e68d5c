/**
 * `lexicalRanker()`: BM25F over tool names (weighted most), module names, descriptions and
 * input-schema property names and descriptions, each field kind length-normalised on its own;
 * the query is expanded by synonym groups and by words its tokens' shapes imply (`entities.ts`).
 * The index (`tool-index.ts`) is built once per tool list and shared by every ranker given the
 * same tools; a term's postings are computed when a request first uses it, so a step's ranking
 * only scores the query's terms.
 */
import type { Tool } from '../types.js';
export { toolFields, toolText } from './tool-fields.js';
import { toolIndex, ToolIndex } from './tool-index.js';
import type { RankedTool, ToolRanker } from './types.js';
import { queryExpander, SYNONYM_GROUPS } from './synonyms.js';
import { repairTypos } from './spelling.js';
import { splitCues } from './cues.js';
import { stem, SURFACE_MARK, tokenize } from './tokenize.js';
import { impliedWords } from './entities.js';
import { IMPLIED_WEIGHT, SYNONYM_WEIGHT } from '../../defaults.js';
import { DEFAULT_SIBLING_FACTOR } from '../../defaults.js';
import { interleaveParts, queryParts } from './fusion.js';
import { COORDINATION_POWER, OPERATION_MISMATCH_FACTOR, TENSE_MISMATCH_FACTOR } from '../../defaults.js';
import { requestMode } from './operations.js';
import { requestTense } from './tense.js';
import { coordinate } from './coordination.js';

/** What separates a request's words for coordination (an apostrophe stays inside a word). */
const WORD_BREAK = /[^a-z0-9'’]+/;

/** Request words whose expansion a ranker keeps (cleared when full). */
const WORD_TERMS_CACHE = 5_000;

/** Tools of the whole query's ranking per round of a multi-intent interleave (each part gets one). */
const WHOLE_SHARE = 1;

/** Whether an expansion holds more than the word's own stem and surface key (a synonym group knows it). */
function expandsBeyondItself(terms: ReadonlyMap<string, number>): boolean {
  let n = 0;
  for (const t of terms.keys()) if (!t.startsWith(SURFACE_MARK)) n++;
  return n > 1;
}

/** The index of no tools (a ranker before its first call). */
const EMPTY = new ToolIndex([]);

/** Stems of a lexicon's words, per lexicon (built when a request has a word no tool knows). */
const LEXICON_STEMS = new WeakMap<ReadonlyArray<readonly string[]>, Set<string>>();

/** Options of {@link lexicalRanker}. */
export interface LexicalRankerOptions {
  /** Extra groups of words that mean the same to your users (added to the built-in `SYNONYM_GROUPS`). */
  synonyms?: ReadonlyArray<readonly string[]>;
  /**
   * Share of a matching tool's score given to the same-named tools of other modules
   * (`weather_a__forecast` lifts `weather_b__get_forecast`); 0 turns it off. Default `DEFAULT_SIBLING_FACTOR`.
   */
  siblingFactor?: number;
}

/** A BM25 ranker whose index follows the tool list it is given. */
export class LexicalRanker implements ToolRanker {
  readonly id = 'bm25';
  readonly #expand: (query: string) => Map<string, number>;

  readonly #siblingFactor: number;
  /** Each request word's own expansion terms (coordination's concepts), bounded by `WORD_TERMS_CACHE`. */
  readonly #wordTerms = new Map<string, string[]>();
  /** The tool list of the last call (its array: the same array skips every check). */
  #tools: readonly Tool[] = [];
  /** The index of those tools (shared with other rankers of the same tools). */
  #index: ToolIndex = EMPTY;
  /** Groups of the lexicon (built-in and the app's): words the ranker understands beyond the tools'. */
  readonly #groups: ReadonlyArray<readonly string[]>;

  constructor(options: LexicalRankerOptions = {}) {
    this.#expand = queryExpander(options.synonyms);
    // the built-in lexicon itself when the app adds none: indexes built from it are shared
    this.#groups = options.synonyms?.length ? [...SYNONYM_GROUPS, ...options.synonyms] : SYNONYM_GROUPS;
    this.#siblingFactor = options.siblingFactor ?? DEFAULT_SIBLING_FACTOR;
  }

  /**
   * Ranks `tools` for `query` (rebuilding the index first when the list differs from the last
   * call's). A multi-intent query ("…, then …") also ranks each part on its own, interleaved
   * with the whole query's ranking so each part's tools reach the top.
   */
  rank(query: string, tools: readonly Tool[], limit: number): RankedTool[] {
    this.#sync(tools);
    query = repairTypos(query, { correct: (w) => this.#index.spelling(this.#groups).correct(w) }, (w) => this.#knows(w));
    const parts = queryParts(query);
    // the whole of a multi-intent query has no one mode: only its parts are ranked with theirs
    const whole = this.#rankOne(query, limit, !parts.length);
    if (!parts.length) return whole;
    return interleaveParts(
      whole,
      parts.map((p) => this.#rankOne(p, limit, true)),
      limit,
      WHOLE_SHARE,
    );
  }

  #rankOne(query: string, limit: number, useMode: boolean): RankedTool[] {
    const terms = this.#expand(query);
    for (const w of impliedWords(query, (word) => this.#index.bm25.has(stem(word)) || expandsBeyondItself(this.#expand(word))))
      for (const t of tokenize(w)) if (!terms.has(t)) terms.set(t, IMPLIED_WEIGHT);
    const cue = this.#cueTerms(query, terms);
    const hits = this.#index.bm25.search(terms, limit * 3, cue);
    // sibling operations share their words: the request's mode (look up vs change) tells them apart
    const mode = useMode ? requestMode(query) : undefined;
    if (mode && mode !== 'neutral') {
      for (const h of hits) {
        const m = this.#index.mode(h[0]);
        if (m !== mode && m !== 'neutral') h[1] *= OPERATION_MISMATCH_FACTOR;
      }
    }
    // a tool matching more of the request's words beats one matching one word strongly
    coordinate(this.#index.bm25, hits, this.#concepts(query, terms, cue), COORDINATION_POWER);
    // sibling operations also differ in when they look (forecast, current, history)
    const tense = useMode ? requestTense(query) : undefined;
    if (tense) {
      for (const h of hits) {
        const ts = this.#index.tenses(h[0]);
        if (ts.size && !ts.has(tense)) h[1] *= TENSE_MISMATCH_FACTOR;
      }
    }
    hits.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    if (this.#siblingFactor <= 0) return hits.slice(0, limit).map(([i, score]) => ({ name: this.#index.tools[i].name, score }));
    // near-duplicates: a module's tool that matches lifts the same tool of the other modules
    // just below it, so the model can choose among providers
    const scores = new Map<number, number>(hits);
    for (const [i, score] of hits) {
      for (const j of this.#index.siblings[i] ?? []) {
        const lifted = score * this.#siblingFactor;
        if ((scores.get(j) ?? 0) < lifted) scores.set(j, lifted);
      }
    }
    return [...scores]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([i, score]) => ({ name: this.#index.tools[i].name, score }));
  }

  /**
   * The terms of `terms` that only time cues bring (a cue word, or what its groups add on their
   * own; not a phrase around it): they may only add to tools the other terms match. Adds the
   * terms of cues the query implies by shape (a past year).
   */
  #cueTerms(query: string, terms: Map<string, number>): Set<string> | undefined {
    const { what, cues } = splitCues(query);
    if (!cues.length) return undefined;
    const content = this.#expand(what);
    const alone = this.#expand(cues.join(' , '));
    const out = new Set<string>();
    for (const t of terms.keys()) if (!content.has(t) && alone.has(t)) out.add(t);
    // a cue the query implies without its word ("2019" → past) adds its terms at expansion weight
    for (const t of alone.keys())
      if (!terms.has(t)) {
        terms.set(t, SYNONYM_WEIGHT);
        out.add(t);
      }
    return out.size ? out : undefined;
  }

  /**
   * The request's concepts for coordination: per distinct content word (time cues aside) its own
   * expansion's terms, then the terms of `terms` no single word adds (phrases, token shapes),
   * cue terms aside.
   */
  #concepts(query: string, terms: ReadonlyMap<string, number>, cue: ReadonlySet<string> | undefined): string[][] {
    const concepts: string[][] = [];
    const seen = new Set<string>();
    for (const w of new Set(splitCues(query).what.toLowerCase().split(WORD_BREAK))) {
      if (!w) continue;
      let own = this.#wordTerms.get(w);
      if (!own) {
        if (this.#wordTerms.size >= WORD_TERMS_CACHE) this.#wordTerms.clear();
        this.#wordTerms.set(w, (own = [...this.#expand(w).keys()]));
      }
      if (!own.length) continue;
      concepts.push(own);
      for (const t of own) seen.add(t);
    }
    const rest = [...terms.keys()].filter((t) => !seen.has(t) && !cue?.has(t));
    if (rest.length) concepts.push(rest);
    return concepts;
  }

  /** Whether a lower-case word is a stop word, or a word of some tool or of the lexicon. */
  #knows(word: string): boolean {
    const tokens = tokenize(word);
    if (!tokens.length || tokens.some((t) => this.#index.bm25.has(t))) return true;
    // the lexicon's stems only when no tool has the word (stemming the lexicon costs milliseconds)
    let stems = LEXICON_STEMS.get(this.#groups);
    if (!stems) LEXICON_STEMS.set(this.#groups, (stems = new Set(this.#groups.flatMap((g) => g.flatMap((e) => tokenize(e))))));
    return tokens.some((t) => stems.has(t));
  }

  #sync(tools: readonly Tool[]): void {
    if (tools === this.#tools) return;
    this.#tools = tools;
    this.#index = toolIndex(tools, this.#index);
  }
}

/** The default ranker: local BM25, no model, no network. */
export function lexicalRanker(options: LexicalRankerOptions = {}): LexicalRanker {
  return new LexicalRanker(options);
}
