/**
 * What an `Agent` builds once, on its first run: the runtime every node reads (model driver,
 * guards, telemetry, resolved limits, spotlighting), the node functions, and the checkpointer
 * (Graft's own on a memory store unless the app passes one). LangGraph is not loaded here.
 */
import type { ToolRegistry } from '../tools/registry.js';
import type { EventBus } from '../telemetry/events.js';
import { noopMetrics } from '../telemetry/metrics.js';
import { Tracing } from '../telemetry/tracing.js';
import { createCheckpointer, createStore } from '../store/index.js';
import { DEFAULT_MAX_INPUT_CHARS, DEFAULT_MAX_STEPS, DEFAULT_MAX_TOOL_REPAIRS, DEFAULT_MAX_TOOL_RESULT_CHARS, DEFAULT_TOOL_TIMEOUT_MS } from '../defaults.js';
import { adaptGuards } from './guards-adapter.js';
import { spotlightRuntime } from './spotlight.js';
import { createNodes } from './graph.js';
import type { AgentInternals } from './graph-runner.js';
import { providerDriver, routerDriver } from './model-driver.js';
import type { AgentRuntime } from './runtime.js';
import type { createRetrieval } from './tool-selection.js';
import type { AgentOptions } from './types.js';

/** @internal Resolve an agent's options into its runtime, nodes and checkpointer. */
export async function createInternals(
  o: AgentOptions,
  registry: ToolRegistry,
  retrieval: ReturnType<typeof createRetrieval>,
  bus: EventBus,
): Promise<AgentInternals> {
  const [checkpointer, tracing] = await Promise.all([
    // the in-memory default is Graft's own checkpointer on a memory store: it loads no LangGraph until a graph run needs it
    o.checkpointer ?? createCheckpointer(o.store ?? createStore()),
    Tracing.create(o.tracer),
  ]);
  const rt: AgentRuntime = {
    name: o.name ?? 'graft-agent',
    registry,
    retrieval,
    driver: o.router ? routerDriver(o.router) : providerDriver(o.provider!),
    guards: adaptGuards(o.guards),
    bus,
    metrics: o.metrics ?? noopMetrics,
    tracing,
    limits: {
      maxSteps: o.maxSteps ?? DEFAULT_MAX_STEPS,
      maxToolRepairs: o.maxToolRepairs ?? DEFAULT_MAX_TOOL_REPAIRS,
      toolTimeoutMs: o.toolTimeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS,
      maxInputChars: o.maxInputChars ?? DEFAULT_MAX_INPUT_CHARS,
      maxToolResultChars: o.maxToolResultChars ?? DEFAULT_MAX_TOOL_RESULT_CHARS,
    },
    ...spotlightRuntime(o),
    request: { model: o.model, temperature: o.temperature, maxTokens: o.maxTokens },
  };
  return { rt, nodes: createNodes(rt), checkpointer };
}
