/**
 * `createPrometheusMetrics`: an `AgentMetrics` backed by `prom-client` (an optional peer
 * dependency, loaded on demand).
 */
import type { AgentMetrics } from './metrics.js';
import { LATENCY_BUCKETS_SECONDS, METRICS_PREFIX, TOKEN_BUCKETS } from '../defaults.js';
import { OptionalDependencyError } from '../errors.js';
import type { PromClientLike, PromCounterLike, PromHistogramLike, PrometheusRegistryLike } from './peer-shapes.js';

type PromClient = PromClientLike;

async function loadPromClient(): Promise<PromClient> {
  try {
    const mod = (await import('prom-client')) as unknown as PromClient & { default?: PromClient };
    return mod.default ?? mod;
  } catch {
    throw new OptionalDependencyError('prom-client', 'createPrometheusMetrics');
  }
}

/**
 * Create Prometheus metrics for an agent (`new Agent({ metrics })`). Registers, in `registry`
 * (default: prom-client's global registry), reusing metrics already registered there:
 * `graft_model_requests_total`, `graft_model_latency_seconds`, `graft_model_tokens_total`,
 * `graft_model_tokens`, `graft_tool_calls_total`, `graft_tool_failures_total`,
 * `graft_tool_duration_seconds`, `graft_route_decisions_total`, `graft_guard_hits_total`.
 * @throws OptionalDependencyError when `prom-client` is not installed.
 */
export async function createPrometheusMetrics(registry?: PrometheusRegistryLike): Promise<AgentMetrics> {
  const prom = await loadPromClient();
  const reg = registry ?? prom.register;
  const registers = [reg];
  const counter = (name: string, help: string, labelNames: string[]) =>
    (reg.getSingleMetric(METRICS_PREFIX + name) as PromCounterLike | undefined) ??
    new prom.Counter({ name: METRICS_PREFIX + name, help, labelNames, registers });
  const histogram = (name: string, help: string, labelNames: string[], buckets: number[]) =>
    (reg.getSingleMetric(METRICS_PREFIX + name) as PromHistogramLike | undefined) ??
    new prom.Histogram({ name: METRICS_PREFIX + name, help, labelNames, buckets, registers });

  const modelRequests = counter('model_requests_total', 'Model calls by provider, model and outcome.', ['provider', 'model', 'outcome']);
  const modelLatency = histogram('model_latency_seconds', 'Model call latency.', ['provider', 'model'], LATENCY_BUCKETS_SECONDS);
  const modelTokensTotal = counter('model_tokens_total', 'Tokens used, by direction.', ['provider', 'model', 'direction']);
  const modelTokens = histogram('model_tokens', 'Tokens per model call, by direction.', ['provider', 'model', 'direction'], TOKEN_BUCKETS);
  const toolCalls = counter('tool_calls_total', 'Tool calls by tool and outcome.', ['tool', 'outcome']);
  const toolFailures = counter('tool_failures_total', 'Tool calls that produced an error result, by kind.', ['tool', 'kind']);
  const toolDuration = histogram('tool_duration_seconds', 'Tool call duration.', ['tool'], LATENCY_BUCKETS_SECONDS);
  const routeDecisions = counter('route_decisions_total', 'Router decisions.', ['tier', 'provider', 'model', 'escalated']);
  const guardHits = counter('guard_hits_total', 'Guard findings and cache hits.', ['guard', 'where']);

  return {
    recordModelCall(labels, latencyMs, usage) {
      modelRequests.inc({ provider: labels.provider, model: labels.model, outcome: labels.outcome });
      if (labels.outcome === 'cache_hit') return;
      modelLatency.observe({ provider: labels.provider, model: labels.model }, latencyMs / 1000);
      if (usage) {
        for (const [direction, n] of [
          ['input', usage.inputTokens],
          ['output', usage.outputTokens],
        ] as const) {
          modelTokensTotal.inc({ provider: labels.provider, model: labels.model, direction }, n);
          modelTokens.observe({ provider: labels.provider, model: labels.model, direction }, n);
        }
      }
    },
    recordToolCall(labels, durationMs, errorKind) {
      toolCalls.inc({ tool: labels.tool, outcome: errorKind ? 'error' : 'ok' });
      if (errorKind) toolFailures.inc({ tool: labels.tool, kind: errorKind });
      toolDuration.observe({ tool: labels.tool }, durationMs / 1000);
    },
    recordRouteDecision(labels) {
      routeDecisions.inc({ ...labels, escalated: String(labels.escalated) });
    },
    recordGuardHit(labels) {
      guardHits.inc(labels);
    },
  };
}
