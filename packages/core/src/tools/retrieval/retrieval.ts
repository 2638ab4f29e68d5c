/**
 * `ToolRetrieval`: picks the tools one model step offers. With more tools than `threshold`, a
 * step gets the always-on tools, the tools this thread already called or found with
 * `search_tools` (most recent first, bounded), the `maxTools` best-ranked tools for the recent
 * user messages, and `search_tools` itself. With fewer, every tool is sent as before.
 */
import type { Message, ToolSpec } from '@graft/providers';
import type { Tool } from '../types.js';
import type { ToolSnapshot } from '../registry.js';
import { DEFAULT_MAX_KEPT_TOOLS, DEFAULT_RETRIEVAL_QUERY_MESSAGES, DEFAULT_RETRIEVAL_THRESHOLD, DEFAULT_RETRIEVED_TOOLS } from '../../defaults.js';
import { ToolDefinitionError } from '../../errors.js';
import { lexicalRanker } from './lexical-ranker.js';
import { SEARCH_TOOLS_NAME, createSearchTool, namesInSearchResult, specOf } from './search-tool.js';
import type { RankedTool, ToolRanker, ToolRetrievalOptions } from './types.js';
import type { LexicalRanker } from './lexical-ranker.js';

/** What one step offers. */
export interface ToolSelection {
  /** Specs to send, in order: search_tools, always-on, kept, ranked. */
  specs: ToolSpec[];
  /** Whether retrieval narrowed the list (false: every tool was sent). */
  narrowed: boolean;
  /** How many tools were available in all. */
  available: number;
}

function positiveInt(v: unknown, name: string): void {
  if (v !== undefined && !(Number.isInteger(v) && (v as number) > 0)) throw new ToolDefinitionError(`toolRetrieval.${name} must be a positive integer.`);
}

/** The recent user text a step's ranking uses as its query. */
export function retrievalQuery(messages: readonly Message[], count: number): string {
  const parts: string[] = [];
  for (let i = messages.length - 1; i >= 0 && parts.length < count; i--) {
    const m = messages[i];
    if (m.role === 'user' && typeof m.content === 'string') parts.push(m.content);
  }
  return parts.reverse().join('\n');
}

/** Tools this thread called, or found through `search_tools`, most recent first. */
export function keptToolNames(messages: readonly Message[], max: number): string[] {
  const out = new Set<string>();
  for (let i = messages.length - 1; i >= 0 && out.size < max; i--) {
    const m = messages[i];
    if (m.role === 'assistant' && m.toolCalls) {
      for (const c of m.toolCalls) if (c.name !== SEARCH_TOOLS_NAME) out.add(c.name);
    } else if (m.role === 'tool' && m.name === SEARCH_TOOLS_NAME && !m.isError) {
      for (const n of namesInSearchResult(m.content)) out.add(n);
    }
  }
  return [...out].slice(0, max);
}

/** Per-step tool selection for an agent. */
export class ToolRetrieval {
  /** Ranked tools one step offers. */
  readonly maxTools: number;
  /** With at most this many tools in all, every tool is sent (no retrieval, no `search_tools`). */
  readonly threshold: number;
  /** The ranker in use. */
  readonly ranker: ToolRanker;
  readonly #list: () => readonly Tool[];
  #searchTool: Tool | undefined;
  readonly #alwaysOn: (tool: Tool) => boolean;
  readonly #queryMessages: number;
  readonly #maxKept: number;
  #lastSnapshot: ToolSnapshot | undefined;
  #lastList: Tool[] = [];
  #fallback: LexicalRanker | undefined;

  /** @throws ToolDefinitionError when an option is invalid. */
  constructor(options: ToolRetrievalOptions = {}, list: () => readonly Tool[] = () => []) {
    positiveInt(options.maxTools, 'maxTools');
    positiveInt(options.queryMessages, 'queryMessages');
    positiveInt(options.maxKeptTools, 'maxKeptTools');
    positiveInt(options.threshold, 'threshold');
    this.maxTools = options.maxTools ?? DEFAULT_RETRIEVED_TOOLS;
    this.threshold = Math.max(options.threshold ?? DEFAULT_RETRIEVAL_THRESHOLD, this.maxTools);
    this.ranker = options.ranker ?? lexicalRanker();
    this.#queryMessages = options.queryMessages ?? DEFAULT_RETRIEVAL_QUERY_MESSAGES;
    this.#maxKept = options.maxKeptTools ?? DEFAULT_MAX_KEPT_TOOLS;
    const on = options.alwaysOn;
    if (typeof on === 'function') this.#alwaysOn = on;
    else {
      const names = new Set(on ?? []);
      this.#alwaysOn = (t) => names.has(t.name);
    }
    this.#list = list;
  }

  /** The `search_tools` meta-tool (executed by the agent like any tool); built on first use, as its schema takes milliseconds to build. */
  get searchTool(): Tool {
    return (this.#searchTool ??= createSearchTool(this.#list, this.ranker));
  }

  /** The tools of a snapshot, as a list that keeps its identity while the snapshot's tools are unchanged. */
  #toolsOf(snapshot: ToolSnapshot): Tool[] {
    if (snapshot === this.#lastSnapshot) return this.#lastList;
    const list: Tool[] = [];
    for (const t of snapshot.byName.values()) if (t.name !== SEARCH_TOOLS_NAME) list.push(t);
    const prev = this.#lastList;
    const same = prev.length === list.length && list.every((t, i) => t === prev[i]);
    this.#lastSnapshot = snapshot;
    if (!same) this.#lastList = list;
    return this.#lastList;
  }

  /** Choose the specs for one step from `snapshot`, given the thread's transcript. */
  async select(snapshot: ToolSnapshot, messages: readonly Message[]): Promise<ToolSelection> {
    const available = snapshot.specs.length;
    if (available <= this.threshold) return { specs: snapshot.specs, narrowed: false, available };
    const tools = this.#toolsOf(snapshot);
    const chosen = new Map<string, ToolSpec>();
    chosen.set(SEARCH_TOOLS_NAME, specOf(this.searchTool));
    for (const t of tools) if (this.#alwaysOn(t)) chosen.set(t.name, specOf(t));
    for (const name of keptToolNames(messages, this.#maxKept)) {
      const t = snapshot.byName.get(name);
      if (t && !chosen.has(name)) chosen.set(name, specOf(t));
    }
    const query = retrievalQuery(messages, this.#queryMessages);
    if (query) {
      let ranked: RankedTool[];
      try {
        ranked = await this.ranker.rank(query, tools, this.maxTools + chosen.size);
      } catch {
        // a failing custom ranker never breaks a run: rank lexically instead
        ranked = (this.#fallback ??= lexicalRanker()).rank(query, tools, this.maxTools + chosen.size);
      }
      let added = 0;
      for (const r of ranked) {
        if (added >= this.maxTools) break;
        if (chosen.has(r.name)) continue;
        const t = snapshot.byName.get(r.name);
        if (!t) continue;
        chosen.set(r.name, specOf(t));
        added++;
      }
    }
    return { specs: [...chosen.values()], narrowed: true, available };
  }
}
