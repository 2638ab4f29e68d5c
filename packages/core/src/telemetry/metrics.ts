/**
 * The metrics interface the agent records into: counters and histograms for model calls
 * (latency, tokens), tool calls and failures, route decisions and guard hits. Labels are
 * provider ids, model names, tool names and fixed enums only; never content or argument values.
 */
import type { Usage } from '@graft/providers';
import type { ToolErrorKind } from './events.js';

/** Outcome label of a model call. */
export type ModelOutcome = 'ok' | 'error' | 'cache_hit';

/** Where the agent records its metrics. Implement it to feed any metrics system. */
export interface AgentMetrics {
  /** One model call finished (or failed, or was answered from the cache). */
  recordModelCall(labels: { provider: string; model: string; outcome: ModelOutcome }, latencyMs: number, usage?: Usage): void;
  /** One tool call finished; `errorKind` is set when it produced an error result. */
  recordToolCall(labels: { tool: string }, durationMs: number, errorKind?: ToolErrorKind): void;
  /** The router chose a tier/model for a step. */
  recordRouteDecision(labels: { tier: string; provider: string; model: string; escalated: boolean }): void;
  /** A guard found something (`pii`, `injection`) or the response cache hit (`cache`). */
  recordGuardHit(labels: { guard: 'pii' | 'injection' | 'cache'; where: 'input' | 'tool_result' | 'model' }): void;
}

/** Metrics that record nothing (the default). */
export const noopMetrics: AgentMetrics = {
  recordModelCall() {},
  recordToolCall() {},
  recordRouteDecision() {},
  recordGuardHit() {},
};
