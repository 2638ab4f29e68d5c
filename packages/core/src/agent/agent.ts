/**
 * `Agent`: the public face of the loop. Runs, streams and resumes threads — a turn on an idle
 * thread in the direct loop, everything else on the LangGraph state graph (built lazily on
 * first use) — emits typed events, records spans and metrics.
 */
import { agentRunStream, type AgentRunStream } from '../ui/run-stream.js';
import { randomUUID } from 'node:crypto';
import type { Message } from '@graft/providers';
import { ToolRegistry } from '../tools/registry.js';
import { EventBus, type AgentEventListener, type AgentEventName } from '../telemetry/events.js';
import { acquireLease, type Lease } from '../store/index.js';
import { DEFAULT_MAX_INPUT_CHARS, MAX_PENDING_INPUT_THREADS, THREAD_LEASE_NAMESPACE } from '../defaults.js';
import {
  AgentConfigError,
  GraftCoreError,
  InputTooLargeError,
  InvalidDecisionError,
  InvalidInputError,
  RunAbortedError,
  ThreadBusyError,
  ThreadInterruptedError,
} from '../errors.js';
import { NOOP_SPAN } from '../telemetry/tracing.js';
import { runEvents } from './run-events.js';
import { lastAssistantText, pendingOf, toInterrupts } from './interrupts.js';
import { createRetrieval } from './tool-selection.js';
import { GraphRunner, type AgentInternals, type GraphInput, type GraphOutput } from './graph-runner.js';
import { directEngine, runDirect, type DirectStart } from './direct-loop.js';
import { isIdle } from './direct-checkpoint.js';
import { ZERO_USAGE } from './model-node.js';
import type { RunContext } from './run-context.js';
import type { LangGraphModule } from './runtime.js';
import { createInternals } from './agent-internals.js';
import { resumeValue } from './resume-decision.js';
import type { AgentInput, AgentInterrupt, AgentOptions, OutputOf, ResumeDecision, RunOptions, RunResult } from './types.js';
import type { AnySchema } from '../tools/standard-schema.js';
import { toInputMessages } from './input.js';
import { createHooks, missingOutputError, type RunHooks } from './run-hooks.js';

type Internals = AgentInternals;

/** The input values of a thread that was given none (read-only, shared). */
const NO_INPUTS: ReadonlyMap<string, unknown> = new Map();
type AnyRunOptions = RunOptions<AnySchema | undefined, unknown>;

/** How a run starts: directly (when the thread turns out idle) or on the graph. */
interface RunPlan {
  /** The turn's first node and input update, when the direct loop may run it. */
  direct?: DirectStart;
  /** Check the thread on the graph and build the graph input (throws the run's typed errors). */
  graph: () => Promise<GraphInput>;
}

function isPositive(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0;
}

/**
 * An agent: a model (or tier router), tools that can change at runtime, approvals and other
 * human input as interrupts, persistence through a checkpointer, guards and telemetry.
 * @example
 * ```ts
 * const agent = new Agent({ provider: openaiCompatible({ baseURL, apiKey, model }), tools: [weather] });
 * const result = await agent.run('Weather in Paris?', { threadId: 'user-42' });
 * if (result.status === 'done') console.log(result.output);
 * ```
 */
export class Agent {
  /** The agent's tools: `add`, `remove`, `addSource`, `removeSource`, `list`. Changes apply from the next model step. */
  readonly tools: ToolRegistry;
  readonly #options: AgentOptions;
  readonly #bus = new EventBus();
  readonly #active = new Set<string>();
  /** Values given for input interrupts, per thread (in memory only, never checkpointed). */
  readonly #inputs = new Map<string, Map<string, unknown>>();
  #ready: Promise<Internals> | undefined;
  /** The internals once ready (a turn then takes them without awaiting `#ready`). */
  #internals: Internals | undefined;
  readonly #graph: GraphRunner;
  readonly #retrieval: ReturnType<typeof createRetrieval>;

  /** @throws AgentConfigError when neither or both of `provider` and `router` are given, or a limit is invalid. */
  constructor(options: AgentOptions) {
    if (!options || (!options.provider && !options.router)) {
      throw new AgentConfigError('An Agent needs a model: pass `provider` (e.g. openaiCompatible(...)) or `router` (createRouter(...)).');
    }
    if (options.provider && options.router) {
      throw new AgentConfigError('Pass either `provider` or `router`, not both (a router already holds its providers).');
    }
    for (const key of ['maxSteps', 'toolTimeoutMs', 'maxInputChars', 'maxToolResultChars'] as const) {
      if (options[key] !== undefined && !isPositive(options[key])) throw new AgentConfigError(`\`${key}\` must be a positive number.`);
    }
    if (options.maxToolRepairs !== undefined && !(Number.isInteger(options.maxToolRepairs) && options.maxToolRepairs >= 0)) {
      throw new AgentConfigError('`maxToolRepairs` must be an integer >= 0.');
    }
    this.#options = options;
    this.tools = new ToolRegistry(options.tools ?? [], options.toolSources ?? []);
    this.#graph = new GraphRunner(options, () => this.#init());
    this.#retrieval = createRetrieval(options.toolRetrieval, this.tools);
  }

  /** Subscribe to an agent event; returns an unsubscribe function. Listeners run synchronously and must not throw. */
  on<K extends AgentEventName>(event: K, listener: AgentEventListener<K>): () => void {
    return this.#bus.on(event, listener);
  }

  /**
   * Run one turn on a thread: a user text, or messages (user messages with text and image
   * parts, assistant and tool messages) appended to the thread in order. Per-run options:
   * `instructions`, `context` for tools, structured `output`, `stopWhen`, `onStepFinish`, `maxSteps`.
   * @throws InvalidInputError, InputTooLargeError, RunOptionsError, ThreadInterruptedError, ThreadBusyError,
   * StepLimitError, ToolRepairLimitError, OutputInvalidError, or the provider's typed error.
   */
  run<O extends AnySchema | undefined = undefined, Ctx = unknown>(input: AgentInput, options: RunOptions<O, Ctx> = {}): Promise<RunResult<OutputOf<O>>> {
    return this.#start(input, options, false, () => {}) as Promise<RunResult<OutputOf<O>>>;
  }

  /** Like `run`, yielding events as they happen; the last event is `{ type: 'done', result }`. Errors are thrown from the iterator. */
  stream<O extends AnySchema | undefined = undefined, Ctx = unknown>(input: AgentInput, options: RunOptions<O, Ctx> = {}): AgentRunStream<OutputOf<O>> {
    return agentRunStream(options.signal, (signal) =>
      runEvents(signal, (push) => this.#start(input, withSignal(options, signal), true, push)),
    ) as AgentRunStream<unknown> as AgentRunStream<OutputOf<O>>;
  }

  /**
   * Continue an interrupted thread with a decision for its pending interrupt. The per-run
   * options of the interrupted run are not kept: pass `context`, `output`, `instructions`,
   * `stopWhen` and `onStepFinish` again for the rest of the run.
   * @throws NoPendingInterruptError, InterruptMismatchError or InvalidDecisionError (the thread stays interrupted).
   */
  resume<O extends AnySchema | undefined = undefined, Ctx = unknown>(
    threadId: string,
    decision: ResumeDecision,
    options: Omit<RunOptions<O, Ctx>, 'threadId'> = {},
  ): Promise<RunResult<OutputOf<O>>> {
    return this.#resume(threadId, decision, options, false, () => {}) as Promise<RunResult<OutputOf<O>>>;
  }

  /** Like `resume`, yielding events; the last event is `{ type: 'done', result }`. */
  resumeStream<O extends AnySchema | undefined = undefined, Ctx = unknown>(
    threadId: string,
    decision: ResumeDecision,
    options: Omit<RunOptions<O, Ctx>, 'threadId'> = {},
  ): AgentRunStream<OutputOf<O>> {
    return agentRunStream(options.signal, (signal) =>
      runEvents(signal, (push) => this.#resume(threadId, decision, withSignal(options, signal), true, push)),
    ) as AgentRunStream<unknown> as AgentRunStream<OutputOf<O>>;
  }

  /** The transcript and pending interrupts of a thread (empty for an unknown thread). */
  async getThread(threadId: string): Promise<{
    /** The thread id asked for. */
    threadId: string;
    /** The stored transcript (empty for an unknown thread; the system prompt is not part of it). */
    messages: Message[];
    /** Interrupts waiting for `agent.resume` (empty unless the thread is interrupted). */
    interrupts: AgentInterrupt[];
  }> {
    const snap = await this.#graph.getState(threadId);
    return { threadId, messages: (snap.values.messages as Message[] | undefined) ?? [], interrupts: pendingOf(snap) };
  }

  #start(input: AgentInput, options: AnyRunOptions, streaming: boolean, push: RunContext['push']): Promise<RunResult<unknown>> {
    const limit = this.#options.maxInputChars ?? DEFAULT_MAX_INPUT_CHARS;
    let messages: Message[] | undefined;
    if (typeof input === 'string') {
      if (input.trim() === '') return this.#reject(new InvalidInputError(), options.threadId);
      if (input.length > limit) return this.#reject(new InputTooLargeError(input.length, limit), options.threadId);
    } else {
      try {
        messages = toInputMessages(input, limit);
        // refused before anything is stored, so the thread never holds images its model cannot take
        if (
          (this.#options.provider as { capabilities?: { imageInput?: boolean } } | undefined)?.capabilities?.imageInput === false &&
          messages.some((m) => m.role === 'user' && m.parts)
        ) {
          throw new InvalidInputError(
            "This agent's provider takes no images (capabilities.imageInput: false). Send text only, or use a provider whose model accepts images.",
          );
        }
      } catch (error) {
        return this.#reject(error as GraftCoreError, options.threadId);
      }
    }
    const threadId = options.threadId ?? randomUUID();
    return this.#execute(threadId, options, streaming, push, false, ({ rt }) => {
      // A `Command` input writes the state and routes straight to the first node: LangGraph
      // then skips the `__start__` task (one superstep less per run).
      const start: DirectStart = rt.guards
        ? { update: { step: 0, usage: ZERO_USAGE, repairs: 0, issues: null, failed: false, input: messages ?? input }, goto: 'guard' }
        : {
            update: { step: 0, usage: ZERO_USAGE, repairs: 0, issues: null, failed: false, messages: messages ?? [{ role: 'user', content: input as string }] },
            goto: 'model',
          };
      return {
        direct: start,
        graph: async () => {
          const pending = pendingOf(await this.#graph.getState(threadId));
          if (pending.length) throw new ThreadInterruptedError(threadId, pending[0].id);
          return (lg: LangGraphModule) => new lg.Command(start);
        },
      };
    });
  }

  #resume(
    threadId: string,
    decision: ResumeDecision,
    options: Omit<AnyRunOptions, 'threadId'>,
    streaming: boolean,
    push: RunContext['push'],
  ): Promise<RunResult<unknown>> {
    if (!decision || typeof decision.id !== 'string') {
      return this.#reject(new InvalidDecisionError('The decision needs the `id` of the pending interrupt.'), threadId);
    }
    return this.#execute(threadId, options, streaming, push, true, () => ({
      graph: async () => {
        const pending = pendingOf(await this.#graph.getState(threadId));
        const { id, value } = resumeValue(threadId, decision, pending, this.tools, () => this.#inputsOf(threadId));
        return (lg: LangGraphModule) => new lg.Command({ resume: { [id]: value } });
      },
    }));
  }

  async #execute(
    threadId: string,
    options: Omit<AnyRunOptions, 'threadId'>,
    streaming: boolean,
    push: RunContext['push'],
    resumed: boolean,
    plan: (internals: Internals) => RunPlan,
  ): Promise<RunResult<unknown>> {
    let hooks: RunHooks | undefined;
    try {
      hooks = createHooks(options);
    } catch (error) {
      return this.#reject(error as GraftCoreError, threadId);
    }
    if (this.#active.has(threadId)) return this.#reject(new ThreadBusyError(threadId), threadId);
    this.#active.add(threadId);
    // With a store, the thread is busy on every instance sharing it (a lease that expires if this process dies).
    let lease: Lease | undefined;
    if (this.#options.store) {
      try {
        lease = await acquireLease(this.#options.store.namespace(THREAD_LEASE_NAMESPACE), threadId);
      } catch (error) {
        this.#active.delete(threadId);
        throw error;
      }
      if (!lease) {
        this.#active.delete(threadId);
        return this.#reject(new ThreadBusyError(threadId), threadId);
      }
    }
    const runId = randomUUID();
    const started = performance.now();
    const bus = this.#bus;
    let run: RunContext | undefined;
    try {
      const internals = this.#internals ?? (await this.#init());
      const { rt, nodes, checkpointer } = internals;
      const { direct, graph: prepareGraph } = plan(internals);
      // An idle thread's turn runs in the direct loop unless something asks for LangGraph itself.
      const allowed = direct !== undefined && this.#graph.directAllowed();
      const tuple = allowed ? await checkpointer.getTuple({ configurable: { thread_id: threadId, checkpoint_ns: '' } }) : undefined;
      const start = allowed && isIdle(tuple) ? direct : undefined;
      const makeInput = start ? undefined : await prepareGraph();
      if (bus.wants('run.start')) bus.emit('run.start', { runId, threadId, time: Date.now(), resumed });
      run = {
        runId,
        threadId,
        streaming,
        push,
        signal: options.signal,
        span: rt.tracing.enabled
          ? rt.tracing.start(`invoke_agent ${rt.name}`, {
              'gen_ai.operation.name': 'invoke_agent',
              'gen_ai.agent.name': rt.name,
              'gen_ai.conversation.id': threadId,
            })
          : NOOP_SPAN,
        // the thread's input values (a map exists once a resume gave one; none is made per run)
        inputs: this.#inputs.get(threadId) ?? NO_INPUTS,
        interrupt: directEngine.interrupt,
        isBubble: directEngine.isBubble,
      };
      if (hooks) run.hooks = hooks;
      let out: GraphOutput;
      if (start) {
        const outcome = await runDirect(nodes, checkpointer, run, start, tuple);
        if (outcome.kind === 'exit') out = outcome.state;
        else {
          // a tool call asked for a human: LangGraph runs (and records) the interrupted step
          run.replay = outcome.replay;
          run.handoff = { update: outcome.update, calls: outcome.calls };
          out = await this.#graph.invoke(run, options.signal, (lg) => new lg.Command({ goto: 'handoff' }));
        }
      } else {
        out = await this.#graph.invoke(run, options.signal, makeInput!);
      }
      if (run.failure !== undefined) throw run.failure;
      const messages = out.messages ?? [];
      const usage = out.usage ?? ZERO_USAGE;
      const steps = out.step ?? 0;
      let result: RunResult<unknown>;
      const interrupts = toInterrupts(out.__interrupt__);
      if (interrupts.length) {
        result = { threadId, runId, messages, usage, steps, status: 'interrupted', interrupt: interrupts[0], interrupts };
        for (const i of interrupts) {
          bus.emit('interrupt', { runId, threadId, time: Date.now(), kind: i.kind, id: i.id, tool: i.tool });
          push({ type: 'interrupt', interrupt: i });
        }
      } else {
        if (this.#inputs.size) this.#inputs.delete(threadId);
        // (literals, not a spread of shared fields: V8 builds such a spread plus fields on its slow path)
        if (run.blocked) result = { threadId, runId, messages, usage, steps, status: 'blocked', guard: run.blocked.guard, reason: run.blocked.reason };
        else {
          const text = lastAssistantText(messages);
          if (hooks?.output && !hooks.outputValue) throw missingOutputError();
          result = { threadId, runId, messages, usage, steps, status: 'done', output: hooks?.output ? hooks.outputValue!.value : text, text };
        }
      }
      if (rt.tracing.enabled) run.span.set({ 'gen_ai.usage.input_tokens': usage.inputTokens, 'gen_ai.usage.output_tokens': usage.outputTokens });
      run.span.end();
      if (bus.wants('run.end'))
        bus.emit('run.end', { runId, threadId, time: Date.now(), status: result.status, steps, usage, durationMs: performance.now() - started });
      return result;
    } catch (caught) {
      const error = options.signal?.aborted && !(caught instanceof RunAbortedError) ? new RunAbortedError({ cause: caught }) : caught;
      run?.span.end(error);
      this.#emitError(runId, threadId, error);
      if (run)
        bus.emit('run.end', { runId, threadId, time: Date.now(), status: 'error', steps: 0, usage: ZERO_USAGE, durationMs: performance.now() - started });
      throw error;
    } finally {
      this.#active.delete(threadId);
      if (lease) await lease.release().catch(() => undefined); // else it expires by itself
    }
  }

  #reject(error: GraftCoreError, threadId = ''): Promise<never> {
    this.#emitError(randomUUID(), threadId, error);
    return Promise.reject(error);
  }

  #emitError(runId: string, threadId: string, error: unknown): void {
    const e = error as { code?: unknown; name?: string; message?: string };
    this.#bus.emit('error', {
      runId,
      threadId,
      time: Date.now(),
      code: typeof e?.code === 'string' ? e.code : 'unknown',
      name: e?.name ?? 'Error',
      message: error instanceof GraftCoreError ? error.message : `${e?.name ?? 'Error'} (see the thrown error)`,
    });
  }

  #inputsOf(threadId: string): Map<string, unknown> {
    let map = this.#inputs.get(threadId);
    if (!map) {
      if (this.#inputs.size >= MAX_PENDING_INPUT_THREADS) this.#inputs.delete(this.#inputs.keys().next().value as string);
      this.#inputs.set(threadId, (map = new Map()));
    }
    return map;
  }

  #init(): Promise<Internals> {
    if (this.#ready) return this.#ready;
    this.#ready = createInternals(this.#options, this.tools, this.#retrieval, this.#bus);
    const ready = this.#ready;
    ready.then(
      (internals) => {
        if (this.#ready === ready) this.#internals = internals;
      },
      // a failed start-up (e.g. a missing dependency) is retried by the next call
      () => {
        if (this.#ready === ready) this.#ready = undefined;
      },
    );
    return ready;
  }
}

/**
 * `{ ...options, signal }` (a copy of the run options with the stream's signal), built without
 * an object spread followed by a new key, which V8 builds on its slow path.
 */
function withSignal<T extends object>(options: T, signal: AbortSignal | undefined): T & { signal: AbortSignal | undefined } {
  const out = Object.assign({}, options) as T & { signal: AbortSignal | undefined };
  out.signal = signal;
  return out;
}
