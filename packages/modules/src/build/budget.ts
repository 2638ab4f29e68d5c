/**
 * The candidate budget: how many candidates one generation may sample. The rule:
 *
 * 1. Before sampling, one candidate is estimated at its prompt's tokens (characters / 4, tool
 *    schema included) plus `CANDIDATE_OUTPUT_TOKENS_ESTIMATE` output tokens; k is lowered to
 *    `floor(maxTokens / estimate)` (at least 1). All k are then sampled concurrently.
 * 2. With `maxCostUsd`, the price is only known from a reply: the first candidate is sampled
 *    alone, and its real usage (tokens and `costUsd`) sets how many more fit in what is left of
 *    both budgets; those are sampled concurrently. A model without prices (no `costUsd`) leaves
 *    the cost budget unchecked.
 */
import type { Message, Usage } from '@graft/providers';
import { CANDIDATE_CHARS_PER_TOKEN, CANDIDATE_OUTPUT_TOKENS_ESTIMATE } from '../limits.js';
import { SUBMIT_MODULE_TOOL } from './generate/prompt.js';

/** What the candidates of one generation may spend together. */
export interface CandidateBudget {
  /** Tokens (input + output) of all candidates together; default `DEFAULT_CANDIDATE_BUDGET_TOKENS`. */
  maxTokens?: number;
  /** USD of all candidates together, from the provider's prices (`usage.costUsd`); unchecked when unpriced. */
  maxCostUsd?: number;
}

/** Estimated tokens of one candidate: its prompt (characters / 4) plus the assumed output. */
export function estimateCandidateTokens(messages: Message[]): number {
  let chars = JSON.stringify(SUBMIT_MODULE_TOOL).length;
  for (const m of messages) chars += typeof m.content === 'string' ? m.content.length : 0;
  return Math.ceil(chars / CANDIDATE_CHARS_PER_TOKEN) + CANDIDATE_OUTPUT_TOKENS_ESTIMATE;
}

/** How many of `requested` candidates fit when each costs `perCandidate` tokens (at least 1). */
export function candidatesWithinTokens(requested: number, perCandidate: number, budget: CandidateBudget | undefined): number {
  const max = budget?.maxTokens;
  if (max === undefined || !Number.isFinite(max) || perCandidate <= 0) return requested;
  return Math.max(1, Math.min(requested, Math.floor(max / perCandidate)));
}

/**
 * How many candidates fit in total once the first one has spent `first` (its real usage): the
 * token and cost budgets are each divided by what the first one spent (at least 1).
 */
export function candidatesAfterFirst(requested: number, first: Usage | undefined, budget: CandidateBudget | undefined): number {
  let k = requested;
  if (!first) return k;
  if (budget?.maxTokens !== undefined && first.totalTokens > 0) k = Math.min(k, Math.floor(budget.maxTokens / first.totalTokens));
  if (budget?.maxCostUsd !== undefined && first.costUsd !== undefined && first.costUsd > 0) k = Math.min(k, Math.floor(budget.maxCostUsd / first.costUsd));
  return Math.max(1, k);
}
