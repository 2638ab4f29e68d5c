/**
 * The parts of the optional peers `@opentelemetry/api` and `prom-client` that Graft uses,
 * declared structurally. Graft's published types never import either package, so a project
 * without them type-checks with `skipLibCheck: false`; the real objects fit these shapes.
 * @module
 */

/** An OpenTelemetry attribute value (as `@opentelemetry/api`'s `AttributeValue`). */
export type SpanAttributeValue =
  string | number | boolean | Array<null | undefined | string> | Array<null | undefined | number> | Array<null | undefined | boolean>;

/** Span attributes (as `@opentelemetry/api`'s `Attributes`). */
export interface SpanAttributes {
  [key: string]: SpanAttributeValue | undefined;
}

/** The part of an OpenTelemetry `Span` Graft calls. */
export interface OtelSpanLike {
  /** Set one attribute. */
  setAttribute(key: string, value: SpanAttributeValue): unknown;
  /** Set several attributes. */
  setAttributes(attributes: SpanAttributes): unknown;
  /** Mark the span's status (`code` 2 is ERROR). */
  setStatus(status: { code: number; message?: string }): unknown;
  /** Rename the span. */
  updateName(name: string): unknown;
  /** End the span. */
  end(): void;
}

/**
 * The part of an OpenTelemetry `Tracer` Graft calls: any `Tracer` from `@opentelemetry/api`
 * (e.g. `provider.getTracer('my-app')`) is one.
 */
export interface OtelTracerLike {
  /** Start a span. */
  startSpan(name: string, options?: { attributes?: SpanAttributes; kind?: number }, context?: unknown): OtelSpanLike;
}

/** @internal The part of the `@opentelemetry/api` module Graft calls once it is loaded. */
export interface OtelApiLike {
  trace: {
    getTracer(name: string): OtelTracerLike;
    setSpan(context: unknown, span: OtelSpanLike): unknown;
  };
  context: { active(): unknown };
  SpanKind: { CLIENT: number; INTERNAL: number };
  SpanStatusCode: { ERROR: number };
}

/**
 * The part of a `prom-client` `Registry` Graft needs: any `Registry` (or `register`, the
 * global one) is one.
 */
export interface PrometheusRegistryLike {
  /** Look up a metric already registered under `name`. */
  getSingleMetric(name: string): unknown;
}

/** @internal A `prom-client` counter, as Graft uses it. */
export interface PromCounterLike {
  inc(labels: Record<string, string>, value?: number): void;
}

/** @internal A `prom-client` histogram, as Graft uses it. */
export interface PromHistogramLike {
  observe(labels: Record<string, string>, value: number): void;
}

/** @internal The part of the `prom-client` module Graft calls once it is loaded. */
export interface PromClientLike {
  register: PrometheusRegistryLike;
  Counter: new (config: { name: string; help: string; labelNames: string[]; registers: PrometheusRegistryLike[] }) => PromCounterLike;
  Histogram: new (config: { name: string; help: string; labelNames: string[]; buckets: number[]; registers: PrometheusRegistryLike[] }) => PromHistogramLike;
}
