/**
 * The tool contract of `@graft/core`. Other packages (`@graft/modules`) implement
 * `ToolSource`; extend these types, don't break them.
 */
import type { JSONSchema } from '@graft/providers';

/**
 * What a tool's `execute` receives besides its arguments. `Ctx` is the type of the run's
 * `context` option (`defineTool`'s third type parameter).
 */
export interface ToolContext<Ctx = unknown> {
  /** The conversation thread this call belongs to. */
  threadId: string;
  /** The id of the model's tool call. */
  toolCallId: string;
  /**
   * The id of the run executing this call (the `runId` of its result and events). Always set by
   * the Agent; optional only so hand-made contexts (tests) stay valid.
   */
  runId?: string;
  /** Aborted when the run is cancelled or the tool's timeout passes. */
  signal: AbortSignal;
  /**
   * The `context` passed to this run (`agent.run(input, { context })`, or to `agent.resume`
   * for the part of a run after an interrupt); `undefined` when the run passed none. Held in
   * memory only: never sent to the model, never checkpointed.
   */
  context?: Ctx;
  /**
   * Pause the run and ask the host app for input (a LangGraph interrupt of kind `'input'`).
   * Resolves with the value the app passes to `agent.resume`. Never put the answer in the transcript.
   */
  requestInput<T = unknown>(request: InputRequest): Promise<T>;
  /**
   * Reports progress of this call into the run's own stream: the caller of `agent.stream` /
   * `agent.resumeStream` for this thread gets a `tool-progress` event carrying a JSON copy of
   * `update` (input values given to this thread are scrubbed from it). Nobody else sees it, so
   * an app never needs a global subscription to show a tool's progress. A no-op when the run
   * is not streamed and after the call finished. Always set by the Agent; optional only so
   * hand-made contexts (tests) stay valid.
   * @throws {ToolProgressError} `INVALID_TOOL_PROGRESS` when `update` is not a JSON object with a string `type`, or is larger than `MAX_TOOL_PROGRESS_CHARS`.
   */
  progress?(update: ToolProgress): void;
}

/**
 * A progress update a running tool reports with `ctx.progress`: `type` names its kind (e.g.
 * `'module.test'`); the other members are JSON data for the app's UI (never secrets).
 */
export interface ToolProgress {
  /** The kind of update, e.g. `'module.validated'`; namespace it by tool family. */
  type: string;
  /** JSON data of the update. */
  [key: string]: unknown;
}

/** A request for human input, carried by an `'input'` interrupt. */
export interface InputRequest {
  /** What is asked for, e.g. `'credentials'`. */
  type: string;
  /** Short text for the user. */
  message: string;
  /** Anything the app needs to render the prompt (never secrets). */
  data?: Record<string, unknown>;
  /**
   * Whether the answer may be secret (default `true`): then it is held in memory only, never
   * checkpointed, and a process restart before the tool finishes loses it. Set `false` for
   * answers that are safe to store (e.g. a yes/no approval) so they survive a restart.
   */
  sensitive?: boolean;
}

/**
 * A tool as the agent sees it: a name, a description, a JSON Schema for the model,
 * validation of the model's arguments, and `execute`.
 */
export interface Tool<Args = any, Result = unknown> {
  /** Unique name the model calls the tool by (`defineTool` accepts 1-64 letters, digits, `_` or `-`). */
  name: string;
  /** What the tool does and when to use it; the model reads it to decide whether to call the tool. */
  description: string;
  /** JSON Schema of the arguments, as sent to the model. */
  parameters: JSONSchema;
  /** Validate and coerce the model's arguments; return issues naming the bad fields. */
  parse(args: unknown):
    | {
        /** The arguments are valid. */
        ok: true;
        /** The validated (and coerced) arguments `execute` receives. */
        value: Args;
      }
    | {
        /** The arguments are invalid; the model gets the issues and may retry. */
        ok: false;
        /** One message per problem, naming the field. */
        issues: string[];
      };
  /** Whether this call needs the user's approval before it runs. */
  needsApproval?: boolean | ((args: Args, ctx: { threadId: string }) => boolean | Promise<boolean>);
  /** Per-call timeout, ms (default from the agent). */
  timeoutMs?: number;
  /**
   * Run the call with the validated arguments. The result goes to the model as text (strings
   * as is, anything else as JSON); a throw or timeout becomes an error result the model sees.
   */
  execute(args: Args, ctx: ToolContext): Promise<Result> | Result;
}

/** A set of tools that can change at runtime (e.g. installed modules). */
export interface ToolSource {
  /** The tools available now. Called on every model step; keep it cheap. */
  list(): Tool[];
  /** Called whenever the list changes; returns an unsubscribe function. */
  subscribe(onChange: () => void): () => void;
}
