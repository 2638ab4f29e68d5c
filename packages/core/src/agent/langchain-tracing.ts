/**
 * LangChain callbacks and LangSmith tracing around the agent's LangGraph runs.
 *
 * By default no agent run is traced by LangChain, even with `LANGSMITH_TRACING=true` in the
 * environment. Turns on idle threads run in the direct loop, which starts no LangChain
 * machinery at all. A LangGraph run (resume, hand-over, other durability) gets, whenever the
 * environment asks for tracing, one LangSmith tracer of its own whose client discards every
 * run: LangChain sees a tracer already attached and adds none of its own, so transcripts
 * (user input, tool results, PII the guards redacted for the model) never leave the process.
 *
 * With `langchainTracing: true` that tracer's client forwards to the environment's LangSmith
 * client instead, after redacting every run's inputs, outputs, error and events: PII is
 * replaced by placeholders, as the guards do.
 */
import { redactPII } from '../guards/index.js';
import { MAX_TRACE_REDACT_DEPTH } from '../defaults.js';

type TracerModule = typeof import('@langchain/core/tracers/tracer_langchain');

/** The environment variables that switch LangChain's tracing on (as `@langchain/core` reads them). */
const TRACING_ENV = ['LANGSMITH_TRACING_V2', 'LANGCHAIN_TRACING_V2', 'LANGSMITH_TRACING', 'LANGCHAIN_TRACING'];

/** @internal True when the environment asks LangChain to trace. */
export function tracingRequested(): boolean {
  return TRACING_ENV.some((name) => process.env[name] === 'true');
}

/** @internal Replace PII in every string of a JSON-like value (depth-capped; deeper values are dropped). */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactPII(value, { reversible: false }).text;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_TRACE_REDACT_DEPTH) return '[omitted]';
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, depth + 1);
  return out;
}

/** The parts of a LangSmith run that carry content (everything else is ids, names, times). */
const CONTENT_KEYS = ['inputs', 'outputs', 'error', 'events'] as const;

function redactRun<T>(run: T): T {
  if (!run || typeof run !== 'object') return run;
  const copy = { ...(run as Record<string, unknown>) };
  for (const key of CONTENT_KEYS) if (copy[key] !== undefined) copy[key] = redactDeep(copy[key]);
  return copy as T;
}

/** A LangSmith client that redacts each run before the real client sees it. */
function redactingClient<C extends object>(client: C): C {
  return new Proxy(client, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      if (prop === 'createRun') return (run: unknown, ...rest: unknown[]) => value.call(target, redactRun(run), ...rest);
      if (prop === 'updateRun') return (id: unknown, run: unknown, ...rest: unknown[]) => value.call(target, id, redactRun(run), ...rest);
      if (prop === 'batchIngestRuns' || prop === 'multipartIngestRuns') {
        return (batch: { runCreates?: unknown[]; runUpdates?: unknown[] }, ...rest: unknown[]) =>
          value.call(target, { ...batch, runCreates: batch?.runCreates?.map(redactRun), runUpdates: batch?.runUpdates?.map(redactRun) }, ...rest);
      }
      return value.bind(target);
    },
  });
}

/** A LangSmith client that accepts every call and sends nothing. */
function discardingClient(): object {
  return new Proxy({}, { get: (_t, prop) => (prop === 'then' ? undefined : async () => undefined) });
}

/**
 * @internal The tracer a graph run gets when the environment asks for tracing: discarding
 * everything (default) or redacting before the environment's LangSmith client (opt-in).
 */
export function graphTracer(mod: TracerModule, optIn: boolean): InstanceType<TracerModule['LangChainTracer']> {
  if (!optIn) return new mod.LangChainTracer({ client: discardingClient() as never });
  const plain = new mod.LangChainTracer();
  return new mod.LangChainTracer({ client: redactingClient(plain.client as object) as typeof plain.client });
}
