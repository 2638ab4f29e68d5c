/**
 * Read what a `useChat` client POSTs: its UI messages become Graft messages, the newest user
 * text becomes the next run's input, and approval answers (`addToolApprovalResponse`) become
 * `agent.resume` decisions.
 * @module
 */
import type { Message } from '@graft/providers';
import type { ResumeDecision } from '../agent/types.js';

/** The part of an AI SDK `UIMessage` Graft reads (any `UIMessage` is one). */
export interface UIMessageLike {
  /** Message id. */
  id?: string;
  /** Who wrote it. */
  role: 'system' | 'user' | 'assistant';
  /** Its parts (`text`, `tool-*`/`dynamic-tool`, `data-*`, …). */
  parts: ReadonlyArray<{
    /** The part's kind. */
    type: string;
    [key: string]: unknown;
  }>;
}

interface ToolPartLike {
  type: string;
  toolCallId?: unknown;
  toolName?: unknown;
  state?: unknown;
  input?: unknown;
  output?: unknown;
  errorText?: unknown;
  approval?: { id?: unknown; approved?: unknown; reason?: unknown };
}

const isToolPart = (type: string) => type === 'dynamic-tool' || type.startsWith('tool-');

function textOf(parts: UIMessageLike['parts']): string {
  return parts
    .filter((p) => p.type === 'text' && typeof p.text === 'string')
    .map((p) => p.text as string)
    .join('');
}

/**
 * Converts UI messages to Graft messages: text parts to content, finished tool parts to
 * assistant tool calls and tool results. Reasoning, data, file and source parts are dropped
 * (they are not model input). Use it when the client, not the server, keeps the history.
 */
export function fromUIMessages(messages: readonly UIMessageLike[]): Message[] {
  const out: Message[] = [];
  for (const m of messages) {
    const text = textOf(m.parts);
    if (m.role !== 'assistant') {
      if (text) out.push({ role: m.role, content: text });
      continue;
    }
    const tools = m.parts.filter((p) => isToolPart(p.type)) as ToolPartLike[];
    const done = tools.filter((p) => p.state === 'output-available' || p.state === 'output-error');
    const calls = done.map((p) => ({
      id: String(p.toolCallId),
      name: String(p.toolName ?? p.type.slice('tool-'.length)),
      args: (p.input && typeof p.input === 'object' ? p.input : {}) as Record<string, unknown>,
      rawArgs: JSON.stringify(p.input ?? {}),
    }));
    if (!text && calls.length === 0) continue;
    out.push({ role: 'assistant', content: text, ...(calls.length ? { toolCalls: calls } : {}) });
    for (const p of done) {
      const isError = p.state === 'output-error';
      const content = isError ? String(p.errorText ?? '') : typeof p.output === 'string' ? p.output : JSON.stringify(p.output ?? null);
      out.push({
        role: 'tool',
        toolCallId: String(p.toolCallId),
        name: String(p.toolName ?? p.type.slice('tool-'.length)),
        content,
        ...(isError ? { isError } : {}),
      });
    }
  }
  return out;
}

/** The newest user message's text (the input of the next `agent.stream`), or `undefined`. */
export function lastUserText(messages: readonly UIMessageLike[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === 'user') return textOf(m.parts) || undefined;
  }
  return undefined;
}

/**
 * The approval answers in the newest assistant message (tool parts in state
 * `approval-responded`, written by the client's `addToolApprovalResponse`), as decisions for
 * `agent.resume`. Graft sends the interrupt id as the `approvalId`, so each decision names its
 * interrupt; the agent refuses an id that is not pending.
 */
export function readUIApprovalResponses(messages: readonly UIMessageLike[]): ResumeDecision[] {
  const last = [...messages].reverse().find((m) => m.role === 'assistant');
  if (!last) return [];
  const decisions: ResumeDecision[] = [];
  for (const p of last.parts as readonly ToolPartLike[]) {
    if (!isToolPart(p.type) || p.state !== 'approval-responded' || typeof p.approval?.id !== 'string') continue;
    const reason = typeof p.approval.reason === 'string' ? p.approval.reason : undefined;
    decisions.push(
      p.approval.approved === true ? { id: p.approval.id, type: 'approve' } : { id: p.approval.id, type: 'reject', ...(reason ? { reason } : {}) },
    );
  }
  return decisions;
}
