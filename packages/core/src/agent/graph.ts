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
 *
 * The node functions live apart from the graph (`createNodes`) so the direct loop
 * (`direct-loop.ts`) runs exactly the same steps when a turn needs no LangGraph machinery.
 */
import type { BaseCheckpointSaver } from '@langchain/langgraph';
import type { AssistantMessage, Message, ToolCall } from '@graft/providers';
import type { AgentRuntime, LangGraphModule } from './runtime.js';
import type { AgentState } from './state.js';
import type { AgentStateUpdate } from './model-node.js';
import { stateAnnotation } from './state.js';
import { createModelNode } from './model-node.js';
import { createToolNode, type ToolNodeOutput, type ToolTaskInput } from './tool-node.js';
import type { ReplayEntry, RunContext } from './run-context.js';
import { createGuardNode } from './guard-node.js';

/** @internal Where a step goes next: the end, the model again (zero calls: a structured-output repair; or one call), or one task per call. */
export type StepRoute = { end: true } | { end: false; calls: ToolCall[] };

/** @internal The graph's node functions, shared by the LangGraph graph and the direct loop. */
export interface AgentNodes {
  /** One model step, first running the single pending tool call of the last step (if any). */
  modelStep(state: AgentState, config: NodeConfig): Promise<{ update: Partial<AgentStateUpdate>; route: StepRoute }>;
  /** The model call of a step alone (`modelStep` without its pending tool call or routing). */
  model(state: AgentState, config: NodeConfig): Promise<Partial<AgentStateUpdate>>;
  /**
   * One tool call (replayed from `RunContext.replay` when the direct loop already ran it): its
   * output as is when it is known at once (a synchronous tool, no guards), else a promise; may throw an interrupt.
   */
  tool(input: ToolTaskInput, config: NodeConfig): ToolNodeOutput | Promise<ToolNodeOutput>;
  /** The input guard, when the agent has guards. */
  guard?: ReturnType<typeof createGuardNode>;
}

type NodeConfig = { context?: unknown };

/** @internal Build the node functions once per agent. */
export function createNodes(rt: AgentRuntime): AgentNodes {
  const model = createModelNode(rt);
  const runTool = createToolNode(rt);
  const replay = async (run: RunContext, replayed: ReplayEntry) => {
    if ('result' in replayed) return replayed.result;
    run.interrupt(replayed.interrupt); // throws: a handed-over step has no resume value yet
    throw new Error('An interrupt handed over by the direct loop returned without a resume value.');
  };
  // not itself async: a call that ran no replay is the tool node's own promise (no extra hops)
  const tool: AgentNodes['tool'] = (input, config) => {
    const run = config.context as RunContext;
    const replayed = run.replay?.get(input.call.id);
    return replayed ? replay(run, replayed) : runTool(input, config);
  };
  const modelStep: AgentNodes['modelStep'] = async (state, config) => {
    const call = singlePendingCall(state.messages);
    let ran: ToolNodeOutput | undefined;
    if (call) {
      // an interrupt thrown here propagates: the step re-runs from this call on resume
      ran = await tool({ call }, config);
      state = withToolOutput(state, ran);
    }
    return routeStep(await model(state, config), ran);
  };
  return { modelStep, model, tool, guard: rt.guards ? createGuardNode(rt) : undefined };
}

/** @internal The state a model step's model call sees: `state` with the output of the step's pending tool call. */
export function withToolOutput(state: AgentState, ran: { messages: Message[]; issues?: string[] }): AgentState {
  return { ...state, messages: state.messages.concat(ran.messages), issues: ran.issues ? (state.issues ?? []).concat(ran.issues) : state.issues };
}

/** @internal A model step's update (with the output of its pending tool call, if one ran) and where the run goes next. */
export function routeStep(
  update: Partial<AgentStateUpdate>,
  ran: { messages: Message[]; issues?: string[] } | undefined,
): { update: Partial<AgentStateUpdate>; route: StepRoute } {
  if (ran) update.messages = update.messages ? ran.messages.concat(update.messages) : ran.messages;
  const last = update.messages?.[update.messages.length - 1] as AssistantMessage | Message | undefined;
  const calls = !update.failed && last?.role === 'assistant' ? last.toolCalls : undefined;
  // a last user message is a request to fix the structured output: the model goes again
  if (!update.failed && last?.role === 'user') return { update, route: { end: false, calls: [] } };
  return { update, route: calls?.length ? { end: false, calls } : { end: true } };
}

/** @internal Compile the agent graph. */
export function buildGraph(lg: LangGraphModule, rt: AgentRuntime, nodes: AgentNodes, checkpointer: BaseCheckpointSaver) {
  const { StateGraph, START, END, Send, Command } = lg;
  // Nodes route with `Command` (cheaper than a separate conditional-edge runnable per step).
  const modelThenRoute = async (state: AgentState, config: NodeConfig) => {
    const { update, route } = await nodes.modelStep(state, config);
    const goto = route.end ? END : route.calls.length <= 1 ? 'model' : route.calls.map((c) => new Send('tool', { call: c }));
    return new Command({ update, goto });
  };
  // LangGraph's builder generics track node names through chained calls; the agent's
  // nodes are plain functions over plain JSON state, so the builder is used untyped.
  const builder: any = new StateGraph(stateAnnotation(lg));
  // ('handoff' is listed so LangGraph sees it reachable; runs enter it only through a `Command` input)
  builder.addNode('model', modelThenRoute, { ends: ['model', 'tool', 'handoff', END] });
  builder.addNode('tool', nodes.tool);
  const guard = nodes.guard;
  if (guard) {
    builder.addNode(
      'guard',
      async (state: AgentState, config: NodeConfig) => {
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
  // The direct loop hands an interrupted step over through this node: it writes the run's
  // state so far and routes to the step's tool call(s), whose replayed interrupts LangGraph
  // then records. (A separate superstep: an interrupt in the very first superstep after a
  // `Command` input would leave that input's writes pending, to be applied again on resume.)
  builder.addNode(
    'handoff',
    (_state: AgentState, config: NodeConfig) => {
      const handoff = (config.context as RunContext).handoff;
      if (!handoff) return new Command({ goto: END });
      const { update, calls } = handoff;
      return new Command({ update, goto: calls.length === 1 ? 'model' : calls.map((c) => new Send('tool', { call: c })) });
    },
    { ends: ['model', 'tool', END] },
  );
  return builder.compile({ checkpointer, name: rt.name }) as CompiledAgentGraph;
}

/** @internal The one tool call of the last step when it asked for exactly one and it has no result yet. */
export function singlePendingCall(messages: Message[]) {
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
