/**
 * Normalizes a non-streaming chat-completion body into a {@link ChatResponse}.
 * @module
 */
import type { ChatResponse, ToolCall, Usage } from '../types.js';
import { readPieces } from './content.js';
import { splitThinkTags } from './think-tags.js';
import { normalizeFinishReason } from './finish-reason.js';
import { newToolCallId, parseToolArgs } from './tool-args.js';
import { readUsage } from './usage.js';

type Rec = Record<string, unknown>;

function asRecord(value: unknown): Rec | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Rec) : undefined;
}

/** Builds a normalized {@link ToolCall} from one server tool-call item (any common shape). */
export function toolCallFromItem(item: unknown): ToolCall | undefined {
  const tc = asRecord(item);
  if (!tc) return undefined;
  const fn = asRecord(tc.function);
  const name = (typeof fn?.name === 'string' ? fn.name : undefined) ?? (typeof tc.name === 'string' ? tc.name : '');
  if (!name) return undefined;
  const parsed = parseToolArgs(fn ? fn.arguments : tc.arguments);
  const id = typeof tc.id === 'string' && tc.id !== '' ? tc.id : newToolCallId();
  // (a literal, not `{ id, name, ...parsed }`, which V8 copies key by key at run time)
  const call: ToolCall = { id, name, args: parsed.args, rawArgs: parsed.rawArgs };
  if (parsed.argsError !== undefined) call.argsError = parsed.argsError;
  return call;
}

/** The choice with index 0 (or the first one). */
export function firstChoice(choices: unknown): Rec | undefined {
  if (!Array.isArray(choices) || choices.length === 0) return undefined;
  const zero = choices.find((c) => asRecord(c) && ((c as Rec).index ?? 0) === 0);
  return asRecord(zero ?? choices[0]);
}

/** What a normalized non-streaming completion yields before usage is finalized. */
export interface NormalizedCompletion {
  response: Omit<ChatResponse, 'usage' | 'provider' | 'latencyMs'>;
  /** Server usage, or `undefined` when it sent none. */
  usage: Usage | undefined;
}

/**
 * Normalizes a completion body. Returns `undefined` when the body is not a chat completion
 * (no choice with a message), so the caller can raise `INVALID_RESPONSE`.
 */
export function normalizeCompletion(body: unknown, fallbackModel: string): NormalizedCompletion | undefined {
  const root = asRecord(body);
  if (!root) return undefined;
  const choice = firstChoice(root.choices);
  const message = asRecord(choice?.message) ?? (typeof choice?.text === 'string' ? { content: choice.text } : undefined);
  if (!choice || !message) return undefined;
  const pieces = readPieces(message);
  let { text, reasoning } = pieces;
  if (!reasoning && text.trimStart().startsWith('<think>')) ({ text, reasoning } = splitThinkTags(text));
  const toolCalls: ToolCall[] = [];
  if (Array.isArray(message.tool_calls)) {
    for (const item of message.tool_calls) {
      const call = toolCallFromItem(item);
      if (call) toolCalls.push(call);
    }
  } else if (asRecord(message.function_call)) {
    const call = toolCallFromItem({ function: message.function_call });
    if (call) toolCalls.push(call);
  }
  const response: NormalizedCompletion['response'] = {
    text,
    toolCalls,
    finishReason: normalizeFinishReason(choice.finish_reason, toolCalls.length > 0),
    model: typeof root.model === 'string' && root.model !== '' ? root.model : fallbackModel,
  };
  if (reasoning) response.reasoning = reasoning;
  return { response, usage: readUsage(root.usage) };
}
