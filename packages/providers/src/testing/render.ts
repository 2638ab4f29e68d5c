/**
 * Renders a scripted {@link CompletionReply} as a chat-completion JSON body or as the list of
 * SSE payloads a streaming server would send.
 * @module
 */
import { MOCK_ARGS_CHUNK_CHARS, MOCK_CHUNK_CHARS } from '../limits.js';
import type { CompletionReply, MockUsage } from './replies.js';

/** What the renderer needs from the request. */
export interface RenderContext {
  /** Model the request named. */
  model: string;
  /** Characters in the request's messages (for the default usage numbers). */
  promptChars: number;
  /** The request asked for `stream_options.include_usage`. */
  includeUsage: boolean;
  /** Sequence number of the request (ids). */
  seq: number;
}

function split(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function argsString(args: Record<string, unknown> | string | undefined): string {
  if (args === undefined) return '{}';
  return typeof args === 'string' ? args : JSON.stringify(args);
}

function usageOf(r: CompletionReply, ctx: RenderContext): Record<string, unknown> | undefined {
  if (r.usage === false) return undefined;
  const outChars = r.text.length + (r.reasoning?.length ?? 0) + r.toolCalls.reduce((n, c) => n + argsString(c.args).length, 0);
  const u: MockUsage = r.usage ?? { prompt: Math.max(1, Math.ceil(ctx.promptChars / 4)), completion: Math.max(1, Math.ceil(outChars / 4)) };
  const out: Record<string, unknown> = { prompt_tokens: u.prompt, completion_tokens: u.completion, total_tokens: u.prompt + u.completion };
  if (u.reasoning !== undefined) out.completion_tokens_details = { reasoning_tokens: u.reasoning };
  if (u.cached !== undefined) out.prompt_tokens_details = { cached_tokens: u.cached };
  return out;
}

function finishOf(r: CompletionReply): string | null {
  if (r.finishReason !== undefined) return r.finishReason;
  return r.toolCalls.length > 0 ? 'tool_calls' : 'stop';
}

function idOf(r: CompletionReply, i: number, ctx: RenderContext): string | undefined {
  const id = r.toolCalls[i].id;
  if (id === null) return undefined;
  return id ?? `call_mock_${ctx.seq}_${i}`;
}

/** The non-streaming JSON body. */
export function renderJson(r: CompletionReply, ctx: RenderContext): Record<string, unknown> {
  const message: Record<string, unknown> = { role: 'assistant', content: r.text === '' && r.toolCalls.length > 0 ? null : r.text };
  if (r.reasoning) message[r.reasoningField ?? 'reasoning_content'] = r.reasoning;
  if (r.toolCalls.length > 0) {
    message.tool_calls = r.toolCalls.map((c, i) => {
      const call: Record<string, unknown> = { type: 'function', function: { name: c.name, arguments: argsString(c.args) } };
      const id = idOf(r, i, ctx);
      if (id !== undefined) call.id = id;
      return call;
    });
  }
  const body: Record<string, unknown> = {
    id: `chatcmpl-mock-${ctx.seq}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: r.model ?? ctx.model,
    choices: [{ index: 0, message, finish_reason: finishOf(r) }],
  };
  const usage = usageOf(r, ctx);
  if (usage) body.usage = usage;
  return body;
}

/** The SSE payloads (JSON strings, without `data: ` and without `[DONE]`). */
export function renderChunks(r: CompletionReply, ctx: RenderContext): string[] {
  const base = { id: `chatcmpl-mock-${ctx.seq}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: r.model ?? ctx.model };
  const placement = r.usagePlacement ?? 'trailing';
  const usage = usageOf(r, ctx);
  const chunks: Record<string, unknown>[] = [];
  const push = (delta: Record<string, unknown>, finish: string | null = null) =>
    chunks.push({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] });
  push({ role: 'assistant', content: '' });
  const size = r.chunkSize ?? MOCK_CHUNK_CHARS;
  for (const piece of split(r.reasoning ?? '', size)) push({ [r.reasoningField ?? 'reasoning_content']: piece });
  for (const piece of split(r.text, size)) push({ content: piece });
  const indexBase = r.toolCallIndexBase === undefined ? 0 : r.toolCallIndexBase;
  r.toolCalls.forEach((c, i) => {
    const head: Record<string, unknown> = { type: 'function', function: { name: c.name, arguments: '' } };
    if (indexBase !== null) head.index = indexBase + i;
    const id = idOf(r, i, ctx);
    if (id !== undefined) head.id = id;
    push({ tool_calls: [head] });
    for (const piece of split(argsString(c.args), r.argsChunkSize ?? MOCK_ARGS_CHUNK_CHARS)) {
      const frag: Record<string, unknown> = { function: { arguments: piece } };
      if (indexBase !== null) frag.index = indexBase + i;
      else if (id !== undefined) frag.id = id;
      push({ tool_calls: [frag] });
    }
  });
  push({}, finishOf(r));
  if (usage && placement === 'final') chunks[chunks.length - 1].usage = usage;
  if (usage && placement === 'every') for (const c of chunks) c.usage = usage;
  if (usage && placement === 'trailing' && ctx.includeUsage) chunks.push({ ...base, choices: [], usage });
  return chunks.map((c) => JSON.stringify(c));
}
