/**
 * The agent loop as a LangGraph `StateGraph`:
 * `START → guard? → model → (Send per tool call) tool → model … → END`.
 * Routing happens inside the `model` node (the router decides per model call), and nodes
 * route with `Command`, so a step costs one superstep. A step that asks for exactly ONE tool
 * call routes back to `model`, which runs that call first and then asks the model again —
 * one superstep per model step instead of two. This is safe under interrupts: an approval
 * or input interrupt can only happen in the tool part, before the model is called, so a
 * resumed step re-runs only the interrupted call (exactly what a `tool` task would do).
 * Several calls in one step still fan out as parallel `tool` tasks, so a call that pauses
 * never re-runs its finished siblings.
 */
import type { BaseCheckpointSaver } from '@langchain/langgraph';
import type { AssistantMessage, Message } from '@graft/providers';
import type { AgentRuntime } from './runtime.js';
import type { AgentState } from './state.js';
import type { AgentStateUpdate } from './model-node.js';
import { stateAnnotation } from './state.js';
import { createModelNode } from './model-node.js';
import { createToolNode } from './tool-node.js';
import { createGuardNode } from './guard-node.js';

/** @internal Compile the agent graph. */
export function buildGraph(rt: AgentRuntime, checkpointer: BaseCheckpointSaver) {
  const { StateGraph, START, END, Send, Command } = rt.lg;
  const model = createModelNode(rt);
  const tool = createToolNode(rt);
  // Nodes route with `Command` (cheaper than a separate conditional-edge runnable per step).
  const modelThenRoute = async (state: AgentState, config: { context?: unknown }) => {
    const call = singlePendingCall(state.messages);
    let ran: { messages: Message[]; issues?: string[] } | undefined;
    if (call) {
      // an interrupt thrown here propagates: the step re-runs from this call on resume
      ran = await tool({ call }, config);
      state = { ...state, messages: state.messages.concat(ran.messages), issues: ran.issues ? (state.issues ?? []).concat(ran.issues) : state.issues };
    }
    const update: Partial<AgentStateUpdate> = await model(state, config);
    if (ran) update.messages = update.messages ? ran.messages.concat(update.messages) : ran.messages;
    const last = update.messages?.[update.messages.length - 1] as AssistantMessage | undefined;
    const calls = !update.failed && last?.role === 'assistant' ? last.toolCalls : undefined;
    const goto = !calls?.length ? END : calls.length === 1 ? 'model' : calls.map((c) => new Send('tool', { call: c }));
    return new Command({ update, goto });
  };
  // LangGraph's builder generics track node names through chained calls; the agent's
  // nodes are plain functions over plain JSON state, so the builder is used untyped.
  const builder: any = new StateGraph(stateAnnotation(rt.lg));
  builder.addNode('model', modelThenRoute, { ends: ['model', 'tool', END] });
  builder.addNode('tool', tool);
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

/** The one tool call of the last step when it asked for exactly one and it has no result yet. */
function singlePendingCall(messages: Message[]) {
  const last = messages[messages.length - 1];
  return last?.role === 'assistant' && last.toolCalls?.length === 1 ? last.toolCalls[0] : undefined;
}

/** @internal The few methods of the compiled graph the agent uses. */
export interface CompiledAgentGraph {
  invoke(input: unknown, options: Record<string, unknown>): Promise<Record<string, unknown>>;
  getState(config: { configurable: { thread_id: string } }): Promise<{
    values: Partial<AgentState>;
    tasks: Array<{ name: string; interrupts: Array<{ id?: string; value?: unknown }> }>;
  }>;
}
