/**
 * What the lexical ranker knows of one list of tools: the BM25 index of their fields, which
 * tools are siblings (the same operation in different modules), and, built on first use, each
 * tool's operation mode and the typo-repair index. Built once per list and shared by every
 * ranker given the same tools (same objects, same order): a second agent on the same registry
 * or module source starts without building it again. The last `SHARED_TOOL_INDEXES` lists are
 * kept.
 */
import type { Tool } from '../types.js';
import { Bm25Index, docFields, type DocFields } from './bm25.js';
import { toolFields } from './tool-fields.js';
import { SpellingIndex, wordsOf } from './spelling.js';
import { tokenize } from './tokenize.js';
import { toolMode, type OperationMode } from './operations.js';
import { toolTenses, type Tense } from './tense.js';
import { vocabularyForBuild } from './vocabulary.js';
import { MAX_SIBLINGS } from '../../defaults.js';

/** Tool lists whose index is kept for other rankers (most recent first). */
export const SHARED_TOOL_INDEXES = 4;

/** Fields per tool object, as indexes read them (a tool object's text never changes; sources make new objects on change). */
const FIELDS = new WeakMap<Tool, DocFields>();

/** Recently built indexes, most recent first. */
const recent: ToolIndex[] = [];

/** The index of one tool list (see the module comment). */
export class ToolIndex {
  /** The tools, in the order of the index's documents. */
  readonly tools: readonly Tool[];
  /** BM25 over the tools' fields. */
  readonly bm25: Bm25Index;
  /** Tools doing the same thing in different modules (`a__forecast`, `b__get_forecast`), by doc index. */
  readonly siblings: ReadonlyArray<readonly number[] | undefined>;
  readonly #modes: Array<OperationMode | undefined>;
  readonly #tenses: Array<ReadonlySet<Tense> | undefined>;
  readonly #spelling = new WeakMap<ReadonlyArray<readonly string[]>, SpellingIndex>();

  /** Index `tools` (copied: the caller may change its array). */
  constructor(tools: readonly Tool[]) {
    this.tools = [...tools];
    const vocabulary = vocabularyForBuild();
    const docs: DocFields[] = [];
    for (const t of this.tools) {
      let c = FIELDS.get(t);
      if (!c || c.vocabulary !== vocabulary) FIELDS.set(t, (c = docFields(toolFields(t), vocabulary)));
      docs.push(c);
    }
    this.bm25 = new Bm25Index(docs, vocabulary);
    this.#modes = new Array(tools.length);
    this.#tenses = new Array(tools.length);
    const groups = new Map<string, number[]>();
    // modules repeat operation names (`forecast`, `search`): each distinct one tokenized once
    const keys = new Map<string, string>();
    this.tools.forEach((t, i) => {
      const cut = t.name.indexOf('__');
      if (cut <= 0) return;
      const op = t.name.slice(cut + 2);
      let key = keys.get(op);
      if (key === undefined) keys.set(op, (key = tokenize(op).join(' ')));
      if (!key) return;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = []));
      g.push(i);
    });
    const siblings = new Array<readonly number[] | undefined>(tools.length);
    for (const g of groups.values()) if (g.length > 1 && g.length <= MAX_SIBLINGS) for (const i of g) siblings[i] = g.filter((j) => j !== i);
    this.siblings = siblings;
  }

  /** The operation mode of tool `i` (from its name; computed on first use). */
  mode(i: number): OperationMode {
    return (this.#modes[i] ??= toolMode(this.tools[i].name));
  }

  /**
   * The tenses of tool `i`'s operation (see `tense.ts`): what its name and description, and those
   * of its siblings in other modules, speak of ("Live departures" and "Next departures" are one
   * operation). Computed on first use.
   */
  tenses(i: number): ReadonlySet<Tense> {
    let t = this.#tenses[i];
    if (!t) {
      const all = new Set(toolTenses(this.tools[i].name, this.tools[i].description));
      for (const j of this.siblings[i] ?? []) for (const x of toolTenses(this.tools[j].name, this.tools[j].description)) all.add(x);
      this.#tenses[i] = t = all;
    }
    return t;
  }

  /** Known words for typo repair: the tools' words and those of the lexicon `groups` (built on first use per lexicon). */
  spelling(groups: ReadonlyArray<readonly string[]>): SpellingIndex {
    let index = this.#spelling.get(groups);
    if (!index) {
      // distinct texts only: near-duplicate tools repeat most of theirs ("City name")
      const texts = new Set<string>();
      for (const t of this.tools) for (const f of toolFields(t)) texts.add(f.text);
      for (const g of groups) for (const e of g) texts.add(e);
      const words: string[] = [];
      for (const text of texts) for (const w of wordsOf(text)) words.push(w);
      this.#spelling.set(groups, (index = new SpellingIndex(words)));
    }
    return index;
  }
}

function sameTools(a: readonly Tool[], b: readonly Tool[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The index of `tools`: `previous` (a ranker's last) or a recent one when of the same tools, else a new one. */
export function toolIndex(tools: readonly Tool[], previous?: ToolIndex): ToolIndex {
  if (previous && sameTools(previous.tools, tools)) return previous;
  const at = recent.findIndex((x) => sameTools(x.tools, tools));
  const index = at >= 0 ? recent.splice(at, 1)[0] : new ToolIndex(tools);
  recent.unshift(index);
  if (recent.length > SHARED_TOOL_INDEXES) recent.length = SHARED_TOOL_INDEXES;
  return index;
}
