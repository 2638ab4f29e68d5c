/**
 * Thin adapter between the agent and the guards (`createGuards(...)`): input inspection,
 * tool-result inspection, PII placeholder restoration in tool arguments, response cache.
 */
import type { ChatRequest, ChatResponse } from '@graft/providers';

/** What a guard inspection tells the agent (no raw PII or secrets). */
export interface GuardVerdict {
  /** The text to use from now on (redacted when PII was found). */
  text: string;
  /** Set when the text must not reach the model. */
  blocked?: { guard: string; reason: string };
  /** PII that was found (types only). */
  pii?: { kinds: string[]; count: number };
  /** Injection verdict. */
  injection?: { flagged: boolean; score: number };
}

/** The guards interface the agent uses (`createGuards(...)` satisfies it). */
export interface AgentGuards {
  /** Inspect user input before it reaches the model. */
  inspectInput(text: string): GuardVerdict | Promise<GuardVerdict>;
  /** Inspect a tool result before it reaches the model. */
  inspectToolResult(text: string): GuardVerdict | Promise<GuardVerdict>;
  /** Restore PII placeholders in tool arguments (only when the app allows it). */
  restoreToolArgs?(args: Record<string, unknown>): Record<string, unknown>;
  /** Response cache: a hit skips the model call. */
  cache?: {
    get(request: ChatRequest): Promise<ChatResponse | undefined>;
    set(request: ChatRequest, response: ChatResponse): Promise<void>;
  };
}

/** @internal */
export type GuardsAdapter = AgentGuards;

/** @internal */
export function adaptGuards(guards: AgentGuards | undefined): GuardsAdapter | undefined {
  return guards;
}
