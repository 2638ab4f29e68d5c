/**
 * A stored thread as AI SDK UI messages, so a `useChat` page that reloads gets its conversation
 * back from the server: user turns become text parts; an assistant turn and the tool results
 * after it become one assistant message (a step per model turn, `dynamic-tool` parts with their
 * outputs); the thread's pending interrupts become what the live stream sent for them (an
 * approval request on the tool part, a `data-graft-input` part, and the `data-graft-run` part
 * that lists them).
 */
import type { AgentInterrupt } from '@graft/core';
import type { Message } from '@graft/providers';

/** One part of a restored message (the AI SDK's `UIMessage` part shapes Graft uses). */
export type RestoredPart = { type: string; [key: string]: unknown };

/** One restored message (an AI SDK `UIMessage`). */
export interface RestoredUIMessage {
  /** Stable id: the thread id and the message's position. */
  id: string;
  /** Who wrote it. */
  role: 'user' | 'assistant';
  /** Its parts. */
  parts: RestoredPart[];
}

function parseOutput(content: string): unknown {
  const first = content.trimStart()[0];
  if (first !== '{' && first !== '[') return content;
  try {
    return JSON.parse(content);
  } catch {
    return content;
  }
}

function assistantParts(m: Extract<Message, { role: 'assistant' }>, results: Map<string, Extract<Message, { role: 'tool' }>>): RestoredPart[] {
  const parts: RestoredPart[] = [{ type: 'step-start' }];
  if (m.content) parts.push({ type: 'text', text: m.content, state: 'done' });
  for (const call of m.toolCalls ?? []) {
    const result = results.get(call.id);
    const base = { type: 'dynamic-tool', toolName: call.name, toolCallId: call.id, input: call.args };
    if (!result) parts.push({ ...base, state: 'input-available' });
    else if (result.isError) parts.push({ ...base, state: 'output-error', errorText: result.content });
    else parts.push({ ...base, state: 'output-available', output: parseOutput(result.content) });
  }
  return parts;
}

/** Converts a thread's transcript and pending interrupts to UI messages. */
export function threadToUIMessages(threadId: string, messages: readonly Message[], interrupts: readonly AgentInterrupt[]): RestoredUIMessage[] {
  const results = new Map<string, Extract<Message, { role: 'tool' }>>();
  for (const m of messages) if (m.role === 'tool') results.set(m.toolCallId, m);
  const out: RestoredUIMessage[] = [];
  messages.forEach((m, i) => {
    if (m.role === 'user') out.push({ id: `${threadId}-${i}`, role: 'user', parts: [{ type: 'text', text: m.content }] });
    else if (m.role === 'assistant') {
      const last = out.at(-1);
      // consecutive model turns (tool call, result, answer) are one assistant message, as streamed
      if (last?.role === 'assistant') last.parts.push(...assistantParts(m, results));
      else out.push({ id: `${threadId}-${i}`, role: 'assistant', parts: assistantParts(m, results) });
    }
  });
  if (interrupts.length === 0) return out;
  let last = out.at(-1);
  if (last?.role !== 'assistant') out.push((last = { id: `${threadId}-pending`, role: 'assistant', parts: [] }));
  for (const it of interrupts) {
    if (it.kind === 'approval') {
      const part = last.parts.find((p) => p.type === 'dynamic-tool' && p.toolCallId === it.toolCallId);
      if (part) Object.assign(part, { state: 'approval-requested', approval: { id: it.id } });
    } else {
      last.parts.push({ type: 'data-graft-input', id: it.id, data: { id: it.id, tool: it.tool, toolCallId: it.toolCallId, request: it.request } });
    }
  }
  last.parts.push({
    type: 'data-graft-run',
    id: `run-restored-${threadId}`,
    data: { threadId, status: 'interrupted', interrupts: interrupts.map((i) => i.id) },
  });
  return out;
}
