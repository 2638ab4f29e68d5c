/**
 * The Prometheus metrics of the module lifecycle, registered through `prom-client` (an optional
 * peer, loaded on demand). Labels are fixed enums and sandbox/module error codes only: never
 * module content, inputs, requests or secrets.
 */
import type { PrometheusRegistryLike } from '@graft/core';
import { ModuleError } from '../errors.js';

/** Prefix of every metric (the same as the agent's). */
export const MODULE_METRICS_PREFIX = 'graft_';

/** Buckets of the build and sandbox duration histograms, seconds. */
export const MODULE_DURATION_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/** Buckets of the sandbox memory histogram, bytes. */
export const SANDBOX_MEMORY_BUCKETS_BYTES = [1 << 20, 2 << 20, 4 << 20, 8 << 20, 16 << 20, 32 << 20, 64 << 20, 128 << 20, 256 << 20];

/** Buckets of the small-count histograms (repair rounds, candidates). */
export const COUNT_BUCKETS = [0, 1, 2, 3, 4, 5, 8];

/** Buckets of the confidence histogram (0..1). */
export const CONFIDENCE_BUCKETS = [0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1];

/** The definition of one module metric. */
export interface ModuleMetricSpec {
  /** A counter or a histogram. */
  kind: 'counter' | 'histogram';
  /** The metric's help text. */
  help: string;
  /** Its label names (fixed enums and codes only). */
  labels: readonly string[];
  /** Histogram buckets. */
  buckets?: readonly number[];
}

/** A metric name of {@link MODULE_METRICS} (without the `graft_` prefix). */
export type ModuleMetricName =
  | 'module_builds_total'
  | 'module_build_duration_seconds'
  | 'module_repair_rounds'
  | 'module_candidates'
  | 'module_confidence'
  | 'module_validations_total'
  | 'module_model_tokens_total'
  | 'sandbox_run_duration_seconds'
  | 'sandbox_run_memory_bytes'
  | 'module_live_tests_total'
  | 'module_installs_total'
  | 'module_curriculum_cases_total'
  | 'module_curriculum_repairs_total'
  | 'module_failures_total';

/** Every metric the module telemetry registers: name (without the `graft_` prefix) → kind, help, labels. */
export const MODULE_METRICS: Readonly<Record<ModuleMetricName, ModuleMetricSpec>> = {
  module_builds_total: { kind: 'counter', help: 'Module builds (generate → validate → repair) by outcome.', labels: ['outcome'] },
  module_build_duration_seconds: { kind: 'histogram', help: 'Module build duration.', labels: ['outcome'], buckets: MODULE_DURATION_BUCKETS_SECONDS },
  module_repair_rounds: { kind: 'histogram', help: 'Repair rounds per build.', labels: [], buckets: COUNT_BUCKETS },
  module_candidates: { kind: 'histogram', help: 'Candidates sampled per build.', labels: [], buckets: COUNT_BUCKETS },
  module_confidence: { kind: 'histogram', help: 'Execution-agreement confidence of built drafts (0..1).', labels: [], buckets: CONFIDENCE_BUCKETS },
  module_validations_total: { kind: 'counter', help: 'Draft validations by outcome.', labels: ['outcome'] },
  module_model_tokens_total: {
    kind: 'counter',
    help: 'Tokens of module-writing and curriculum model calls, by phase and direction.',
    labels: ['phase', 'direction'],
  },
  sandbox_run_duration_seconds: {
    kind: 'histogram',
    help: 'Sandbox runs and test cases by kind and outcome (ok, passed, or the failure code).',
    labels: ['kind', 'outcome'],
    buckets: MODULE_DURATION_BUCKETS_SECONDS,
  },
  sandbox_run_memory_bytes: { kind: 'histogram', help: 'Peak guest memory of sandbox runs.', labels: [], buckets: SANDBOX_MEMORY_BUCKETS_BYTES },
  module_live_tests_total: { kind: 'counter', help: 'Live tests by outcome.', labels: ['outcome'] },
  module_installs_total: { kind: 'counter', help: 'Installs by resulting status.', labels: ['status'] },
  module_curriculum_cases_total: { kind: 'counter', help: 'Curriculum edge cases run, by outcome.', labels: ['outcome'] },
  module_curriculum_repairs_total: { kind: 'counter', help: 'Repairs proposed from curriculum failures, by outcome.', labels: ['outcome'] },
  module_failures_total: { kind: 'counter', help: 'Lifecycle failures (module.failed events) by code.', labels: ['code'] },
};

/** The recording side of the metrics. */
export interface ModuleMetricsSink {
  inc(name: ModuleMetricName, labels?: Record<string, string>, value?: number): void;
  observe(name: ModuleMetricName, labels: Record<string, string>, value: number): void;
}

interface PromMetric {
  inc?(labels: Record<string, string>, value?: number): void;
  observe?(labels: Record<string, string>, value: number): void;
}

interface PromClient {
  register: PrometheusRegistryLike;
  Counter: new (config: { name: string; help: string; labelNames: string[]; registers: PrometheusRegistryLike[] }) => PromMetric;
  Histogram: new (config: { name: string; help: string; labelNames: string[]; buckets: number[]; registers: PrometheusRegistryLike[] }) => PromMetric;
}

/** Metrics that record nothing. */
export const NOOP_MODULE_METRICS: ModuleMetricsSink = { inc() {}, observe() {} };

async function loadPromClient(): Promise<PromClient> {
  try {
    const mod = (await import('prom-client')) as unknown as PromClient & { default?: PromClient };
    return mod.default ?? mod;
  } catch (cause) {
    throw new ModuleError('MODULE_TELEMETRY_UNAVAILABLE', 'Module metrics need `prom-client`: install it (npm i prom-client), or pass `registry: false`.', {
      cause,
    });
  }
}

/** Registers the metrics in `registry` (default: prom-client's global one), reusing ones already there. */
export async function createModuleMetrics(registry?: PrometheusRegistryLike): Promise<ModuleMetricsSink> {
  const prom = await loadPromClient();
  const reg = registry ?? prom.register;
  const metrics = new Map<string, PromMetric>();
  for (const [short, spec] of Object.entries(MODULE_METRICS) as Array<[ModuleMetricName, ModuleMetricSpec]>) {
    const name = MODULE_METRICS_PREFIX + short;
    const existing = reg.getSingleMetric(name) as PromMetric | undefined;
    const labelNames = [...spec.labels];
    metrics.set(
      short,
      existing ??
        (spec.kind === 'counter'
          ? new prom.Counter({ name, help: spec.help, labelNames, registers: [reg] })
          : new prom.Histogram({ name, help: spec.help, labelNames, buckets: [...(spec.buckets ?? MODULE_DURATION_BUCKETS_SECONDS)], registers: [reg] })),
    );
  }
  return {
    inc: (name, labels = {}, value = 1) => metrics.get(name)?.inc?.(labels, value),
    observe: (name, labels, value) => metrics.get(name)?.observe?.(labels, value),
  };
}
