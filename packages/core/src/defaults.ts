/**
 * Defaults and limits of the `@graft/core` Agent, tools and telemetry, in one place.
 * Every option that falls back to one of these names it in its TSDoc.
 */

/** Maximum model steps (model calls) in one run before it ends with `StepLimitError`. */
export const DEFAULT_MAX_STEPS = 25;

/**
 * LangGraph's recursion limit for a run of `maxSteps` model steps: each step is two supersteps
 * (model, then tools), plus this many for the guard, hand-off and final nodes. Graft enforces
 * `maxSteps` itself (`STEP_LIMIT`); this only keeps LangGraph's own limit out of the way.
 */
export const GRAPH_SUPERSTEPS_PER_STEP = 2;
/** See {@link GRAPH_SUPERSTEPS_PER_STEP}: supersteps a run may take beyond its model and tool steps. */
export const GRAPH_EXTRA_SUPERSTEPS = 10;

/** Per-call tool timeout in milliseconds, when neither the tool nor the agent sets one. */
export const DEFAULT_TOOL_TIMEOUT_MS = 30_000;

/**
 * Consecutive model steps whose tool calls were all unusable (invalid or non-JSON arguments,
 * unknown tool) the model may repair before the run ends with `ToolRepairLimitError`.
 */
export const DEFAULT_MAX_TOOL_REPAIRS = 3;

/** Largest user input (characters) `agent.run` accepts; larger input is refused with `InputTooLargeError`. */
export const DEFAULT_MAX_INPUT_CHARS = 200_000;

/** Largest tool result (characters) sent to the model; longer results are cut and marked as truncated. */
export const DEFAULT_MAX_TOOL_RESULT_CHARS = 50_000;

/** Maximum number of threads whose interrupt-input values are held in memory at once. */
export const MAX_PENDING_INPUT_THREADS = 1_000;

/** How LangGraph checkpoints a run by default: only when the run exits or is interrupted. */
export const DEFAULT_DURABILITY = 'exit' as const;

/** The instrumentation scope name used for OpenTelemetry tracers and metric prefixes. */
export const TELEMETRY_SCOPE = '@graft/core';

/** Prefix of every Prometheus metric name created by `createPrometheusMetrics`. */
export const METRICS_PREFIX = 'graft_';

/** Histogram buckets (seconds) for model and tool latency metrics. */
export const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** Histogram buckets for token counts per model call. */
export const TOKEN_BUCKETS = [16, 64, 256, 1024, 4096, 16384, 65536, 262144];

/** Maximum number of threads whose PII vaults (placeholder → value, in memory only) are kept at once. */
export const MAX_VAULT_THREADS = 1_000;

/** Input values (`ctx.requestInput`) shorter than this are not scrubbed from tool results (too likely to collide). */
export const MIN_SCRUB_CHARS = 6;

/** What replaces an input value (or its base64/hex/URL form) found in a tool result or tool error. */
export const REDACTED_INPUT = '[REDACTED_INPUT]';

/** Largest `ctx.progress` update (characters of its JSON) a tool may put into the run's stream. */
export const MAX_TOOL_PROGRESS_CHARS = 16_000;

/** Nesting depth up to which an opted-in LangSmith trace payload is PII-redacted; deeper values are replaced by `[omitted]`. */
export const MAX_TRACE_REDACT_DEPTH = 32;
/** Tools one model step offers when the agent has more (ranked by relevance; plus always-on, used and `search_tools`). */
export const DEFAULT_RETRIEVED_TOOLS = 16;

/** Tool retrieval starts when an agent has more tools than this (below it every tool is sent). */
export const DEFAULT_RETRIEVAL_THRESHOLD = 32;

/** How many recent user messages form a step's tool-retrieval query. */
export const DEFAULT_RETRIEVAL_QUERY_MESSAGES = 2;

/** Tools a thread already called or found with `search_tools` that stay offered (most recent first). */
export const DEFAULT_MAX_KEPT_TOOLS = 16;

/** Tools `search_tools` returns when the model names no limit. */
export const DEFAULT_SEARCH_TOOLS_RESULTS = 8;

/** Most tools one `search_tools` call may return. */
export const MAX_SEARCH_TOOLS_RESULTS = 25;

/** Texts sent in one `/embeddings` request by the embedding ranker. */
export const EMBEDDING_BATCH_SIZE = 128;

/** Per-call timeout of a tool on an MCP server, ms. */
export const DEFAULT_MCP_CALL_TIMEOUT_MS = 60_000;

/** How long connecting to an MCP server (and listing its tools) may take, ms. */
export const DEFAULT_MCP_CONNECT_TIMEOUT_MS = 15_000;

/** Reconnect attempts after an MCP server connection drops. */
export const DEFAULT_MCP_MAX_RECONNECTS = 3;

/** First delay between MCP reconnect attempts, ms (doubled each attempt). */
export const DEFAULT_MCP_RECONNECT_DELAY_MS = 250;

/** Most tools taken from one MCP server (further pages are ignored). */
export const MAX_MCP_TOOLS_PER_SERVER = 1_000;

/** Share of a matching tool's score the lexical ranker gives to same-named tools of other modules (near-duplicates). */
export const DEFAULT_SIBLING_FACTOR = 0.8;

/** How many times a run sends a final answer that fails its `output` schema back to the model before `AGENT_OUTPUT_INVALID`. */
export const DEFAULT_OUTPUT_REPAIR_ATTEMPTS = 2;
