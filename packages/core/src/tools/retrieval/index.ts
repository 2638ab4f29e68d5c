/** Tool retrieval: which tools one model step offers when an agent has many. */
export type { RankedTool, ToolRanker, ToolRetrievalOptions } from './types.js';
export { lexicalRanker, LexicalRanker, toolText } from './lexical-ranker.js';
export { embeddingRanker, EmbeddingRanker, type EmbeddingRankerOptions, type EmbedFunction } from './embedding-ranker.js';
export { ToolRetrieval, type ToolSelection } from './retrieval.js';
export { SEARCH_TOOLS_NAME, type SearchToolsResult } from './search-tool.js';
export { tokenize } from './tokenize.js';
export { SYNONYM_GROUPS, SYNONYM_WEIGHT } from './synonyms.js';
export type { LexicalRankerOptions } from './lexical-ranker.js';
