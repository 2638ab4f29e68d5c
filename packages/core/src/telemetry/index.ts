/** Telemetry: typed events, metrics interface with a Prometheus adapter, OpenTelemetry spans. */
export { EventBus } from './events.js';
export type { AgentEventMap, AgentEventName, AgentEventListener, EventBase, RouteDecisionInfo, ToolErrorKind } from './events.js';
export { noopMetrics, type AgentMetrics, type ModelOutcome } from './metrics.js';
export { createPrometheusMetrics } from './prometheus.js';
export type { OtelTracerLike, OtelSpanLike, PrometheusRegistryLike, SpanAttributes, SpanAttributeValue } from './peer-shapes.js';
