/**
 * LangChain callbacks and LangSmith tracing around the agent's LangGraph runs.
 *
 * By default a graph run sees no LangChain tracing at all, even with `LANGSMITH_TRACING=true`
 * in the environment: it runs inside a context whose LangSmith run tree is disabled, which
 * is how LangChain itself marks "not traced", so neither LangGraph nor anything a node
 * starts attaches the environment's tracer. Transcripts (user input, tool results, PII the
 * guards redacted for the model) therefore never leave the process through LangSmith.
 *
 * With `langchainTracing: true` (and tracing enabled in the environment), the run gets one
 * LangSmith tracer whose client redacts every input, output, error and event of every run
 * before it is queued for sending: PII is replaced by placeholders, as the guards do.
 */
import { redactPII } from '../guards/index.js';
import { MAX_TRACE_REDACT_DEPTH } from '../defaults.js';

type Singletons = typeof import('@langchain/core/singletons');
type TracerModule = typeof import('@langchain/core/tracers/tracer_langchain');

/** The environment variables that switch LangChain's tracing on (as `@langchain/core` reads them). */
const TRACING_ENV = ['LANGSMITH_TRACING_V2', 'LANGCHAIN_TRACING_V2', 'LANGSMITH_TRACING', 'LANGCHAIN_TRACING'];

/** @internal True when the environment asks LangChain to trace. */
export function tracingRequested(): boolean {
  return TRACING_ENV.some((name) => process.env[name] === 'true');
}

let disabledTree: unknown;

/**
 * @internal Run `fn` (a LangGraph call) with LangChain tracing off for everything inside:
 * the context holds a run tree with `tracingEnabled: false`, made once by LangChain itself
 * in an empty context (so it never inherits an app's active trace).
 */
export function untraced<T>(singletons: Singletons, fn: () => Promise<T>): Promise<T> {
  const als = singletons.AsyncLocalStorageProviderSingleton;
  const storage = als.getInstance();
  disabledTree ??= storage.run(undefined as never, () => als.runWithConfig({}, () => storage.getStore()));
  return storage.run(disabledTree as never, fn);
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

/** @internal The one tracer an opted-in agent passes to its graph runs (LangSmith client from the environment, redacting). */
export function redactingTracer(mod: TracerModule): InstanceType<TracerModule['LangChainTracer']> {
  const plain = new mod.LangChainTracer();
  return new mod.LangChainTracer({ client: redactingClient(plain.client as object) as typeof plain.client });
}
