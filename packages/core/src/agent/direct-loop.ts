/**
 * The direct loop: a turn on an idle thread, run by calling the graph's own node functions
 * (`createNodes`) in the order LangGraph would, without Pregel's per-step machinery (task
 * preparation, channel bookkeeping, per-node config, callbacks and context propagation).
 *
 * It keeps LangGraph's durability contract: the thread's state lives only in the
 * checkpointer, read at the start and written once at exit in LangGraph's own format
 * (`direct-checkpoint.ts`), exactly when a graph run with `durability: 'exit'` writes.
 * Whatever needs LangGraph is left to it:
 *  - a thread that is not idle (pending interrupt, unfinished tasks, an unknown channel);
 *  - an interrupt (approval or input) raised by a tool call: the loop stops and hands the
 *    step over (`handoff`) — the state so far as one update, the step's tool calls, and the
 *    results of the calls that already finished — so LangGraph records the interrupt and its
 *    finished siblings as its own, and `resume` continues on the graph. No tool runs twice.
 */
import type { BaseCheckpointSaver, CheckpointTuple } from '@langchain/langgraph';
import type { ToolCall } from '@graft/providers';
import type { AgentNodes } from './graph.js';
import { routeStep, singlePendingCall, withToolOutput } from './graph.js';
import type { ReplayEntry, RunContext } from './run-context.js';
import { mergeUpdate, type AgentState } from './state.js';
import { putExitCheckpoint, stateOf, TASKS_CHANNEL } from './direct-checkpoint.js';

/** @internal Thrown by `RunContext.interrupt` in the direct loop: carries the interrupt value to the hand-over. */
export class DirectInterrupt extends Error {
  constructor(readonly value: unknown) {
    super('A tool call asked for human input; the step is handed over to LangGraph.');
    this.name = 'DirectInterrupt';
  }
}

/** @internal How a direct run ended. */
export type DirectOutcome =
  /** The run finished (done, failed or blocked) and its checkpoint is written. */
  | { kind: 'exit'; state: AgentState }
  /** A tool call interrupted: LangGraph must run this step (nothing was written). */
  | { kind: 'handoff'; update: Record<string, unknown>; calls: ToolCall[]; replay: Map<string, ReplayEntry> };

/** @internal The first node of a turn and the update that starts it (what a graph run's `Command` input holds). */
export interface DirectStart {
  update: Record<string, unknown>;
  goto: 'guard' | 'model';
}

/** @internal Run one turn on an idle thread (`isIdle(tuple)`); see the file comment for when it hands over to LangGraph. */
export async function runDirect(
  nodes: AgentNodes,
  saver: BaseCheckpointSaver,
  run: RunContext,
  start: DirectStart,
  tuple: CheckpointTuple | undefined,
): Promise<DirectOutcome> {
  const config = { context: run };
  // One state object for the run, merged into in place after each node returns (a node reads it
  // only while the loop awaits it; a node that changes it makes its own copy). `stateOf` makes
  // a fresh object, so the checkpoint's values are never changed.
  const state = stateOf(tuple);
  const priorMessages = state.messages.length;
  // the channels this run writes get new versions in the exit checkpoint, as in LangGraph
  const written = new Set<string>();
  const apply = (update: Record<string, unknown>) => mergeUpdate(state, update, written);
  apply(start.update);
  let supersteps = 0;
  let next: 'guard' | 'model' | ToolCall[] | undefined = start.goto;

  // The run so far as one update (only the channels it wrote, as the graph would have).
  const handoff = (calls: ToolCall[], replay: Map<string, ReplayEntry>): DirectOutcome => {
    const update: Record<string, unknown> = {};
    for (const k of written) {
      if (k === 'messages') update.messages = state.messages.slice(priorMessages);
      else if (k === 'issues')
        update.issues = null; // always empty after a model step
      else if (k in state) update[k] = state[k as keyof AgentState];
    }
    return { kind: 'handoff', update, calls, replay };
  };

  while (next !== undefined) {
    if (run.signal?.aborted) throw run.signal.reason ?? new Error('aborted');
    if (next === 'guard') {
      const update = await nodes.guard!(state, config);
      apply(update);
      next = update.failed ? undefined : 'model';
    } else if (next === 'model') {
      // `modelStep`'s parts, called here without its async frame (one promise and hop less per step)
      const call = singlePendingCall(state.messages);
      let ran: Awaited<ReturnType<AgentNodes['tool']>> | undefined;
      let update: Awaited<ReturnType<AgentNodes['model']>>;
      try {
        // an interrupt thrown by the call is handed over: the step re-runs from this call
        if (call) {
          const out = nodes.tool({ call }, config);
          ran = out instanceof Promise ? await out : out;
        }
        update = await nodes.model(ran ? withToolOutput(state, ran) : state, config);
      } catch (error) {
        if (error instanceof DirectInterrupt && call) return handoff([call], new Map([[call.id, { interrupt: error.value }]]));
        throw error;
      }
      const step = routeStep(update, ran);
      apply(step.update);
      next = step.route.end ? undefined : step.route.calls.length <= 1 ? 'model' : step.route.calls;
      if (Array.isArray(next)) written.add(TASKS_CHANNEL); // LangGraph writes one `Send` per call
    } else {
      const calls: ToolCall[] = next;
      // calls sharing an id could not be told apart in a hand-over: let LangGraph run that step
      if (new Set(calls.map((c) => c.id)).size !== calls.length) return handoff(calls, new Map());
      const settled = await Promise.allSettled(calls.map((call) => settledTool(nodes, call, config)));
      const replay = new Map<string, ReplayEntry>();
      let interrupted = false;
      for (let i = 0; i < calls.length; i++) {
        const s = settled[i]!;
        if (s.status === 'fulfilled') replay.set(calls[i]!.id, { result: s.value });
        else if (s.reason instanceof DirectInterrupt) {
          interrupted = true;
          replay.set(calls[i]!.id, { interrupt: s.reason.value });
        } else throw s.reason;
      }
      if (interrupted) return handoff(calls, replay);
      // LangGraph applies the writes of a step's tasks in task order (the order of the calls)
      for (const s of settled) apply((s as PromiseFulfilledResult<Record<string, unknown>>).value);
      next = 'model';
    }
    supersteps++;
  }
  await putExitCheckpoint(saver, run.threadId, tuple, state, supersteps, written);
  return { kind: 'exit', state };
}

/** One call of a parallel step: a call that throws at once (an interrupt) is a rejected promise, as its siblings go on. */
function settledTool(nodes: AgentNodes, call: ToolCall, config: { context: RunContext }): ReturnType<AgentNodes['tool']> {
  try {
    return nodes.tool({ call }, config);
  } catch (error) {
    return Promise.reject(error);
  }
}

/** @internal `RunContext` members for the direct loop. */
export const directEngine = {
  interrupt(value: unknown): never {
    throw new DirectInterrupt(value);
  },
  isBubble(error: unknown): boolean {
    return error instanceof DirectInterrupt;
  },
};
