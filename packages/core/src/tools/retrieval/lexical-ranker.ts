/**
 * `lexicalRanker()`: BM25 over tool names (weighted most), descriptions and input-schema
 * property names and descriptions. Per-tool term counts are cached by tool object, and the
 * index is rebuilt only when the list of tools changes, so a step's ranking only scores the
 * query's terms.
 */
import type { Tool } from '../types.js';
import { Bm25Index, countTerms, type TermCounts, type WeightedField } from './bm25.js';
import type { RankedTool, ToolRanker } from './types.js';
import { queryExpander } from './synonyms.js';

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
          { text: tool.name.slice(cut + 2), weight: NAME_WEIGHT },
          { text: tool.name.slice(0, cut), weight: MODULE_WEIGHT },
        ]
      : [{ text: tool.name, weight: NAME_WEIGHT }];
  fields.push({ text: tool.description ?? '', weight: DESCRIPTION_WEIGHT });
  const props = (tool.parameters as { properties?: Record<string, { description?: unknown }> } | undefined)?.properties;
  if (props && typeof props === 'object') {
    for (const [key, value] of Object.entries(props)) {
      fields.push({ text: key, weight: PROPERTY_WEIGHT });
      if (value && typeof value.description === 'string') fields.push({ text: value.description, weight: PROPERTY_WEIGHT });
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

/** Term counts per tool object, shared by every ranker (a tool object's text never changes; sources make new objects on change). */
const TERMS = new WeakMap<Tool, TermCounts>();

/** Options of {@link lexicalRanker}. */
export interface LexicalRankerOptions {
  /** Extra groups of words that mean the same to your users (added to the built-in `SYNONYM_GROUPS`). */
  synonyms?: ReadonlyArray<readonly string[]>;
}

/** A BM25 ranker whose index follows the tool list it is given. */
export class LexicalRanker implements ToolRanker {
  readonly id = 'bm25';
  readonly #expand: (query: string) => Map<string, number>;

  constructor(options: LexicalRankerOptions = {}) {
    this.#expand = queryExpander(options.synonyms);
  }
  #tools: readonly Tool[] = [];
  #index: Bm25Index = new Bm25Index([]);

  /** Ranks `tools` for `query` (rebuilding the index first when the list differs from the last call's). */
  rank(query: string, tools: readonly Tool[], limit: number): RankedTool[] {
    this.#sync(tools);
    return this.#index.search(this.#expand(query), limit).map(([i, score]) => ({ name: this.#tools[i].name, score }));
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
  }
}

/** The default ranker: local BM25, no model, no network. */
export function lexicalRanker(options: LexicalRankerOptions = {}): LexicalRanker {
  return new LexicalRanker(options);
}
