import type { ChatResponse } from '@graft/providers';

/**
 * The default low-confidence check: the model said nothing and called no tool, its answer
 * was cut by the token limit, the server reported an error finish, or every tool call it
 * made had unparseable arguments.
 */
export function isLowConfidenceAnswer(response: ChatResponse): boolean {
  const calls = response.toolCalls ?? [];
  if (response.text.trim() === '' && calls.length === 0) return true;
  if (response.finishReason === 'length' || response.finishReason === 'error') return true;
  return calls.length > 0 && calls.every((call) => call.argsError !== undefined);
}
