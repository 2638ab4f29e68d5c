/**
 * The agent's typed event bus. Events carry ids, names, sizes, token counts and durations,
 * never message content, tool arguments, tool results or input values (so secrets and PII
 * cannot leak through them).
 */
import type { FinishReason, Usage } from '@graft/providers';

/** Fields every event carries. */
export interface EventBase {
  /** Id of the run (one `run`/`resume`/`stream` call). */
  runId: string;
  /** The conversation thread. */
  threadId: string;
  /** Milliseconds since the epoch. */
  time: number;
}

/** A router decision, as reported in events and streams (no prompt content). */
export interface RouteDecisionInfo {
  /** The tier chosen (e.g. `'fast'`, `'standard'`), if a router decided. */
  tier?: string;
  /** The provider id. */
  provider: string;
  /** The model. */
  model: string;
  /** Short reason (a rule name, `'escalation'`, …). */
  reason?: string;
  /** True when this decision escalated after a failure or a weak answer. */
  escalated?: boolean;
  /** The tier escalated from. */
  escalatedFrom?: string;
  /** The request category the router saw (e.g. `chat`, `coding`). */
  category?: string;
  /** How the decision was reached (`rule`, `hint`, `model`, `default`, `escalation`). */
  source?: string;
}

/** Every event the agent emits, by name. */
export interface AgentEventMap {
  /** A run (a `run`, `resume` or stream call) starts, once its input was accepted. */
  'run.start': EventBase & {
    /** True for `resume`/`resumeStream`, false for a fresh input. */
    resumed: boolean;
  };
  /** The router chose a model for a step (only when the agent has a `router`). */
  'route.decision': EventBase & {
    /** Index of the model step, from 0 (a resumed run continues the interrupted run's count). */
    step: number;
    /** What the router chose and why. */
    decision: RouteDecisionInfo;
  };
  /** A model step starts (before the response cache is asked). */
  'model.request': EventBase & {
    /** Index of the model step, from 0 (a resumed run continues the interrupted run's count). */
    step: number;
    /** The provider id; `'router'` when a router picks the provider. */
    provider: string;
    /** The requested model (the agent's `model` option, else the provider's; `'routed'` with a router). */
    model: string;
    /** Messages sent, the system prompt included. */
    messageCount: number;
    /** Total length of the messages' text content, in UTF-16 code units. */
    inputChars: number;
    /** Tools offered to the model on this step. */
    toolCount: number;
    /** True when the run streams (`agent.stream` / `agent.resumeStream`). */
    stream: boolean;
  };
  /** A model step produced a response (from the model or the response cache); not emitted when the call failed. */
  'model.response': EventBase & {
    /** Index of the model step, from 0 (a resumed run continues the interrupted run's count). */
    step: number;
    /** The provider that answered (as reported in the response). */
    provider: string;
    /** The model that answered (as reported in the response). */
    model: string;
    /** Time from the request to the complete response, in ms (streaming included; small on a cache hit). */
    latencyMs: number;
    /** Tokens of this step, as the provider reported them. */
    usage: Usage;
    /** Why the model stopped (e.g. `stop`, `tool_calls`, `length`). */
    finishReason: FinishReason;
    /** Tool calls the model asked for in this response. */
    toolCallCount: number;
    /** Length of the response text, in UTF-16 code units. */
    outputChars: number;
  };
  /** The model called a tool (emitted before arguments are validated or approval is asked). */
  'tool.call': EventBase & {
    /** The tool name the model used (it may name no registered tool). */
    tool: string;
    /** The model's id for this call. */
    toolCallId: string;
    /** Length of the raw JSON arguments the model sent (0 when it sent none). */
    argsChars: number;
  };
  /** A tool call succeeded; its result goes to the model. */
  'tool.result': EventBase & {
    /** The tool name. */
    tool: string;
    /** The model's id for this call. */
    toolCallId: string;
    /** Time from the call to its result, in ms (validation and guards included). */
    durationMs: number;
    /** Length of the result text sent to the model (after truncation and guards), in UTF-16 code units. */
    resultChars: number;
  };
  /** A tool call ended in an error result sent back to the model (the run goes on). */
  'tool.error': EventBase & {
    /** The tool name the model used. */
    tool: string;
    /** The model's id for this call. */
    toolCallId: string;
    /** `invalid_args`, `non_json_args`, `unknown_tool`, `timeout`, `threw`, `rejected`, `blocked`. */
    kind: ToolErrorKind;
    /** The thrown error's class name when `kind` is `threw` (never its message). */
    errorName?: string;
    /** Time from the call to the error, in ms. */
    durationMs: number;
  };
  /** The PII guard found personal or secret data (emitted only when it found some). */
  'guard.pii': EventBase & {
    /** What was inspected: the user's input or a tool result. */
    where: 'input' | 'tool_result';
    /** The PII types found (e.g. `email`, `api_key`). */
    kinds: string[];
    /** Number of PII values found. */
    count: number;
  };
  /** The injection guard flagged a text (emitted only when flagged). */
  'guard.injection': EventBase & {
    /** What was inspected: the user's input or a tool result. */
    where: 'input' | 'tool_result';
    /** True when the guard is in `block` mode and the text was blocked. */
    blocked: boolean;
    /** The injection score in [0, 1]. */
    score?: number;
    /** Ids of the rules that fired, strongest first (no text). */
    rules?: string[];
  };
  /** The response cache answered a model step (the model was not called). */
  'cache.hit': EventBase & {
    /** Index of the model step, from 0 (a resumed run continues the interrupted run's count). */
    step: number;
  };
  /** The run paused on an interrupt; one event per pending interrupt. */
  interrupt: EventBase & {
    /** `approval` (a tool call needs approval) or `input` (a tool asked for input). */
    kind: 'approval' | 'input';
    /** The interrupt id to pass back in the `ResumeDecision`. */
    id: string;
    /** The tool that needs approval or asks for input. */
    tool?: string;
  };
  /** A run that started (see `run.start`) ended, whatever the outcome. */
  'run.end': EventBase & {
    /** The run result's `status`, or `error` when the run threw. */
    status: 'done' | 'interrupted' | 'blocked' | 'error';
    /** Model steps taken (0 when the run threw). */
    steps: number;
    /** Tokens used (zero when the run threw). */
    usage: Usage;
    /** Wall time of the run, in ms. */
    durationMs: number;
  };
  /** A call failed (also for calls rejected before a run starts, which get a fresh `runId`). */
  error: EventBase & {
    /** The error's `code` (e.g. `THREAD_BUSY`), or `'unknown'` for errors without one. */
    code: string;
    /** The error's class name. */
    name: string;
    /** The message of a Graft error; for other errors `<name> (see the thrown error)`, so foreign messages never leak. */
    message: string;
  };
}

/** Why a tool call produced an error result. */
export type ToolErrorKind = 'invalid_args' | 'non_json_args' | 'unknown_tool' | 'timeout' | 'threw' | 'rejected' | 'blocked';

/** Name of an agent event. */
export type AgentEventName = keyof AgentEventMap;

/** A listener for one event. */
export type AgentEventListener<K extends AgentEventName> = (event: AgentEventMap[K] & { type: K }) => void;

/** A small synchronous typed event bus. A throwing listener never breaks a run. */
export class EventBus {
  readonly #listeners = new Map<AgentEventName | '*', Set<(e: never) => void>>();
  /** Listeners subscribed right now, over every event (lets hot paths skip building events). */
  #count = 0;

  /** Subscribe to one event; returns an unsubscribe function. */
  on<K extends AgentEventName>(name: K, listener: AgentEventListener<K>): () => void {
    let set = this.#listeners.get(name);
    if (!set) this.#listeners.set(name, (set = new Set()));
    const l = listener as (e: never) => void;
    if (!set.has(l)) this.#count++;
    set.add(l);
    return () => {
      if (set!.delete(l)) this.#count--;
    };
  }

  /** Subscribe to every event; returns an unsubscribe function. */
  onAny(listener: (event: AgentEventMap[AgentEventName] & { type: AgentEventName }) => void): () => void {
    return this.on('*' as AgentEventName, listener as never);
  }

  /** Whether anyone listens (lets hot paths skip building events). */
  get active(): boolean {
    return this.#count > 0;
  }

  /** Whether an `emit(name, …)` would reach a listener: hot paths build the event only then. */
  wants(name: AgentEventName): boolean {
    return this.#count > 0 && (!!this.#listeners.get(name)?.size || !!this.#listeners.get('*' as AgentEventName)?.size);
  }

  /** Deliver an event to its listeners and to `onAny` listeners. */
  emit<K extends AgentEventName>(name: K, event: AgentEventMap[K]): void {
    const named = this.#listeners.get(name);
    const any = this.#listeners.get('*' as AgentEventName);
    if (!named?.size && !any?.size) return;
    const full = { type: name, ...event } as never;
    for (const set of [named, any]) {
      if (!set) continue;
      for (const l of set) {
        try {
          l(full);
        } catch {
          // a listener's failure is its own; never let it break the run
        }
      }
    }
  }
}
