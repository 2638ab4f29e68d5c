/**
 * Step control: what a finished model step looks like (`onStepFinish`), and the conditions
 * that stop a run early (`stopWhen`) with the helpers `stepCountIs` and `hasToolCall`.
 */
import type { FinishReason, ToolCall, ToolMessage, Usage } from '@graft/providers';

/**
 * One finished step of a run: a model call and, when it asked for tools, their results.
 * Reported by `onStepFinish` and read by `stopWhen` conditions.
 */
export interface StepResult {
  /** Index of the step in this run, from 0 (a resumed run counts from its own start). */
  stepNumber: number;
  /** The model's text in this step (often empty when it only called tools). */
  text: string;
  /** The tool calls the model made in this step (arguments as the model sent them). */
  toolCalls: ToolCall[];
  /** What each tool call returned to the model (errors included, with `isError`). */
  toolResults: ToolMessage[];
  /**
   * Tokens of this step's model call. Zero for a step whose model call happened before an
   * interrupt and whose tools finished in the resumed run (that call was counted by the first run).
   */
  usage: Usage;
  /** Why the model stopped in this step (`'tool_calls'` when the call happened before an interrupt). */
  finishReason: FinishReason;
}

/**
 * Decides after a step with tool calls whether the run stops there (the tool results stay in
 * the thread; the result's `text` is the last model text). Gets every step of this run so far.
 */
export type StopCondition = (state: {
  /** The steps of this run so far, the last one just finished. */
  steps: readonly StepResult[];
}) => boolean | Promise<boolean>;

/**
 * Stop once the run has taken `count` steps.
 * @example
 * ```ts
 * await agent.run('Plan my trip', { stopWhen: stepCountIs(3) });
 * ```
 */
export function stepCountIs(count: number): StopCondition {
  return ({ steps }) => steps.length >= count;
}

/**
 * Stop after a step in which the model called the tool `name` (e.g. a `final_answer` tool).
 * @example
 * ```ts
 * await agent.run('Book it', { stopWhen: [hasToolCall('book'), stepCountIs(10)] });
 * ```
 */
export function hasToolCall(name: string): StopCondition {
  return ({ steps }) => steps[steps.length - 1]?.toolCalls.some((c) => c.name === name) ?? false;
}
