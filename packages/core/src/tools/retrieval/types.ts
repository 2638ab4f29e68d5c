/** Contracts of tool retrieval: rankers and the retrieval options of an Agent. */
import type { Tool } from '../types.js';

/** One ranked tool. */
export interface RankedTool {
  /** The tool's name. */
  name: string;
  /** Relevance (higher is better; only comparable within one ranking). */
  score: number;
}

/**
 * Orders tools by relevance to a query. The default is {@link lexicalRanker} (BM25, local, no
 * model); {@link embeddingRanker} uses an embeddings endpoint.
 */
export interface ToolRanker {
  /** A short name for events and benchmarks (e.g. `'bm25'`). */
  readonly id: string;
  /** The best `limit` tools of `tools` for `query`, best first. */
  rank(query: string, tools: readonly Tool[], limit: number): RankedTool[] | Promise<RankedTool[]>;
}

/** Options of the agent's per-step tool retrieval (`new Agent({ toolRetrieval })`). */
export interface ToolRetrievalOptions {
  /** How many ranked tools one model step offers (default `DEFAULT_RETRIEVED_TOOLS`). */
  maxTools?: number;
  /**
   * Retrieval starts above this many tools (default `DEFAULT_RETRIEVAL_THRESHOLD`, never below
   * `maxTools`); with fewer, every tool is sent and no `search_tools` is added.
   */
  threshold?: number;
  /** Tools sent on every step regardless of relevance: names, or a predicate. */
  alwaysOn?: readonly string[] | ((tool: Tool) => boolean);
  /** How tools are ranked (default: `lexicalRanker()`). */
  ranker?: ToolRanker;
  /** Most recent user messages that form the query (default `DEFAULT_RETRIEVAL_QUERY_MESSAGES`). */
  queryMessages?: number;
  /** Tools the thread already used or found that stay available (default `DEFAULT_MAX_KEPT_TOOLS`, most recent first). */
  maxKeptTools?: number;
}
