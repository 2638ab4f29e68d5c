/**
 * Servers that answer in the other format than asked: a JSON completion to a streaming
 * request (some ignore `stream: true`, e.g. when tools are present), or SSE to a
 * non-streaming one. Both are folded into the normal path.
 * @module
 */
import type { NormalizedCompletion } from './completion.js';
import { StreamAssembler } from './stream-assembler.js';

type Rec = Record<string, unknown>;

/** True when a response's content type says JSON (not SSE). */
export function isJsonResponse(contentType: string | null): boolean {
  return !!contentType && /json/i.test(contentType) && !/event-stream/i.test(contentType);
}

/** Turns a whole JSON completion into one chunk the stream assembler understands. */
export function completionAsChunk(body: unknown): unknown {
  if (!body || typeof body !== 'object' || !Array.isArray((body as Rec).choices)) return body;
  const root = body as Rec;
  const choices = (root.choices as Rec[]).map((choice) => {
    const message = (choice?.message ?? {}) as Rec;
    const calls = Array.isArray(message.tool_calls)
      ? (message.tool_calls as Rec[]).map((c, i) => ({ ...c, index: typeof c?.index === 'number' ? c.index : i }))
      : message.tool_calls;
    return { ...choice, message: undefined, delta: { ...message, tool_calls: calls } };
  });
  return { ...root, choices };
}

/** True when a text body looks like server-sent events. */
export function looksLikeSse(text: string): boolean {
  return /^data:/m.test(text);
}

/** Assembles an SSE body read as text into a normalized completion. */
export function assembleSseText(text: string, fallbackModel: string): NormalizedCompletion | undefined {
  const assembler = new StreamAssembler(fallbackModel);
  for (const line of text.split('\n')) {
    const m = /^data:\s?(.*)$/.exec(line.trimEnd());
    if (!m || m[1] === '' || m[1].startsWith('[DONE]')) continue;
    assembler.push(JSON.parse(m[1]));
  }
  assembler.flush();
  if (!assembler.sawChoice) return undefined;
  const done = assembler.finish();
  const response: NormalizedCompletion['response'] = { text: done.text, toolCalls: done.toolCalls, finishReason: done.finishReason, model: done.model };
  if (done.reasoning) response.reasoning = done.reasoning;
  return { response, usage: done.usage };
}
