/**
 * The agent loop as a LangGraph `StateGraph`:
 * `START → guard? → model → (Send per tool call) tool → model … → END`.
 * Routing happens inside the `model` node (the router decides per model call), so a step
 * costs one superstep; tool calls of one step run as parallel tasks.
 */
import type { BaseCheckpointSaver } from '@langchain/langgraph';
import type { AssistantMessage } from '@graft/providers';
import type { AgentRuntime } from './runtime.js';
import type { AgentState } from './state.js';
import { stateAnnotation } from './state.js';
import { createModelNode } from './model-node.js';
import { createToolNode } from './tool-node.js';
import { createGuardNode } from './guard-node.js';

/** @internal Compile the agent graph. */
export function buildGraph(rt: AgentRuntime, checkpointer: BaseCheckpointSaver) {
  const { StateGraph, START, END, Send } = rt.lg;
  const afterModel = (state: AgentState) => {
    if (state.failed) return END;
    const last = state.messages[state.messages.length - 1] as AssistantMessage | undefined;
    if (last?.role === 'assistant' && last.toolCalls?.length) return last.toolCalls.map((call) => new Send('tool', { call }));
    return END;
  };
  // LangGraph's builder generics track node names through chained calls; the agent's
  // nodes are plain functions over plain JSON state, so the builder is used untyped.
  const builder: any = new StateGraph(stateAnnotation(rt.lg));
  builder.addNode('model', createModelNode(rt));
  builder.addNode('tool', createToolNode(rt));
  if (rt.guards) {
    builder.addNode('guard', createGuardNode(rt));
    builder.addEdge(START, 'guard');
    builder.addConditionalEdges('guard', (s: AgentState) => (s.failed ? END : 'model'), ['model', END]);
  } else {
    builder.addEdge(START, 'model');
  }
  builder.addConditionalEdges('model', afterModel, ['tool', END]);
  builder.addEdge('tool', 'model');
  return builder.compile({ checkpointer, name: rt.name }) as CompiledAgentGraph;
}

/** @internal The few methods of the compiled graph the agent uses. */
export interface CompiledAgentGraph {
  invoke(input: unknown, options: Record<string, unknown>): Promise<Record<string, unknown>>;
  getState(config: { configurable: { thread_id: string } }): Promise<{
    values: Partial<AgentState>;
    tasks: Array<{ name: string; interrupts: Array<{ id?: string; value?: unknown }> }>;
  }>;
}
