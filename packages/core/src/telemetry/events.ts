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
  'run.start': EventBase & { resumed: boolean };
  'route.decision': EventBase & { step: number; decision: RouteDecisionInfo };
  'model.request': EventBase & { step: number; provider: string; model: string; messageCount: number; inputChars: number; toolCount: number; stream: boolean };
  'model.response': EventBase & {
    step: number;
    provider: string;
    model: string;
    latencyMs: number;
    usage: Usage;
    finishReason: FinishReason;
    toolCallCount: number;
    outputChars: number;
  };
  'tool.call': EventBase & { tool: string; toolCallId: string; argsChars: number };
  'tool.result': EventBase & { tool: string; toolCallId: string; durationMs: number; resultChars: number };
  'tool.error': EventBase & {
    tool: string;
    toolCallId: string;
    /** `invalid_args`, `non_json_args`, `unknown_tool`, `timeout`, `threw`, `rejected`, `blocked`. */
    kind: ToolErrorKind;
    /** The thrown error's class name when `kind` is `threw` (never its message). */
    errorName?: string;
    durationMs: number;
  };
  'guard.pii': EventBase & { where: 'input' | 'tool_result'; kinds: string[]; count: number };
  'guard.injection': EventBase & { where: 'input' | 'tool_result'; blocked: boolean; score?: number };
  'cache.hit': EventBase & { step: number };
  interrupt: EventBase & { kind: 'approval' | 'input'; id: string; tool?: string };
  'run.end': EventBase & { status: 'done' | 'interrupted' | 'blocked' | 'error'; steps: number; usage: Usage; durationMs: number };
  error: EventBase & { code: string; name: string; message: string };
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

  /** Subscribe to one event; returns an unsubscribe function. */
  on<K extends AgentEventName>(name: K, listener: AgentEventListener<K>): () => void {
    let set = this.#listeners.get(name);
    if (!set) this.#listeners.set(name, (set = new Set()));
    set.add(listener as (e: never) => void);
    return () => set!.delete(listener as (e: never) => void);
  }

  /** Subscribe to every event; returns an unsubscribe function. */
  onAny(listener: (event: AgentEventMap[AgentEventName] & { type: AgentEventName }) => void): () => void {
    return this.on('*' as AgentEventName, listener as never);
  }

  /** Whether anyone listens (lets hot paths skip building events). */
  get active(): boolean {
    for (const s of this.#listeners.values()) if (s.size > 0) return true;
    return false;
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
