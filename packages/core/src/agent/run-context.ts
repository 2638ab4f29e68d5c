/**
 * Per-run context handed to graph nodes through LangGraph's `context`: ids, the stream
 * sink, telemetry spans, the abort signal, and the in-memory side channel for input values.
 */
import type { SpanHandle } from '../telemetry/tracing.js';
import type { AgentStreamEvent } from './types.js';

/** @internal */
export interface RunContext {
  runId: string;
  threadId: string;
  /** True when the caller consumes stream events (model calls then stream too). */
  streaming: boolean;
  /** Deliver a stream event (no-op when not streaming). */
  push(event: AgentStreamEvent): void;
  signal?: AbortSignal;
  /** The run's `invoke_agent` span (parent of chat and tool spans). */
  span: SpanHandle;
  /** Values given for `'input'` interrupts of this thread, by interrupt id. Never persisted. */
  inputs: Map<string, unknown>;
  /** The error that ended the run inside a node (re-thrown to the caller after the graph exits). */
  failure?: unknown;
  /** Set by the guard node when the input was blocked. */
  blocked?: { guard: string; reason: string };
}
