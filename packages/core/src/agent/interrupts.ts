/**
 * Reading LangGraph's interrupts (from a run's output or a thread's pending tasks) as the
 * agent's typed `AgentInterrupt`s, and the final answer of a transcript.
 */
import type { AssistantMessage, Message } from '@graft/providers';
import type { AgentInterrupt } from './types.js';

function isInterruptValue(v: unknown): v is Omit<AgentInterrupt, 'id'> {
  return !!v && typeof v === 'object' && ((v as { kind?: unknown }).kind === 'approval' || (v as { kind?: unknown }).kind === 'input');
}

/** @internal */
export function toInterrupts(raw: Array<{ id?: string; value?: unknown }> | undefined): AgentInterrupt[] {
  const out: AgentInterrupt[] = [];
  for (const i of raw ?? []) if (i.id && isInterruptValue(i.value)) out.push({ ...i.value, id: i.id } as AgentInterrupt);
  return out;
}

/** @internal */
export function pendingOf(snap: { tasks: Array<{ interrupts: Array<{ id?: string; value?: unknown }> }> }): AgentInterrupt[] {
  return toInterrupts(snap.tasks.flatMap((t) => t.interrupts ?? []));
}

/** @internal */
export function lastAssistantText(messages: Message[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.role === 'assistant') return (m as AssistantMessage).content;
  }
  return '';
}
