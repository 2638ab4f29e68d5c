/** Test fixture: the `done` event of a finished run, for UI stream tests that feed events by hand. */
import type { AgentStreamEvent, RunResult } from '@graft/core';

/** A finished run's result ('ok', one step). */
export const doneResult: RunResult = {
  status: 'done',
  output: 'ok',
  text: 'ok',
  threadId: 't',
  runId: 'r',
  messages: [],
  usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
  steps: 1,
} as RunResult;

/** The `done` event carrying {@link doneResult}. */
export const doneEvent: AgentStreamEvent = { type: 'done', result: doneResult };
