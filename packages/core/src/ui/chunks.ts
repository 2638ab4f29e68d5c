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
  usage: {
    /** Prompt tokens. */
    inputTokens: number;
    /** Completion tokens. */
    outputTokens: number;
    /** Both. */
    totalTokens: number;
  };
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

/** One chunk of a UI message stream, as Graft sends it (the AI SDK's `UIMessageChunk` subset). */
export type UIStreamChunk =
  | {
      /** The assistant message starts. */
      type: 'start';
      /** Its id. */
      messageId?: string;
      /** App metadata for the message (`UIMessageStreamOptions.messageMetadata`). */
      messageMetadata?: unknown;
    }
  | {
      /** A model step starts or ends. */
      type: 'start-step' | 'finish-step';
    }
  | {
      /** A text or reasoning part opens or closes. */
      type: 'text-start' | 'text-end' | 'reasoning-start' | 'reasoning-end';
      /** The part's id. */
      id: string;
    }
  | {
      /** More text or reasoning for an open part. */
      type: 'text-delta' | 'reasoning-delta';
      /** The part's id. */
      id: string;
      /** The new text. */
      delta: string;
    }
  | {
      /** The model called a tool, with these arguments. */
      type: 'tool-input-available';
      /** The call's id. */
      toolCallId: string;
      /** The tool's name. */
      toolName: string;
      /** The arguments as the model sent them. */
      input: unknown;
      /** Graft's tools are not declared to the client, so they are dynamic tool parts. */
      dynamic: true;
    }
  | {
      /** A tool call finished. */
      type: 'tool-output-available';
      /** The call's id. */
      toolCallId: string;
      /** What the model received (parsed when it is JSON). */
      output: unknown;
      /** See `tool-input-available`. */
      dynamic: true;
    }
  | {
      /** A tool call failed (or was rejected or blocked). */
      type: 'tool-output-error';
      /** The call's id. */
      toolCallId: string;
      /** What the model was told. */
      errorText: string;
      /** See `tool-input-available`. */
      dynamic: true;
    }
  | {
      /** A tool call waits for the user's approval; answer with `addToolApprovalResponse`. */
      type: 'tool-approval-request';
      /** The agent's interrupt id (`readUIApprovalResponses` sends it back). */
      approvalId: string;
      /** The call's id. */
      toolCallId: string;
    }
  | {
      /** A tool asks the app for input (see {@link GraftInputData}). */
      type: 'data-graft-input';
      /** The interrupt id (the client keeps one part per id). */
      id: string;
      /** What is asked. */
      data: GraftInputData;
    }
  | {
      /** Progress a running tool reported (see {@link GraftProgressData}). */
      type: 'data-graft-progress';
      /** The progress. */
      data: GraftProgressData;
      /** Not kept in the message history. */
      transient: true;
    }
  | {
      /** The router chose a model (see {@link GraftRouteData}). */
      type: 'data-graft-route';
      /** The decision. */
      data: GraftRouteData;
      /** Not kept in the message history. */
      transient: true;
    }
  | {
      /** How the run ended (see {@link GraftRunData}). */
      type: 'data-graft-run';
      /** `run-<runId>`. */
      id: string;
      /** The outcome. */
      data: GraftRunData;
    }
  | {
      /** The message is complete. */
      type: 'finish';
      /** `stop`, `tool-calls` (interrupted: decide, then resume) or `content-filter` (a guard blocked the input). */
      finishReason?: 'stop' | 'tool-calls' | 'content-filter' | 'other';
      /** App metadata for the message. */
      messageMetadata?: unknown;
    }
  | {
      /** The stream was aborted. */
      type: 'abort';
      /** Why. */
      reason?: string;
    }
  | {
      /** The run failed. */
      type: 'error';
      /** What the client shows (a typed error's code and message). */
      errorText: string;
    };
