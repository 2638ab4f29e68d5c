/** The `search_tools` schema written out for speed says what its zod schema says. */
import { describe, expect, it } from 'vitest';
import { defineTool } from '@graft/core';
import { createSearchTool, searchToolsInput, searchToolsJsonSchema } from '../../src/tools/retrieval/search-tool.js';

describe('search_tools schema', () => {
  it('the written-out JSON Schema equals what defineTool derives from the zod input', () => {
    const derived = defineTool({ name: 'search_tools', description: 'Search tools', input: searchToolsInput(), execute: () => null }).parameters;
    expect(JSON.stringify(searchToolsJsonSchema())).toBe(JSON.stringify(derived)); // byte for byte: requests stay the same
  });

  it('is what the model sees, and each tool gets its own copy', () => {
    const ranker = { id: 'none', rank: () => [] };
    const a = createSearchTool(() => [], ranker);
    const b = createSearchTool(() => [], ranker);
    expect(a.parameters).toEqual(searchToolsJsonSchema());
    expect(a.parameters).not.toBe(b.parameters);
    expect(a.parse({ query: '' }).ok).toBe(false); // still validated by the zod schema
  });
});
