/**
 * `lexicalRanker()`: BM25F over tool names (weighted most), module names, descriptions and
 * input-schema property names and descriptions, each field kind length-normalised on its own;
 * the query is expanded by synonym groups and by words its tokens' shapes imply (`entities.ts`).
 * Per-tool term counts are cached by tool object, and the index is rebuilt only when the list
 * of tools changes, so a step's ranking only scores the query's terms.
 */
import type { Tool } from '../types.js';
import { Bm25Index, countTerms, type TermCounts, type WeightedField } from './bm25.js';
import type { RankedTool, ToolRanker } from './types.js';
import { queryExpander, SYNONYM_GROUPS } from './synonyms.js';
import { repairTypos, SpellingIndex, wordsOf } from './spelling.js';
import { splitCues } from './cues.js';
import { stem, SURFACE_MARK, tokenize } from './tokenize.js';
import { impliedWords } from './entities.js';
import { IMPLIED_WEIGHT, SYNONYM_WEIGHT } from '../../defaults.js';
import { DEFAULT_SIBLING_FACTOR } from '../../defaults.js';
import { interleaveParts, queryParts } from './fusion.js';
import { MAX_SIBLINGS } from '../../defaults.js';
import { OPERATION_MISMATCH_FACTOR } from '../../defaults.js';
import { requestMode, toolMode, type OperationMode } from './operations.js';

/** Tools of the whole query's ranking per round of a multi-intent interleave (each part gets one). */
const WHOLE_SHARE = 1;

/** Weight of a term in a tool's name. */
const NAME_WEIGHT = 3;
/** Weight of a term in the module part of a `module__tool` name. */
const MODULE_WEIGHT = 1.5;
/** Weight of a term in a tool's description. */
const DESCRIPTION_WEIGHT = 1;
/** Weight of a term in a schema property name or description. */
const PROPERTY_WEIGHT = 0.5;

/** The weighted fields of a tool (name, description, property names and their descriptions). */
export function toolFields(tool: Tool): WeightedField[] {
  // `module__tool` (how Graft names module tools): the tool part says what it does, the module part who does it
  const cut = tool.name.indexOf('__');
  const fields: WeightedField[] =
    cut > 0
      ? [
          { text: tool.name.slice(cut + 2), weight: NAME_WEIGHT, kind: 'name' },
          { text: tool.name.slice(0, cut), weight: MODULE_WEIGHT, kind: 'module' },
        ]
      : [{ text: tool.name, weight: NAME_WEIGHT, kind: 'name' }];
  fields.push({ text: tool.description ?? '', weight: DESCRIPTION_WEIGHT, kind: 'description' });
  const props = (tool.parameters as { properties?: Record<string, { description?: unknown }> } | undefined)?.properties;
  if (props && typeof props === 'object') {
    for (const [key, value] of Object.entries(props)) {
      fields.push({ text: key, weight: PROPERTY_WEIGHT, kind: 'property' });
      if (value && typeof value.description === 'string') fields.push({ text: value.description, weight: PROPERTY_WEIGHT, kind: 'property' });
    }
  }
  return fields;
}

/** The text a tool is matched on, as one string (for embedding rankers). */
export function toolText(tool: Tool): string {
  return toolFields(tool)
    .map((f) => f.text)
    .join('\n');
}

/** Whether an expansion holds more than the word's own stem and surface key (a synonym group knows it). */
function expandsBeyondItself(terms: ReadonlyMap<string, number>): boolean {
  let n = 0;
  for (const t of terms.keys()) if (!t.startsWith(SURFACE_MARK)) n++;
  return n > 1;
}

/** Term counts per tool object, shared by every ranker (a tool object's text never changes; sources make new objects on change). */
const TERMS = new WeakMap<Tool, TermCounts>();

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
  #tools: readonly Tool[] = [];
  #index: Bm25Index = new Bm25Index([]);
  /** Tools doing the same thing in different modules (`a__forecast`, `b__get_forecast`), by doc index. */
  #siblings: Array<readonly number[] | undefined> = [];
  /** Groups of the lexicon (built-in and the app's): words the ranker understands beyond the tools'. */
  readonly #groups: ReadonlyArray<readonly string[]>;
  /** Known words for typo repair (tools' and lexicon's), built on the first unknown word after a tool-list change. */
  #spelling: SpellingIndex | undefined;
  /** Stems of the lexicon's words (built once). */
  #lexiconStems: Set<string> | undefined;
  /** Each tool's operation mode (`create_event` writes, `list_events` reads), by doc index. */
  #modes: Array<OperationMode | undefined> = [];

  constructor(options: LexicalRankerOptions = {}) {
    this.#expand = queryExpander(options.synonyms);
    this.#groups = [...SYNONYM_GROUPS, ...(options.synonyms ?? [])];
    this.#siblingFactor = options.siblingFactor ?? DEFAULT_SIBLING_FACTOR;
  }

  /**
   * Ranks `tools` for `query` (rebuilding the index first when the list differs from the last
   * call's). A multi-intent query ("…, then …") also ranks each part on its own, interleaved
   * with the whole query's ranking so each part's tools reach the top.
   */
  rank(query: string, tools: readonly Tool[], limit: number): RankedTool[] {
    this.#sync(tools);
    query = repairTypos(query, { correct: (w) => this.#spellingIndex().correct(w) }, (w) => this.#knows(w));
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
    for (const w of impliedWords(query, (word) => this.#index.has(stem(word)) || expandsBeyondItself(this.#expand(word))))
      for (const t of tokenize(w)) if (!terms.has(t)) terms.set(t, IMPLIED_WEIGHT);
    const hits = this.#index.search(terms, limit * 3, this.#cueTerms(query, terms));
    // sibling operations share their words: the request's mode (look up vs change) tells them apart
    const mode = useMode ? requestMode(query) : undefined;
    if (mode && mode !== 'neutral') {
      for (const h of hits) {
        const m = (this.#modes[h[0]] ??= toolMode(this.#tools[h[0]].name));
        if (m !== mode && m !== 'neutral') h[1] *= OPERATION_MISMATCH_FACTOR;
      }
      hits.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    }
    if (this.#siblingFactor <= 0) return hits.slice(0, limit).map(([i, score]) => ({ name: this.#tools[i].name, score }));
    // near-duplicates: a module's tool that matches lifts the same tool of the other modules
    // just below it, so the model can choose among providers
    const scores = new Map<number, number>(hits);
    for (const [i, score] of hits) {
      for (const j of this.#siblings[i] ?? []) {
        const lifted = score * this.#siblingFactor;
        if ((scores.get(j) ?? 0) < lifted) scores.set(j, lifted);
      }
    }
    return [...scores]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([i, score]) => ({ name: this.#tools[i].name, score }));
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

  /** Whether a lower-case word is a stop word, or a word of some tool or of the lexicon. */
  #knows(word: string): boolean {
    const tokens = tokenize(word);
    if (!tokens.length || tokens.some((t) => this.#index.has(t))) return true;
    // the lexicon's stems only when no tool has the word (stemming the lexicon costs milliseconds)
    const stems = (this.#lexiconStems ??= new Set(this.#groups.flatMap((g) => g.flatMap((e) => tokenize(e)))));
    return tokens.some((t) => stems.has(t));
  }

  #spellingIndex(): SpellingIndex {
    if (!this.#spelling) {
      // distinct texts only: near-duplicate tools repeat most of theirs ("City name")
      const texts = new Set<string>();
      for (const t of this.#tools) for (const f of toolFields(t)) texts.add(f.text);
      for (const g of this.#groups) for (const e of g) texts.add(e);
      const words: string[] = [];
      for (const text of texts) for (const w of wordsOf(text)) words.push(w);
      this.#spelling = new SpellingIndex(words);
    }
    return this.#spelling;
  }

  #sync(tools: readonly Tool[]): void {
    if (tools === this.#tools) return;
    if (tools.length === this.#tools.length) {
      let same = true;
      for (let i = 0; i < tools.length && same; i++) same = tools[i] === this.#tools[i];
      if (same) {
        this.#tools = tools;
        return;
      }
    }
    const docs: TermCounts[] = [];
    for (const t of tools) {
      let c = TERMS.get(t);
      if (!c) TERMS.set(t, (c = countTerms(toolFields(t))));
      docs.push(c);
    }
    this.#tools = tools;
    this.#index = new Bm25Index(docs);
    this.#spelling = undefined;
    this.#modes = new Array(tools.length);
    const groups = new Map<string, number[]>();
    tools.forEach((t, i) => {
      const cut = t.name.indexOf('__');
      if (cut <= 0) return;
      const key = tokenize(t.name.slice(cut + 2)).join(' ');
      if (!key) return;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = []));
      g.push(i);
    });
    this.#siblings = new Array(tools.length);
    for (const g of groups.values()) if (g.length > 1 && g.length <= MAX_SIBLINGS) for (const i of g) this.#siblings[i] = g.filter((j) => j !== i);
  }
}

/** The default ranker: local BM25, no model, no network. */
export function lexicalRanker(options: LexicalRankerOptions = {}): LexicalRanker {
  return new LexicalRanker(options);
}
