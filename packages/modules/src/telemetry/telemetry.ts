/**
 * `createModuleTelemetry`: OpenTelemetry spans and Prometheus metrics of the module lifecycle —
 * builds (generate, validate, repair rounds, candidates, agreement), sandbox runs, live tests,
 * installs and curricula. Pass the result as `new ModuleManager({ telemetry })`; it wraps the
 * manager's operations in spans and turns its events into metrics.
 */
import type { OtelTracerLike, PrometheusRegistryLike, SpanAttributes } from '@graft/core';
import type { ChatProvider } from '@graft/providers';
import type { Sandbox } from '@graft/sandbox';
import type { BuildOutcome } from '../build/loop.js';
import type { ModuleEvent } from '../types.js';
import { instrumentProvider, instrumentSandbox } from './instrument.js';
import { createModuleMetrics, NOOP_MODULE_METRICS, type ModuleMetricsSink } from './metrics.js';
import { loadOtelApi, MODULE_TELEMETRY_SCOPE, ModuleTracer, type ModuleSpan } from './spans.js';

/** Options of {@link createModuleTelemetry}. */
export interface ModuleTelemetryOptions {
  /** The tracer (e.g. `provider.getTracer('my-app')`); default the global tracer provider's when `@opentelemetry/api` is installed; `false`: no spans. */
  tracer?: OtelTracerLike | false;
  /** The prom-client registry; default prom-client's global `register`; `false`: no metrics. */
  registry?: PrometheusRegistryLike | false;
}

/**
 * Spans and metrics of a `ModuleManager` (create it with {@link createModuleTelemetry}). Its
 * methods are what the manager calls; apps only pass it along.
 */
export class ModuleTelemetry {
  readonly #tracer: ModuleTracer;
  readonly #metrics: ModuleMetricsSink;
  /** Open validation / live-test / repair-round spans, per module name, oldest first. */
  readonly #open = new Map<string, ModuleSpan[]>();

  /** @internal Use {@link createModuleTelemetry}. */
  constructor(tracer: ModuleTracer, metrics: ModuleMetricsSink) {
    this.#tracer = tracer;
    this.#metrics = metrics;
  }

  /** Runs a manager operation (`generate`, `validate`, `install`, …) in a `graft.module.<op>` span. */
  trace<T>(op: string, attributes: SpanAttributes, fn: () => Promise<T>, describe?: (result: T) => SpanAttributes): Promise<T> {
    return this.#tracer.run(op, `graft.module.${op}`, { 'graft.module.operation': op, ...attributes }, () => fn(), describe);
  }

  /** Runs a build in a `graft.module.build` span and records its outcome, duration, rounds, candidates and confidence. */
  async build(fn: () => Promise<BuildOutcome>): Promise<BuildOutcome> {
    const started = performance.now();
    let candidates = 0;
    try {
      const outcome = await this.#tracer.run(
        'build',
        'graft.module.build',
        { 'graft.module.operation': 'build' },
        (frame) => fn().finally(() => (candidates = frame.candidates)),
        (o) => ({
          'graft.module.name': String(o.draft.bundle.manifest?.name ?? ''),
          'graft.module.passed': o.passed,
          'graft.module.repair_rounds': o.rounds,
          'graft.module.candidates': Math.max(candidates, 1),
          'graft.module.confidence': o.draft.confidence ?? 1,
          ...(o.stopReason ? { 'graft.module.stop_reason': o.stopReason } : {}),
        }),
      );
      const outcomeLabel = outcome.passed ? 'passed' : 'failed';
      this.#metrics.inc('module_builds_total', { outcome: outcomeLabel });
      this.#metrics.observe('module_build_duration_seconds', { outcome: outcomeLabel }, (performance.now() - started) / 1000);
      this.#metrics.observe('module_repair_rounds', {}, outcome.rounds);
      this.#metrics.observe('module_candidates', {}, Math.max(candidates, 1));
      this.#metrics.observe('module_confidence', {}, outcome.draft.confidence ?? 1);
      return outcome;
    } catch (err) {
      this.#metrics.inc('module_builds_total', { outcome: 'error' });
      this.#metrics.observe('module_build_duration_seconds', { outcome: 'error' }, (performance.now() - started) / 1000);
      throw err;
    }
  }

  /** The sandbox, instrumented. */
  sandbox(sandbox: Sandbox): Sandbox {
    return instrumentSandbox(sandbox, this.#tracer, this.#metrics);
  }

  /** The model, instrumented (GenAI spans). */
  provider(provider: ChatProvider): ChatProvider {
    return instrumentProvider(provider, this.#tracer, this.#metrics);
  }

  #push(key: string, span: ModuleSpan): void {
    const list = this.#open.get(key) ?? [];
    list.push(span);
    this.#open.set(key, list);
  }

  #pop(key: string): ModuleSpan | undefined {
    const list = this.#open.get(key);
    const span = list?.shift();
    if (list && list.length === 0) this.#open.delete(key);
    return span;
  }

  /** Turns one module event into spans and metrics (the manager subscribes it). */
  observe(e: ModuleEvent): void {
    switch (e.type) {
      case 'module.generating': {
        const frame = this.#tracer.current();
        if (frame) frame.candidates++;
        return;
      }
      case 'module.repairing':
        this.#push(
          `repair:${e.name}`,
          this.#tracer.start('graft.module.repair_round', {
            'graft.module.operation': 'repair_round',
            'graft.module.name': e.name,
            'graft.module.repair_round': e.round,
          }),
        );
        return;
      case 'module.validating':
        this.#push(`validate:${e.name}`, this.#tracer.start('graft.module.validate', { 'graft.module.operation': 'validate', 'graft.module.name': e.name }));
        return;
      case 'module.validated': {
        this.#metrics.inc('module_validations_total', { outcome: e.passed ? 'passed' : 'failed' });
        const span = this.#pop(`validate:${e.name}`);
        span?.set({
          'graft.module.passed': e.passed,
          'graft.module.tests_passed': e.testsPassed,
          'graft.module.tests_failed': e.testsFailed,
          'graft.module.issues': e.issues,
        });
        span?.end();
        const round = this.#pop(`repair:${e.name}`);
        round?.set({ 'graft.module.passed': e.passed });
        round?.end();
        return;
      }
      case 'module.live_testing':
        this.#push(`live:${e.name}`, this.#tracer.start('graft.module.live_test', { 'graft.module.operation': 'live_test', 'graft.module.name': e.name }));
        return;
      case 'module.live_tested': {
        this.#metrics.inc('module_live_tests_total', { outcome: e.passed ? 'passed' : 'failed' });
        const span = this.#pop(`live:${e.name}`);
        span?.set({ 'graft.module.passed': e.passed });
        span?.end(e.passed ? undefined : { code: 'MODULE_LIVE_TEST_FAILED' });
        return;
      }
      case 'module.installed':
        this.#metrics.inc('module_installs_total', { status: 'installed' });
        return;
      case 'module.awaiting_credentials':
      case 'module.awaiting_live_test':
        this.#metrics.inc('module_installs_total', { status: e.type.slice('module.'.length) });
        return;
      case 'module.curriculum_proposed':
        this.#metrics.inc('module_curriculum_cases_total', { outcome: e.passed ? 'passed' : 'failed' });
        return;
      case 'module.curriculum_repair_proposed':
        this.#metrics.inc('module_curriculum_repairs_total', { outcome: e.passed ? 'passed' : 'failed' });
        return;
      case 'module.failed':
        this.#metrics.inc('module_failures_total', { code: e.code });
        return;
      default:
        return;
    }
  }
}

/**
 * Creates the telemetry of a `ModuleManager`: spans on `tracer` (GenAI conventions for model
 * calls, `graft.module.*` for the lifecycle) and metrics in `registry` (`graft_module_*`,
 * `graft_sandbox_*`; see `MODULE_METRICS`). Span attributes and labels carry names, counts and
 * codes only — never prompts, code, inputs, outputs or credentials.
 * @throws {ModuleError} `MODULE_TELEMETRY_UNAVAILABLE` when metrics are asked for and `prom-client` is not installed.
 *
 * @example
 * ```ts
 * const telemetry = await createModuleTelemetry({ tracer: provider.getTracer('app'), registry });
 * const modules = new ModuleManager({ store, vault, router, telemetry });
 * ```
 */
export async function createModuleTelemetry(options: ModuleTelemetryOptions = {}): Promise<ModuleTelemetry> {
  const api = options.tracer === false ? null : await loadOtelApi();
  const tracer = api && options.tracer !== false ? (options.tracer ?? api.trace.getTracer(MODULE_TELEMETRY_SCOPE)) : null;
  const metrics = options.registry === false ? NOOP_MODULE_METRICS : await createModuleMetrics(options.registry);
  return new ModuleTelemetry(new ModuleTracer(api, tracer), metrics);
}
