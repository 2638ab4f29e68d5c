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
  /** Raw user input waiting for the guard node (only with guards). */
  input: string | null;
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

/** @internal Build the state annotation with the loaded LangGraph module. */
export function stateAnnotation(lg: LangGraphModule) {
  const { Annotation } = lg;
  return Annotation.Root({
    messages: Annotation<Message[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
    input: Annotation<string | null>({ reducer: (_a, b) => b, default: () => null }),
    step: Annotation<number>({ reducer: (_a, b) => b, default: () => 0 }),
    usage: Annotation<Usage>({ reducer: (_a, b) => b, default: () => ({ inputTokens: 0, outputTokens: 0, totalTokens: 0 }) }),
    repairs: Annotation<number>({ reducer: (_a, b) => b, default: () => 0 }),
    issues: Annotation<string[], string[] | null>({ reducer: (a, b) => (b === null ? [] : a.concat(b)), default: () => [] }),
    failed: Annotation<boolean>({ reducer: (_a, b) => b, default: () => false }),
  });
}
