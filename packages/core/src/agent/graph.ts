/**
 * The agent loop as a LangGraph `StateGraph`:
 * `START → guard? → model → (Send per tool call) tool → model … → END`.
 * Routing happens inside the `model` node (the router decides per model call), and nodes
 * route with `Command`, so a step costs one superstep; tool calls of one step run as
 * parallel tasks.
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
  const { StateGraph, START, END, Send, Command } = rt.lg;
  const model = createModelNode(rt);
  // Nodes route with `Command` (cheaper than a separate conditional-edge runnable per step).
  const modelThenRoute = async (state: AgentState, config: { context?: unknown }) => {
    const update = await model(state, config);
    const last = update.messages?.[update.messages.length - 1] as AssistantMessage | undefined;
    const goto = !update.failed && last?.role === 'assistant' && last.toolCalls?.length ? last.toolCalls.map((call) => new Send('tool', { call })) : END;
    return new Command({ update, goto });
  };
  // LangGraph's builder generics track node names through chained calls; the agent's
  // nodes are plain functions over plain JSON state, so the builder is used untyped.
  const builder: any = new StateGraph(stateAnnotation(rt.lg));
  builder.addNode('model', modelThenRoute, { ends: ['tool', END] });
  builder.addNode('tool', createToolNode(rt));
  if (rt.guards) {
    const guard = createGuardNode(rt);
    builder.addNode(
      'guard',
      async (state: AgentState, config: { context?: unknown }) => {
        const update = await guard(state, config);
        return new Command({ update, goto: update.failed ? END : 'model' });
      },
      { ends: ['model', END] },
    );
    builder.addEdge(START, 'guard');
  } else {
    builder.addEdge(START, 'model');
  }
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
