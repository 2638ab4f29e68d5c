/**
 * The agent's internals shared by graph nodes: registry, model driver, guards, telemetry,
 * resolved limits and the lazily loaded LangGraph module.
 */
import type { ToolRegistry } from '../tools/registry.js';
import type { EventBus } from '../telemetry/events.js';
import type { AgentMetrics } from '../telemetry/metrics.js';
import type { Tracing } from '../telemetry/tracing.js';
import type { ModelDriver } from './model-driver.js';
import type { GuardsAdapter } from './guards-adapter.js';
import type { SpotlightOptions } from '../guards/spotlight.js';
import type { ToolRetrieval } from '../tools/retrieval/retrieval.js';

/** @internal The LangGraph module, loaded on first use (it is slow to import). */
export type LangGraphModule = typeof import('@langchain/langgraph');

/** @internal Resolved limits and request options. */
export interface ResolvedLimits {
  maxSteps: number;
  maxToolRepairs: number;
  toolTimeoutMs: number;
  maxInputChars: number;
  maxToolResultChars: number;
}

/** @internal */
export interface AgentRuntime {
  name: string;
  registry: ToolRegistry;
  /** Per-step tool retrieval (`undefined` when turned off). */
  retrieval: ToolRetrieval | undefined;
  driver: ModelDriver;
  guards: GuardsAdapter | undefined;
  bus: EventBus;
  metrics: AgentMetrics;
  tracing: Tracing;
  limits: ResolvedLimits;
  instructions?: string;
  /** Spotlighting of tool results; `undefined` when off. */
  spotlight?: SpotlightOptions;
  request: { model?: string; temperature?: number; maxTokens?: number };
}
