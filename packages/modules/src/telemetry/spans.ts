/**
 * OpenTelemetry spans of the module lifecycle. `@opentelemetry/api` is an optional peer loaded
 * lazily; the tracer is typed structurally (core's `OtelTracerLike`) so the published types never
 * import it. The current operation's span is kept in an `AsyncLocalStorage`, so spans started
 * inside it (validation, repair rounds, model calls, sandbox runs) become its children.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { OtelSpanLike, OtelTracerLike, SpanAttributes } from '@graft/core';

/** Instrumentation scope of the module spans. */
export const MODULE_TELEMETRY_SCOPE = '@graft/modules';

/** @internal The part of `@opentelemetry/api` used. */
export interface OtelApi {
  trace: { getTracer(name: string): OtelTracerLike; setSpan(context: unknown, span: OtelSpanLike): unknown };
  context: { active(): unknown };
  SpanKind: { CLIENT: number; INTERNAL: number };
  SpanStatusCode: { ERROR: number };
}

function usable(m: unknown): OtelApi | null {
  const mod = m as (OtelApi & { default?: OtelApi }) | undefined;
  if (mod?.trace) return mod;
  return mod?.default?.trace ? mod.default : null;
}

/** Loads `@opentelemetry/api`; `null` when it is not installed. */
export async function loadOtelApi(): Promise<OtelApi | null> {
  try {
    return usable(await import('@opentelemetry/api'));
  } catch {
    // a bundler-only ESM build: fall back to the CommonJS build
  }
  try {
    const { createRequire } = await import('node:module');
    return usable(createRequire(import.meta.url)('@opentelemetry/api'));
  } catch {
    return null;
  }
}

/** A started span. */
export interface ModuleSpan {
  /** Add attributes (counts, codes, names; never content). */
  set(attributes: SpanAttributes): void;
  /** End it; an error marks it failed with `error.type` (the error's code or name, never its message). */
  end(error?: unknown): void;
  /** @internal The context children are parented on. */
  readonly context: unknown;
}

/** What an operation in progress carries for its children. */
export interface OperationFrame {
  span: ModuleSpan;
  /** The operation (`build`, `generate`, `repair`, `curriculum`, …), labels model-call tokens. */
  op: string;
  /** Candidates seen by a build (counted from `module.generating`). */
  candidates: number;
}

const NOOP: ModuleSpan = { set() {}, end() {}, context: undefined };

/** Starts spans on a tracer, parented on the current operation. */
export class ModuleTracer {
  readonly #api: OtelApi | null;
  readonly #tracer: OtelTracerLike | null;
  readonly #frames = new AsyncLocalStorage<OperationFrame>();

  constructor(api: OtelApi | null, tracer: OtelTracerLike | null) {
    this.#api = api;
    this.#tracer = tracer;
  }

  /** The operation in progress in this async context. */
  current(): OperationFrame | undefined {
    return this.#frames.getStore();
  }

  /** Starts a span under the current operation (or the active context). */
  start(name: string, attributes: SpanAttributes, kind: 'client' | 'internal' = 'internal', parent?: ModuleSpan): ModuleSpan {
    const api = this.#api;
    const tracer = this.#tracer;
    if (!api || !tracer) return NOOP;
    const parentCtx = (parent ?? this.current()?.span)?.context ?? api.context.active();
    const span = tracer.startSpan(name, { attributes, kind: kind === 'client' ? api.SpanKind.CLIENT : api.SpanKind.INTERNAL }, parentCtx);
    return {
      context: api.trace.setSpan(parentCtx, span),
      set: (a) => span.setAttributes(a),
      end: (error) => {
        if (error !== undefined) {
          const code = (error as { code?: unknown })?.code;
          span.setAttribute('error.type', typeof code === 'string' ? code : ((error as Error)?.name ?? 'Error'));
          span.setStatus({ code: api.SpanStatusCode.ERROR });
        }
        span.end();
      },
    };
  }

  /** Runs `fn` as operation `op` inside a span `name`; `describe` adds attributes from its result. */
  async run<T>(
    op: string,
    name: string,
    attributes: SpanAttributes,
    fn: (frame: OperationFrame) => Promise<T>,
    describe?: (result: T) => SpanAttributes,
  ): Promise<T> {
    const frame: OperationFrame = { span: this.start(name, attributes), op, candidates: 0 };
    try {
      const result = await this.#frames.run(frame, () => fn(frame));
      if (describe) frame.span.set(describe(result));
      frame.span.end();
      return result;
    } catch (err) {
      frame.span.end(err);
      throw err;
    }
  }
}
