/** The Agent and its public types. */
export { Agent } from './agent.js';
export { hasToolCall, stepCountIs, type StepResult, type StopCondition } from './steps.js';
export type {
  AgentInput,
  AgentInputMessage,
  AgentUserMessage,
  OutputOf,
  AgentOptions,
  RunOptions,
  RunResult,
  DoneResult,
  InterruptedResult,
  BlockedResult,
  AgentInterrupt,
  ApprovalInterrupt,
  InputInterrupt,
  ResumeDecision,
  AgentStreamEvent,
} from './types.js';
export type { AgentRouter } from './model-driver.js';
export type { AgentGuards } from './guards-adapter.js';
