/**
 * Typed errors of `@graft/core`. Every public failure is one of these (or a typed error of
 * `@graft/providers`): a stable `code` to branch on and a message that says what to do next.
 */
import { GraftError } from '@graft/providers';
import type { McpErrorCode } from './mcp/errors.js';
import type { RouterErrorCode } from './router/errors.js';
import type { StoreErrorCode } from './store/errors.js';

/** Stable codes of every `@graft/core` error (the agent's, the router's, the store's and MCP's). */
export type CoreErrorCode =
  | 'INVALID_AGENT_CONFIG'
  | 'INVALID_TOOL_DEFINITION'
  | 'INVALID_INPUT'
  | 'INPUT_TOO_LARGE'
  | 'STEP_LIMIT'
  | 'TOOL_REPAIR_LIMIT'
  | 'THREAD_BUSY'
  | 'THREAD_INTERRUPTED'
  | 'NO_PENDING_INTERRUPT'
  | 'INTERRUPT_MISMATCH'
  | 'INVALID_DECISION'
  | 'INPUT_UNAVAILABLE'
  | 'MODEL_CALL_FAILED'
  | 'MISSING_OPTIONAL_DEPENDENCY'
  | 'RUN_ABORTED'
  | 'INVALID_TOOL_PROGRESS'
  | 'AGENT_OUTPUT_INVALID'
  | 'INVALID_RUN_OPTIONS'
  | 'ROUTER_CONFIG_INVALID'
  | RouterErrorCode
  | StoreErrorCode
  | McpErrorCode;

/** Base class of every `@graft/core` error (a {@link GraftError}). Branch on `code`, not on the message. */
export class GraftCoreError<Code extends CoreErrorCode = CoreErrorCode> extends GraftError<Code> {}

/** The agent was configured wrongly (e.g. neither `provider` nor `router`). */
export class AgentConfigError extends GraftCoreError {
  constructor(message: string) {
    super('INVALID_AGENT_CONFIG', message);
  }
}

/** `defineTool` or the tool registry got an invalid or duplicate tool. */
export class ToolDefinitionError extends GraftCoreError {
  constructor(message: string) {
    super('INVALID_TOOL_DEFINITION', message);
  }
}

/** The user input was empty or not a string. */
export class InvalidInputError extends GraftCoreError {
  constructor(message = 'The input is empty. Pass a non-empty string to agent.run / agent.stream.') {
    super('INVALID_INPUT', message);
  }
}

/** The user input is longer than the agent's `maxInputChars`. */
export class InputTooLargeError extends GraftCoreError {
  /** Length of the refused input, in characters. */
  readonly length: number;
  /** The limit that applied. */
  readonly limit: number;
  constructor(length: number, limit: number) {
    super('INPUT_TOO_LARGE', `The input has ${length} characters; the limit is ${limit}. Shorten it, split it, or raise \`maxInputChars\` on the Agent.`);
    this.length = length;
    this.limit = limit;
  }
}

/** The run used up `maxSteps` model calls without a final answer. */
export class StepLimitError extends GraftCoreError {
  /** The limit that applied. */
  readonly limit: number;
  constructor(limit: number) {
    super(
      'STEP_LIMIT',
      `The run reached the step limit (${limit} model calls) without a final answer. Raise \`maxSteps\`, or ask a narrower question; the thread is kept and can be continued with another run.`,
    );
    this.limit = limit;
  }
}

/** The model kept producing unusable tool calls after `maxToolRepairs` chances to repair them. */
export class ToolRepairLimitError extends GraftCoreError {
  /** The limit that applied. */
  readonly limit: number;
  /** The last problems reported to the model (tool names and bad fields; never argument values). */
  readonly issues: string[];
  constructor(limit: number, issues: string[]) {
    super(
      'TOOL_REPAIR_LIMIT',
      `The model sent unusable tool calls ${limit + 1} steps in a row (${issues.join('; ')}). Check the tool's schema and description, use a stronger model, or raise \`maxToolRepairs\`.`,
    );
    this.limit = limit;
    this.issues = issues;
  }
}

/** Another run is already active on this thread in this process. */
export class ThreadBusyError extends GraftCoreError {
  constructor(threadId: string) {
    super('THREAD_BUSY', `Thread "${threadId}" already has an active run. Wait for it to finish before starting or resuming another.`);
  }
}

/** `agent.run` was called on a thread that waits for `agent.resume`. */
export class ThreadInterruptedError extends GraftCoreError {
  /** Id of the pending interrupt. */
  readonly interruptId: string;
  constructor(threadId: string, interruptId: string) {
    super(
      'THREAD_INTERRUPTED',
      `Thread "${threadId}" is waiting for a decision on interrupt "${interruptId}". Call agent.resume(threadId, { id, ... }) first.`,
    );
    this.interruptId = interruptId;
  }
}

/** `agent.resume` was called on a thread that is not waiting for anything. */
export class NoPendingInterruptError extends GraftCoreError {
  constructor(threadId: string) {
    super('NO_PENDING_INTERRUPT', `Thread "${threadId}" has no pending interrupt to resume. Start a new run with agent.run instead.`);
  }
}

/** The decision's `id` names no pending interrupt of this thread (stale, replayed or for another call). */
export class InterruptMismatchError extends GraftCoreError {
  /** The id the decision carried. */
  readonly decisionId: string;
  /** The ids of the interrupts actually pending. */
  readonly pendingIds: string[];
  constructor(threadId: string, decisionId: string, pendingIds: string[]) {
    super(
      'INTERRUPT_MISMATCH',
      `The decision is for interrupt "${decisionId}", but thread "${threadId}" waits on ${pendingIds.map((i) => `"${i}"`).join(', ')}. Resume with the id of the pending interrupt; the thread stays interrupted.`,
    );
    this.decisionId = decisionId;
    this.pendingIds = pendingIds;
  }
}

/** The decision does not fit the pending interrupt (wrong kind, or edited arguments that fail validation). */
export class InvalidDecisionError extends GraftCoreError {
  /** Problems found (e.g. the bad fields of edited arguments). */
  readonly issues: string[];
  constructor(message: string, issues: string[] = []) {
    super('INVALID_DECISION', `${message} The thread stays interrupted; resume again with a valid decision.`);
    this.issues = issues;
  }
}

/** A tool asked for input (`ctx.requestInput`) whose value is no longer held (the process restarted mid-tool). */
export class InputUnavailableError extends GraftCoreError {
  constructor() {
    super(
      'INPUT_UNAVAILABLE',
      'The value given for an earlier input request is no longer available (input values are never persisted). Ask for all inputs in one request, or re-run the tool.',
    );
  }
}

/** The model call failed with an error that carried no code of its own. */
export class ModelCallError extends GraftCoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('MODEL_CALL_FAILED', `The model call failed: ${message}. Check the provider's URL, key and model, then retry the run.`, options);
  }
}

/** An optional peer dependency (e.g. `prom-client`) is needed but not installed. */
export class OptionalDependencyError extends GraftCoreError {
  constructor(pkg: string, feature: string) {
    super('MISSING_OPTIONAL_DEPENDENCY', `${feature} needs the optional package "${pkg}". Install it: npm install ${pkg}`);
  }
}

/** The run was cancelled through its `AbortSignal`. The thread keeps its state from before the run. */
export class RunAbortedError extends GraftCoreError {
  constructor(options?: { cause?: unknown }) {
    super('RUN_ABORTED', 'The run was aborted by its AbortSignal. Start a new run (or resume) when ready.', options);
  }
}

/** A tool's `ctx.progress(update)` got something that is not a small JSON object with a string `type`. */
export class ToolProgressError extends GraftCoreError {
  constructor(reason: string) {
    super(
      'INVALID_TOOL_PROGRESS',
      `ctx.progress(update) refused the update: ${reason}. Pass a plain JSON object with a string \`type\`, e.g. { type: 'step', done: 3 }.`,
    );
  }
}

/**
 * The run asked for structured `output` and the model's final answer still failed the schema
 * (or was not JSON) after `DEFAULT_OUTPUT_REPAIR_ATTEMPTS` corrections, or the run stopped
 * (`stopWhen`) before a final answer.
 */
export class OutputInvalidError extends GraftCoreError {
  /** The problems with the last answer (field paths and messages; never the values). */
  readonly issues: string[];
  constructor(message: string, issues: string[]) {
    super('AGENT_OUTPUT_INVALID', message);
    this.issues = issues;
  }
}

/** A per-run option (`output`, `stopWhen`, `onStepFinish`, `instructions`, `maxSteps`) is invalid. */
export class RunOptionsError extends GraftCoreError {
  constructor(message: string) {
    super('INVALID_RUN_OPTIONS', message);
  }
}
