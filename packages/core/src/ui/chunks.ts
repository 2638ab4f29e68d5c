/**
 * The parts of the AI SDK's UI message stream protocol (v1) that Graft sends, declared here so
 * `@graft/core` does not depend on the `ai` package. A `useChat` client (`@ai-sdk/react`, Vue,
 * Svelte) reads them as they are; Graft's own data parts carry the `graft-` prefix.
 * @module
 */
import type { AgentInterrupt, RunResult } from '../agent/types.js';
import type { RouteDecisionInfo } from '../telemetry/events.js';

/** The protocol version sent in the `x-vercel-ai-ui-message-stream` header. */
export const UI_MESSAGE_STREAM_VERSION = 'v1';

/** Headers of a UI message stream response (SSE; no proxy buffering). */
export const UI_MESSAGE_STREAM_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-vercel-ai-ui-message-stream': UI_MESSAGE_STREAM_VERSION,
  'x-accel-buffering': 'no',
});

/**
 * `data-graft-input`: a tool asks the app for input (module approval, credentials, any
 * `ctx.requestInput`). Render a form from `request`; answer with `agent.resume(threadId,
 * { id, type: 'input', value })` (the module approval card, for instance, sends the bundle hash).
 */
export interface GraftInputData {
  /** The interrupt id to resume with. */
  id: string;
  /** The tool that asks. */
  tool: string;
  /** The model's id for the call that asks. */
  toolCallId: string;
  /** What is asked: `type` (e.g. `module_approval`, `module_credentials`), a prompt and data to show. */
  request: Extract<AgentInterrupt, { kind: 'input' }>['request'];
}

/** `data-graft-progress` (transient): progress a tool reported while it runs (e.g. a module build's phase). */
export interface GraftProgressData {
  /** The tool that reports. */
  tool?: string;
  /** The call that reports. */
  toolCallId?: string;
  /** What the tool reported (its own documented shape, e.g. a module event). */
  progress: unknown;
}

/** `data-graft-route` (transient): the router chose a model for a step. */
export interface GraftRouteData {
  /** Model step index. */
  step: number;
  /** What the router chose and why. */
  decision: RouteDecisionInfo;
}

/** `data-graft-run`: how the run ended, sent once before `finish`. */
export interface GraftRunData {
  /** The thread (send it back with the next message). */
  threadId: string;
  /** The run id. */
  runId: string;
  /** `done`, `interrupted` (decide the interrupts, then resume) or `blocked` (a guard refused the input). */
  status: RunResult['status'];
  /** The pending interrupts' ids (approvals arrive as `tool-approval-request`, inputs as `data-graft-input`). */
  interrupts: string[];
  /** Tokens used by the run. */
  usage: { inputTokens: number; outputTokens: number; totalTokens: number };
}

/** The data parts Graft sends, by name (for `UIMessage<unknown, GraftUIDataTypes>` in a client). */
export interface GraftUIDataTypes {
  /** See {@link GraftInputData}. */
  'graft-input': GraftInputData;
  /** See {@link GraftProgressData}. */
  'graft-progress': GraftProgressData;
  /** See {@link GraftRouteData}. */
  'graft-route': GraftRouteData;
  /** See {@link GraftRunData}. */
  'graft-run': GraftRunData;
  /** Allows the `UIDataTypes` index signature of a client's message type. */
  [name: string]: unknown;
}

/** One chunk of a UI message stream, as Graft sends it. */
export type UIStreamChunk =
  | { type: 'start'; messageId?: string; messageMetadata?: unknown }
  | { type: 'start-step' }
  | { type: 'finish-step' }
  | { type: 'text-start' | 'text-end' | 'reasoning-start' | 'reasoning-end'; id: string }
  | { type: 'text-delta' | 'reasoning-delta'; id: string; delta: string }
  | { type: 'tool-input-available'; toolCallId: string; toolName: string; input: unknown; dynamic: true }
  | { type: 'tool-output-available'; toolCallId: string; output: unknown; dynamic: true }
  | { type: 'tool-output-error'; toolCallId: string; errorText: string; dynamic: true }
  | { type: 'tool-approval-request'; approvalId: string; toolCallId: string }
  | { type: 'data-graft-input'; id: string; data: GraftInputData }
  | { type: 'data-graft-progress'; data: GraftProgressData; transient: true }
  | { type: 'data-graft-route'; data: GraftRouteData; transient: true }
  | { type: 'data-graft-run'; id: string; data: GraftRunData }
  | { type: 'finish'; finishReason?: 'stop' | 'tool-calls' | 'content-filter' | 'other'; messageMetadata?: unknown }
  | { type: 'abort'; reason?: string }
  | { type: 'error'; errorText: string };
