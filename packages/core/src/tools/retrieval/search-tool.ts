/**
 * The `search_tools` meta-tool: lets the model find tools that were not offered on this step.
 * Tools it returns stay offered on the thread's next steps (the selection reads them back from
 * the transcript, so this survives restarts and works on any instance).
 */
import { z } from 'zod/v4';
import type { JSONSchema, ToolSpec } from '@graft/providers';
import { defineTool } from '../define-tool.js';
import type { Tool } from '../types.js';
import { DEFAULT_SEARCH_TOOLS_RESULTS, MAX_SEARCH_TOOLS_RESULTS } from '../../defaults.js';
import type { ToolRanker } from './types.js';
import { MAX_FOUND_DESCRIPTION } from '../../defaults.js';

/** Name of the meta-tool. */
export const SEARCH_TOOLS_NAME = 'search_tools';

/** What `search_tools` returns. */
export interface SearchToolsResult {
  /** Tools found, best first; each can be called from the next step on. */
  found: Array<{
    /** The tool's name (call it by this name). */
    name: string;
    /** Its description (cut to a few hundred characters). */
    description: string;
  }>;
  /** A hint for the model. */
  note: string;
}

/** Longest `query` of a `search_tools` call. */
const MAX_SEARCH_QUERY = 500;
const QUERY_DESCRIPTION = 'What the tool should do, in plain words';
const LIMIT_DESCRIPTION = `How many tools to return (default ${DEFAULT_SEARCH_TOOLS_RESULTS})`;

/** The arguments' schema of `search_tools`. */
export function searchToolsInput() {
  return z.object({
    query: z.string().min(1).max(MAX_SEARCH_QUERY).describe(QUERY_DESCRIPTION),
    limit: z.number().int().min(1).max(MAX_SEARCH_TOOLS_RESULTS).optional().describe(LIMIT_DESCRIPTION),
  });
}

/**
 * The JSON Schema of {@link searchToolsInput}, written out (a new object each call): converting
 * the zod schema costs milliseconds on an agent's first narrowed step. A test checks that both
 * say the same.
 */
export function searchToolsJsonSchema(): JSONSchema {
  return {
    type: 'object',
    properties: {
      query: { type: 'string', minLength: 1, maxLength: MAX_SEARCH_QUERY, description: QUERY_DESCRIPTION },
      limit: { description: LIMIT_DESCRIPTION, type: 'integer', minimum: 1, maximum: MAX_SEARCH_TOOLS_RESULTS },
    },
    required: ['query'],
  };
}

/** Build the `search_tools` tool over a live tool list and a ranker. */
export function createSearchTool(list: () => readonly Tool[], ranker: ToolRanker): Tool {
  return defineTool({
    name: SEARCH_TOOLS_NAME,
    description:
      'Search all available tools by what they do when none of the offered tools fits the task. Describe the capability in plain words (e.g. "weather forecast for a city", "parse bank CSV statement"). Found tools can be called on the next step.',
    input: searchToolsInput(),
    jsonSchema: searchToolsJsonSchema(),
    execute: async ({ query, limit }): Promise<SearchToolsResult> => {
      const tools = list().filter((t) => t.name !== SEARCH_TOOLS_NAME);
      const ranked = await ranker.rank(query, tools, limit ?? DEFAULT_SEARCH_TOOLS_RESULTS);
      const byName = new Map(tools.map((t) => [t.name, t]));
      const found = ranked.flatMap((r) => {
        const t = byName.get(r.name);
        return t ? [{ name: t.name, description: t.description.slice(0, MAX_FOUND_DESCRIPTION) }] : [];
      });
      return {
        found,
        note: found.length ? 'These tools are now available: call the one that fits.' : 'No tool matches; try other words or answer without a tool.',
      };
    },
  });
}

/** The names a `search_tools` result lists (tolerates truncated or guarded text). */
export function namesInSearchResult(content: string): string[] {
  try {
    const parsed = JSON.parse(content) as Partial<SearchToolsResult>;
    if (Array.isArray(parsed.found)) return parsed.found.map((f) => f?.name).filter((n): n is string => typeof n === 'string');
  } catch {
    // fall through to the pattern
  }
  const names: string[] = [];
  for (const m of content.matchAll(/"name":"([A-Za-z0-9_-]{1,64})"/g)) names.push(m[1]);
  return names;
}

/** The spec the model sees for a tool. */
export function specOf(tool: Tool): ToolSpec {
  return { name: tool.name, description: tool.description, parameters: tool.parameters };
}
