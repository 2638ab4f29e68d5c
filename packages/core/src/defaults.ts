/**
 * Defaults and limits of the `@graft/core` Agent, tools and telemetry, in one place.
 * Every option that falls back to one of these names it in its TSDoc.
 */

/** Maximum model steps (model calls) in one run before it ends with `StepLimitError`. */
export const DEFAULT_MAX_STEPS = 25;

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

/** Nesting depth up to which an opted-in LangSmith trace payload is PII-redacted; deeper values are replaced by `[omitted]`. */
export const MAX_TRACE_REDACT_DEPTH = 32;
