/**
 * The graph state: plain JSON (our own `Message` objects, no LangChain message classes),
 * so checkpoints stay small and cheap to write.
 */
import type { Message, Usage } from '@graft/providers';
import type { LangGraphModule } from './runtime.js';

/** @internal */
export interface AgentState {
  /** The thread transcript (appended). */
  messages: Message[];
  /** Raw user input waiting for the guard node (only with guards): a text, or the messages given to `agent.run`. */
  input: string | Message[] | null;
  /** Model steps taken in the current run. */
  step: number;
  /** Tokens used by the current run. */
  usage: Usage;
  /** Consecutive steps with unusable tool calls. */
  repairs: number;
  /** Problems with the last round of tool calls (appended by tool tasks; `null` resets). */
  issues: string[];
  /** Set when the run ended with an error (held in the run context). */
  failed: boolean;
}

/**
 * @internal The state channels and how an update merges into each: the one definition both
 * LangGraph's annotation and the direct run loop (`direct-loop.ts`) use, so they cannot drift.
 */
export const STATE_CHANNELS = {
  messages: { reduce: (a: Message[], b: Message[]) => a.concat(b), init: (): Message[] => [] },
  input: { reduce: (_a: string | Message[] | null, b: string | Message[] | null) => b, init: (): string | Message[] | null => null },
  step: { reduce: (_a: number, b: number) => b, init: () => 0 },
  usage: { reduce: (_a: Usage, b: Usage) => b, init: (): Usage => ({ inputTokens: 0, outputTokens: 0, totalTokens: 0 }) },
  repairs: { reduce: (_a: number, b: number) => b, init: () => 0 },
  issues: { reduce: (a: string[], b: string[] | null) => (b === null ? [] : a.concat(b)), init: (): string[] => [] },
  failed: { reduce: (_a: boolean, b: boolean) => b, init: () => false },
} as const;

/** @internal The names of the state channels. */
export type StateChannel = keyof typeof STATE_CHANNELS;

/**
 * @internal Merge an update into `state` itself (the direct loop's one state object) with the
 * channels' reducers (LangGraph's semantics), adding the channels the update writes (its keys
 * with a defined value) to `written`.
 */
export function mergeUpdate(state: AgentState, update: Record<string, unknown>, written: Set<string>): void {
  const s = state as unknown as Record<string, unknown>;
  for (const k in update) {
    const value = update[k];
    if (value === undefined) continue;
    written.add(k);
    const ch = STATE_CHANNELS[k as StateChannel];
    if (ch) s[k] = (ch.reduce as (a: unknown, b: unknown) => unknown)(s[k] ?? ch.init(), value);
  }
}

/** @internal Build the state annotation with the loaded LangGraph module. */
export function stateAnnotation(lg: LangGraphModule) {
  const { Annotation } = lg;
  const c = STATE_CHANNELS;
  return Annotation.Root({
    messages: Annotation<Message[]>({ reducer: c.messages.reduce, default: c.messages.init }),
    input: Annotation<string | Message[] | null>({ reducer: c.input.reduce, default: c.input.init }),
    step: Annotation<number>({ reducer: c.step.reduce, default: c.step.init }),
    usage: Annotation<Usage>({ reducer: c.usage.reduce, default: c.usage.init }),
    repairs: Annotation<number>({ reducer: c.repairs.reduce, default: c.repairs.init }),
    issues: Annotation<string[], string[] | null>({ reducer: c.issues.reduce, default: c.issues.init }),
    failed: Annotation<boolean>({ reducer: c.failed.reduce, default: c.failed.init }),
  });
}
