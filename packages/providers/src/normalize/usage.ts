/**
 * Reads token usage from any of the shapes servers send, estimates it when absent, and
 * prices it from an optional table.
 * @module
 */
import { ESTIMATE_CHARS_PER_TOKEN, ESTIMATE_TOKENS_PER_MESSAGE } from '../limits.js';
import type { ChatRequest, Usage } from '../types.js';

/** Price of one model in USD per million tokens. */
export interface ModelPrice {
  /** USD per 1M input (prompt) tokens. */
  inputPerMTok: number;
  /** USD per 1M output (completion) tokens, reasoning included. */
  outputPerMTok: number;
  /** USD per 1M cached input tokens; defaults to `inputPerMTok`. */
  cachedInputPerMTok?: number;
}

/** Prices by model name; a key also matches longer dated names (`gpt-4.1` matches `gpt-4.1-2025-04-14`). */
export type PriceTable = Record<string, ModelPrice>;

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function field(obj: unknown, key: string): unknown {
  return obj && typeof obj === 'object' ? (obj as Record<string, unknown>)[key] : undefined;
}

/** Normalizes a server usage object; `undefined` when it carries no token counts. */
export function readUsage(raw: unknown): Usage | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const input = num(field(raw, 'prompt_tokens')) ?? num(field(raw, 'input_tokens'));
  const output = num(field(raw, 'completion_tokens')) ?? num(field(raw, 'output_tokens'));
  const total = num(field(raw, 'total_tokens'));
  if (input === undefined && output === undefined && total === undefined) return undefined;
  const inputTokens = input ?? 0;
  const outputTokens = output ?? Math.max(0, (total ?? 0) - inputTokens);
  const usage: Usage = { inputTokens, outputTokens, totalTokens: total ?? inputTokens + outputTokens };
  const reasoning =
    num(field(field(raw, 'completion_tokens_details'), 'reasoning_tokens')) ?? num(field(field(raw, 'output_tokens_details'), 'reasoning_tokens'));
  if (reasoning !== undefined) usage.reasoningTokens = reasoning;
  const cached =
    num(field(field(raw, 'prompt_tokens_details'), 'cached_tokens')) ??
    num(field(field(raw, 'input_tokens_details'), 'cached_tokens')) ??
    num(field(raw, 'prompt_cache_hit_tokens')) ??
    num(field(raw, 'cache_read_input_tokens'));
  if (cached !== undefined) usage.cachedInputTokens = cached;
  return usage;
}

function tokens(chars: number): number {
  return Math.ceil(chars / ESTIMATE_CHARS_PER_TOKEN);
}

/** Estimates usage (marked `estimated: true`) from the request and the reply's text. */
export function estimateUsage(request: ChatRequest, outputChars: number): Usage {
  let inputChars = 0;
  for (const m of request.messages) {
    inputChars += m.content?.length ?? 0;
    if (m.role === 'assistant') for (const c of m.toolCalls ?? []) inputChars += c.name.length + c.rawArgs.length;
  }
  if (request.tools?.length) inputChars += JSON.stringify(request.tools).length;
  const inputTokens = tokens(inputChars) + ESTIMATE_TOKENS_PER_MESSAGE * request.messages.length;
  const outputTokens = tokens(outputChars);
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens, estimated: true };
}

/** Finds the price of `model`: exact key first, else the longest key that prefixes it. */
export function findPrice(prices: PriceTable | undefined, model: string): ModelPrice | undefined {
  if (!prices) return undefined;
  if (prices[model]) return prices[model];
  let best: string | undefined;
  for (const key of Object.keys(prices)) {
    if (model.startsWith(key) && (best === undefined || key.length > best.length)) best = key;
  }
  return best === undefined ? undefined : prices[best];
}

/** Cost in USD of `usage` at `price` (cached input billed at the cached rate). */
export function costOf(usage: Usage, price: ModelPrice): number {
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
  const fresh = usage.inputTokens - cached;
  const cachedRate = price.cachedInputPerMTok ?? price.inputPerMTok;
  return (fresh * price.inputPerMTok + cached * cachedRate + usage.outputTokens * price.outputPerMTok) / 1_000_000;
}

/** Adds `costUsd` to `usage` when the table prices one of `models` (first match wins). */
export function priceUsage(usage: Usage, prices: PriceTable | undefined, models: readonly string[]): Usage {
  if (!prices) return usage;
  for (const model of models) {
    if (!model) continue;
    const price = findPrice(prices, model);
    if (price) return { ...usage, costUsd: costOf(usage, price) };
  }
  return usage;
}
