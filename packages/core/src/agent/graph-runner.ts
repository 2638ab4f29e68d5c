/**
 * The agent's LangGraph side, loaded on first use: the compiled graph, graph runs (resume,
 * hand-over, threads that are not idle, per-step durability, opted-in tracing) with the
 * tracer policy of `langchain-tracing.ts`, state reads, and which engine a turn may use.
 */
import type { BaseCheckpointSaver } from '@langchain/langgraph';
import { DEFAULT_DURABILITY, GRAPH_EXTRA_SUPERSTEPS, GRAPH_SUPERSTEPS_PER_STEP } from '../defaults.js';
import { buildGraph, type AgentNodes, type CompiledAgentGraph } from './graph.js';
import { directEngine } from './direct-loop.js';
import { engineFlags } from './engine-flags.js';
import { graphTracer, tracingRequested } from './langchain-tracing.js';
import type { RunContext } from './run-context.js';
import type { AgentRuntime, LangGraphModule } from './runtime.js';
import type { AgentState } from './state.js';
import type { AgentOptions } from './types.js';

/** @internal What every run needs (LangGraph itself is not among it). */
export interface AgentInternals {
  rt: AgentRuntime;
  nodes: AgentNodes;
  checkpointer: BaseCheckpointSaver;
}

/** @internal Builds a graph run's input with the loaded LangGraph module. */
export type GraphInput = (lg: LangGraphModule, run: RunContext) => unknown;

/** @internal The state a graph run returns, with LangGraph's interrupts. */
export type GraphOutput = Partial<AgentState> & { __interrupt__?: Array<{ id?: string; value?: unknown }> };

/** @internal */
export class GraphRunner {
  readonly #options: AgentOptions;
  readonly #internals: () => Promise<AgentInternals>;
  #graph: Promise<{ lg: LangGraphModule; graph: CompiledAgentGraph; rt: AgentRuntime }> | undefined;
  #tracer: Promise<unknown> | undefined;

  constructor(options: AgentOptions, internals: () => Promise<AgentInternals>) {
    this.#options = options;
    this.#internals = internals;
  }

  /** The direct loop keeps LangGraph's semantics only for exit-time checkpoints and untraced runs. */
  directAllowed(): boolean {
    return engineFlags.direct && (this.#options.durability ?? DEFAULT_DURABILITY) === 'exit' && !this.#options.langchainTracing;
  }

  /** Run the graph for `run` (its interrupts become LangGraph's from here on). */
  async invoke(run: RunContext, signal: AbortSignal | undefined, makeInput: GraphInput): Promise<GraphOutput> {
    const g = await this.#load();
    run.interrupt = (value) => g.lg.interrupt(value);
    run.isBubble = (error) => g.lg.isGraphBubbleUp(error) || directEngine.isBubble(error);
    const config: Record<string, unknown> = {
      configurable: { thread_id: run.threadId },
      context: run,
      durability: this.#options.durability ?? DEFAULT_DURABILITY,
      recursionLimit: (run.hooks?.maxSteps ?? g.rt.limits.maxSteps) * GRAPH_SUPERSTEPS_PER_STEP + GRAPH_EXTRA_SUPERSTEPS,
      signal,
    };
    // whenever the environment asks LangChain to trace, the run carries its own tracer (discarding, or redacting when opted in)
    if (tracingRequested()) config.callbacks = [await this.#tracerOnce()];
    return (await g.graph.invoke(makeInput(g.lg, run), config)) as GraphOutput;
  }

  /** LangGraph's view of a thread (values and pending tasks with their interrupts). */
  async getState(threadId: string) {
    const { graph } = await this.#load();
    return graph.getState({ configurable: { thread_id: threadId } });
  }

  #tracerOnce(): Promise<unknown> {
    this.#tracer ??= import('@langchain/core/tracers/tracer_langchain').then((mod) => graphTracer(mod, this.#options.langchainTracing === true));
    return this.#tracer;
  }

  #load() {
    if (this.#graph) return this.#graph;
    const ready = (this.#graph = (async () => {
      const { rt, nodes, checkpointer } = await this.#internals();
      const lg = (await import('@langchain/langgraph')) as LangGraphModule;
      return { lg, graph: buildGraph(lg, rt, nodes, checkpointer), rt };
    })());
    // a failed start-up (e.g. a missing dependency) is retried by the next call
    ready.catch(() => {
      if (this.#graph === ready) this.#graph = undefined;
    });
    return ready;
  }
}
