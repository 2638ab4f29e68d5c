/**
 * Per-run context handed to graph nodes through LangGraph's `context`: ids, the stream
 * sink, telemetry spans, the abort signal, and the in-memory side channel for input values.
 */
import type { SpanHandle } from '../telemetry/tracing.js';
import type { ToolCall, ToolMessage } from '@graft/providers';
import type { AgentStreamEvent } from './types.js';
import type { RunHooks } from './run-hooks.js';

/** @internal */
export interface RunContext {
  runId: string;
  threadId: string;
  /** True when the caller consumes stream events (model calls then stream too). */
  streaming: boolean;
  /**
   * Deliver a stream event (no-op when not streaming). Returns a promise when the reader is
   * `STREAM_EVENT_BUFFER` events behind: await it before making more (the model's deltas and
   * steps do), so a slow reader holds the run instead of a growing buffer.
   */
  push(event: AgentStreamEvent): Promise<void> | void;
  signal?: AbortSignal;
  /** The run's `invoke_agent` span (parent of chat and tool spans). */
  span: SpanHandle;
  /** Values given for `'input'` interrupts of this thread, by interrupt id. Never persisted. */
  inputs: ReadonlyMap<string, unknown>;
  /** The error that ended the run inside a node (re-thrown to the caller after the graph exits). */
  failure?: unknown;
  /** Set by the guard node when the input was blocked. */
  blocked?: { guard: string; reason: string };
  /**
   * Pause for a human: LangGraph's `interrupt` when the graph runs the step, a thrown
   * `DirectInterrupt` when the direct loop does (it then hands the step to the graph).
   */
  interrupt(value: unknown): unknown;
  /** True for an error a node must let through (an interrupt of either engine). */
  isBubble(error: unknown): boolean;
  /**
   * Tool calls the direct loop already ran in the step it hands to the graph, by call id:
   * their results (so they never run twice) or the interrupt they raised.
   */
  replay?: Map<string, ReplayEntry>;
  /** The run's per-run options (`instructions`, `context`, `output`, `stopWhen`, …); absent when it uses none. */
  hooks?: RunHooks;
  /** The state update and tool calls of the step the direct loop hands over (read by the graph's `handoff` node). */
  handoff?: { update: Record<string, unknown>; calls: ToolCall[] };
}

/** @internal What the direct loop learned about one tool call of an interrupted step. */
export type ReplayEntry = { result: { messages: ToolMessage[]; issues?: string[] } } | { interrupt: unknown };
