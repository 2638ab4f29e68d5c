/**
 * OpenTelemetry spans following the GenAI semantic conventions (`invoke_agent`,
 * `chat <model>`, `execute_tool <name>`). `@opentelemetry/api` is an optional peer
 * dependency, loaded lazily on the first run; without it, tracing is a no-op.
 */
import { TELEMETRY_SCOPE } from '../defaults.js';
import type { OtelApiLike, OtelSpanLike, OtelTracerLike, SpanAttributes } from './peer-shapes.js';

type OtelApi = OtelApiLike;
type Attributes = SpanAttributes;

let apiPromise: Promise<OtelApi | null> | undefined;

/** Load `@opentelemetry/api` once; `null` when it is not installed. */
export function loadOtelApi(): Promise<OtelApi | null> {
  apiPromise ??= importOtel();
  return apiPromise;
}

function usable(m: unknown): OtelApi | null {
  const mod = m as (OtelApi & { default?: OtelApi }) | undefined;
  if (mod?.trace) return mod;
  return mod?.default?.trace ? mod.default : null;
}

async function importOtel(): Promise<OtelApi | null> {
  try {
    return usable(await import('@opentelemetry/api'));
  } catch {
    // Some loaders resolve the package's bundler-only ESM build (extensionless imports);
    // fall back to its CommonJS build through require.
  }
  try {
    const { createRequire } = await import('node:module');
    return usable(createRequire(import.meta.url)('@opentelemetry/api'));
  } catch {
    return null;
  }
}

/** A started span and the context to parent children on. */
export interface SpanHandle {
  /** Add attributes (numbers, strings, string arrays; never content). */
  set(attributes: Attributes): void;
  /** Rename the span (e.g. once the router has chosen the model). */
  rename(name: string): void;
  /** End the span; an error marks it failed with `error.type`. */
  end(error?: unknown): void;
  /** @internal */
  readonly context: unknown;
}

/** @internal The span handle of a disabled tracer (hot paths use it without building span attributes). */
export const NOOP_SPAN: SpanHandle = { set() {}, rename() {}, end() {}, context: undefined };

/** Starts GenAI spans on a tracer (or does nothing without one). */
export class Tracing {
  readonly #api: OtelApi | null;
  readonly #tracer: OtelTracerLike | null;

  private constructor(api: OtelApi | null, tracer: OtelTracerLike | null) {
    this.#api = api;
    this.#tracer = tracer;
  }

  /**
   * Resolve the tracing option: `false` disables spans; a `Tracer` is used as is;
   * `undefined` uses the global tracer provider when `@opentelemetry/api` is installed.
   */
  static async create(option: OtelTracerLike | false | undefined): Promise<Tracing> {
    if (option === false) return new Tracing(null, null);
    const api = await loadOtelApi();
    if (!api) return new Tracing(null, null);
    return new Tracing(api, option ?? api.trace.getTracer(TELEMETRY_SCOPE));
  }

  /** Whether spans are recorded. */
  get enabled(): boolean {
    return this.#tracer !== null;
  }

  /** Start a span as a child of `parent` (or of the active context). */
  start(name: string, attributes: Attributes, parent?: SpanHandle, kind: 'client' | 'internal' = 'internal'): SpanHandle {
    const api = this.#api;
    const tracer = this.#tracer;
    if (!api || !tracer) return NOOP_SPAN;
    const parentCtx = parent?.context ?? api.context.active();
    const span: OtelSpanLike = tracer.startSpan(name, { attributes, kind: kind === 'client' ? api.SpanKind.CLIENT : api.SpanKind.INTERNAL }, parentCtx);
    const ctx = api.trace.setSpan(parentCtx, span);
    return {
      context: ctx,
      set: (a) => span.setAttributes(a),
      rename: (n) => span.updateName(n),
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
}
