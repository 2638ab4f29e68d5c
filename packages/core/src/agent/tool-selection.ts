/**
 * @internal The agent's hook into tool retrieval: which specs a model step sends, and how the
 * tool node finds a tool that is not in the registry (`search_tools`). Kept apart from the
 * model and tool nodes so retrieval changes stay in one place.
 */
import type { Message, ToolSpec } from '@graft/providers';
import type { Tool } from '../tools/types.js';
import { ToolRetrieval } from '../tools/retrieval/retrieval.js';
import type { ToolRetrievalOptions } from '../tools/retrieval/types.js';
import type { ToolRegistry } from '../tools/registry.js';

/** @internal Build the retrieval of an agent (`undefined` when the app turned it off). */
export function createRetrieval(options: ToolRetrievalOptions | false | undefined, registry: ToolRegistry): ToolRetrieval | undefined {
  return options === false ? undefined : new ToolRetrieval(options ?? {}, () => registry.list());
}

/** @internal The specs one model step sends (no promise unless retrieval has to narrow them). */
export function stepToolSpecs(registry: ToolRegistry, retrieval: ToolRetrieval | undefined, messages: readonly Message[]): ToolSpec[] | Promise<ToolSpec[]> {
  const snapshot = registry.snapshot();
  if (!retrieval || snapshot.specs.length <= retrieval.threshold) return snapshot.specs;
  return retrieval.select(snapshot, messages).then((selected) => selected.specs);
}

/** @internal The tool a call names: the registry's, else the retrieval's `search_tools`. */
export function findTool(registry: ToolRegistry, retrieval: ToolRetrieval | undefined, name: string): Tool | undefined {
  return (
    registry.get(name) ??
    (retrieval && name === retrieval.searchTool.name && registry.snapshot().specs.length > retrieval.threshold ? retrieval.searchTool : undefined)
  );
}

/** @internal What the model is told after calling an unknown tool: the tool names, or (with many tools) to search. */
export function availableToolsHint(registry: ToolRegistry, retrieval: ToolRetrieval | undefined): string {
  const names = registry.snapshot().specs.map((s) => s.name);
  if (retrieval && names.length > retrieval.threshold) {
    return `Call ${retrieval.searchTool.name} with what the tool should do to find it, call one of the tools offered, or answer without a tool.`;
  }
  return `Available tools: ${names.length ? names.join(', ') : '(none)'}. Call one of these, or answer without a tool.`;
}
