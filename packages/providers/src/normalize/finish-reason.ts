/**
 * Maps the many finish-reason spellings servers use onto {@link FinishReason}.
 * @module
 */
import type { FinishReason } from '../types.js';

const KNOWN: Record<string, FinishReason> = {
  stop: 'stop',
  end_turn: 'stop',
  stop_sequence: 'stop',
  eos: 'stop',
  eos_token: 'stop',
  complete: 'stop',
  completed: 'stop',
  length: 'length',
  max_tokens: 'length',
  model_length: 'length',
  max_output_tokens: 'length',
  tool_calls: 'tool_calls',
  tool_call: 'tool_calls',
  tool_use: 'tool_calls',
  function_call: 'tool_calls',
  content_filter: 'content_filter',
  safety: 'content_filter',
  recitation: 'content_filter',
  refusal: 'content_filter',
  error: 'error',
};

/**
 * Normalizes a server's finish reason. A missing reason means `stop` (or `tool_calls` when
 * the reply carries tool calls); a `stop` that carries tool calls becomes `tool_calls`
 * (Ollama and some gateways do that); anything unknown becomes `other`.
 */
export function normalizeFinishReason(raw: unknown, hasToolCalls: boolean): FinishReason {
  if (typeof raw !== 'string' || raw === '') return hasToolCalls ? 'tool_calls' : 'stop';
  const known = KNOWN[raw.toLowerCase()];
  if (known === 'stop' && hasToolCalls) return 'tool_calls';
  return known ?? 'other';
}
