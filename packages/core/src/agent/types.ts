/**
 * Public types of the Agent: options, run results, interrupts, resume decisions and
 * stream events.
 */
import type { AssistantMessage, ChatProvider, Message, ToolMessage, Usage, UserContentPart } from '@graft/providers';
import type { BaseCheckpointSaver } from '@langchain/langgraph';
import type { OtelTracerLike } from '../telemetry/peer-shapes.js';
import type { InputRequest, Tool, ToolProgress, ToolSource } from '../tools/types.js';
import type { ToolRetrievalOptions } from '../tools/retrieval/types.js';
import type { AgentMetrics } from '../telemetry/metrics.js';
import type { RouteDecisionInfo } from '../telemetry/events.js';
import type { GraftStore } from '../store/index.js';
import type { AgentGuards } from './guards-adapter.js';
import type { SpotlightOptions } from '../guards/spotlight.js';
import type { AgentRouter } from './model-driver.js';
import type { AnySchema, InferSchema } from '../tools/standard-schema.js';
import type { StepResult, StopCondition } from './steps.js';

/** Options of `new Agent(...)`. Give exactly one of `provider` or `router`. */
export interface AgentOptions {
  /** Name used in spans (`gen_ai.agent.name`). Default `'graft-agent'`. */
  name?: string;
  /** The model provider (e.g. `openaiCompatible(...)`). */
  provider?: ChatProvider;
  /** A tier router (`createRouter(...)`); each model step asks it. */
  router?: AgentRouter;
  /** System prompt, sent first on every model step (not stored in the thread). */
  instructions?: string;
  /** Tools available from the start (more via `agent.tools.add`). */
  tools?: Tool[];
  /** Tool sources whose tools change at runtime (e.g. installed modules). */
  toolSources?: ToolSource[];
  /**
   * Per-step tool retrieval: with more than `threshold` tools (default `DEFAULT_RETRIEVAL_THRESHOLD`),
   * each model step offers the `maxTools` most relevant ones (default `DEFAULT_RETRIEVED_TOOLS`),
   * the ones the thread used, always-on tools and a `search_tools` meta-tool. `false` sends
   * every tool on every step.
   */
  toolRetrieval?: ToolRetrievalOptions | false;
  /** Persist threads in this store (via `createCheckpointer(store)`). Default: in memory. */
  store?: GraftStore;
  /** A LangGraph checkpointer to use instead of `store`. */
  checkpointer?: BaseCheckpointSaver;
  /** Guards (`createGuards(...)`): input inspection, tool-result inspection, response cache. */
  guards?: AgentGuards;
  /**
   * Spotlighting of tool results (default on, `{ mode: 'mark' }`): each result is delimited
   * and data-marked before the model sees it, and the system prompt says marked text is data,
   * never instructions (a 69-token sentence). `false` turns it off. Costs about 40 tokens per result plus one per line
   * (see the guards benchmark).
   */
  spotlight?: boolean | SpotlightOptions;
  /** Model calls per run before `StepLimitError` (default `DEFAULT_MAX_STEPS`). */
  maxSteps?: number;
  /** Consecutive unusable tool-call steps the model may repair (default `DEFAULT_MAX_TOOL_REPAIRS`). */
  maxToolRepairs?: number;
  /** Tool timeout in ms when the tool sets none (default `DEFAULT_TOOL_TIMEOUT_MS`). */
  toolTimeoutMs?: number;
  /** Largest accepted input (default `DEFAULT_MAX_INPUT_CHARS`). */
  maxInputChars?: number;
  /** Longest tool result sent to the model (default `DEFAULT_MAX_TOOL_RESULT_CHARS`). */
  maxToolResultChars?: number;
  /**
   * When LangGraph writes checkpoints: `'exit'` (default: when a run ends or is interrupted,
   * which is what approvals need to survive a restart), `'async'` or `'sync'` (after every step).
   */
  durability?: 'exit' | 'async' | 'sync';
  /** Model request options passed through on every step. */
  model?: string;
  /** Sampling temperature passed through on every step. */
  temperature?: number;
  /** Max output tokens passed through on every step. */
  maxTokens?: number;
  /** OpenTelemetry tracer; `false` disables spans. Default: the global tracer when `@opentelemetry/api` is installed. */
  tracer?: OtelTracerLike | false;
  /** Where to record metrics (e.g. `await createPrometheusMetrics()`). Default: nothing. */
  metrics?: AgentMetrics;
  /**
   * Let LangChain's own tracing (LangSmith, switched on by `LANGSMITH_TRACING=true` and
   * configured by the `LANGSMITH_*` environment) record this agent's LangGraph runs.
   * Default `false`: the agent's runs are never traced by LangChain, whatever the
   * environment says, so transcripts cannot leave the process that way. When `true`, every
   * run goes through LangGraph (slower than the default direct loop) and every traced input,
   * output, error and event is PII-redacted before it is sent.
   */
  langchainTracing?: boolean;
}

/** A user message given to `agent.run`: text, or parts (text and images by URL or `data:` URL). */
export interface AgentUserMessage {
  /** Discriminant. */
  role: 'user';
  /** Text, or parts: `{ type: 'text', text }` and `{ type: 'image', image: 'https://…' | 'data:image/png;base64,…' }`. */
  content: string | UserContentPart[];
}

/**
 * A message of `agent.run(messages)`: user messages (with image parts), and assistant and
 * tool messages to replay earlier turns. The array must end with a user message.
 */
export type AgentInputMessage = AgentUserMessage | AssistantMessage | ToolMessage;

/** What `agent.run` / `agent.stream` take: one user text, or messages appended to the thread in order. */
export type AgentInput = string | AgentInputMessage[];

/**
 * Options of one run. `Output` (a zod or Standard Schema given as `output`) types the result's
 * `output`; `Ctx` types `context`.
 */
export interface RunOptions<Output extends AnySchema | undefined = undefined, Ctx = unknown> {
  /** The conversation thread; a new random id when omitted (returned in the result). */
  threadId?: string;
  /** Cancels the run (model calls and tools get the signal). */
  signal?: AbortSignal;
  /** Appended to the agent's system prompt for this run only (never stored in the thread). */
  instructions?: string;
  /**
   * Data for this run's tools (`ctx.context` in `execute`), e.g. the signed-in user. Held in
   * memory only: never sent to the model, never written to the store or checkpoints. A run
   * that pauses for an interrupt does not keep it: pass it to `agent.resume` again.
   */
  context?: Ctx;
  /**
   * Structured output: the final answer must be JSON matching this schema (zod 4, zod 3 or any
   * Standard Schema). The model is asked for JSON (`response_format: json_schema` when the
   * schema converts to JSON Schema, else by instructions); an invalid answer is sent back with
   * its issues up to `DEFAULT_OUTPUT_REPAIR_ATTEMPTS` times, then the run fails with
   * `AGENT_OUTPUT_INVALID`. The result's `output` is the validated value. Pass it to
   * `agent.resume` too when the run may pause.
   */
  output?: Output;
  /**
   * Stop the run after a step with tool calls when a condition holds (any of an array), e.g.
   * `stepCountIs(3)` or `hasToolCall('finish')`. `maxSteps` still applies.
   */
  stopWhen?: StopCondition | StopCondition[];
  /** Called when each step finished (its model call and its tool results). A throw fails the run with that error. */
  onStepFinish?: (step: StepResult) => void | Promise<void>;
  /** Model calls for this run before `StepLimitError` (default: the agent's `maxSteps`). */
  maxSteps?: number;
}

/** The `output` type of a run with `output` schema `O`: the schema's parsed type, or the text without one. */
export type OutputOf<O extends AnySchema | undefined> = O extends AnySchema ? InferSchema<O> : string;

/** A pending approval: the model wants to call `tool` with `args`. */
export interface ApprovalInterrupt {
  /** Discriminator: an approval is asked. */
  kind: 'approval';
  /** Pass this id back in the decision. */
  id: string;
  /** The tool the model wants to call. */
  tool: string;
  /** The model's id for this call. */
  toolCallId: string;
  /** The arguments as the model sent them (PII placeholders not restored). */
  args: Record<string, unknown>;
}

/** A tool asked the app for input (`ctx.requestInput`). */
export interface InputInterrupt {
  /** Discriminator: input is asked. */
  kind: 'input';
  /** Pass this id back in the decision. */
  id: string;
  /** The tool that asks. */
  tool: string;
  /** The model's id for the call that asks. */
  toolCallId: string;
  /** What the tool asks for. */
  request: InputRequest;
}

/** Why a run paused. */
export type AgentInterrupt = ApprovalInterrupt | InputInterrupt;

/** How `agent.resume` continues an interrupted thread. `id` must name the pending interrupt. */
export type ResumeDecision =
  | {
      /** The pending approval interrupt's id. */
      id: string;
      /** Run the tool call as the model sent it. */
      type: 'approve';
    }
  | {
      /** The pending approval interrupt's id. */
      id: string;
      /** Do not run the call; the model gets an error result saying the user rejected it. */
      type: 'reject';
      /** Why, shown to the model in that result. */
      reason?: string;
    }
  | {
      /** The pending approval interrupt's id. */
      id: string;
      /** Run the call with `args` instead; the model is told the user edited them. */
      type: 'edit';
      /** The replacement arguments; validated by the tool's `parse` (invalid ones throw `InvalidDecisionError`). */
      args: Record<string, unknown>;
    }
  | {
      /** The pending input interrupt's id. */
      id: string;
      /** Answer an input interrupt. */
      type: 'input';
      /** The answer `ctx.requestInput` resolves with (held in memory only unless the request has `sensitive: false`). */
      value: unknown;
    };

interface ResultBase {
  /** The thread the run belongs to (pass it to the next `run`/`resume`). */
  threadId: string;
  /** Id of this run (matches `runId` in events). */
  runId: string;
  /** The whole thread transcript after this run. */
  messages: Message[];
  /** Tokens used by this run. */
  usage: Usage;
  /** Model steps taken in this run. */
  steps: number;
}

/** The run finished with a final answer. `Output` is the type of `output` (the text unless the run had an `output` schema). */
export interface DoneResult<Output = string> extends ResultBase {
  /** Discriminator. */
  status: 'done';
  /** The final assistant text, or with an `output` schema the validated value. */
  output: Output;
  /** The final assistant text (the JSON text with an `output` schema). */
  text: string;
}

/** The run paused; continue with `agent.resume(threadId, decision)`. */
export interface InterruptedResult extends ResultBase {
  /** Discriminator. */
  status: 'interrupted';
  /** The interrupt to decide now (the first of `interrupts`). */
  interrupt: AgentInterrupt;
  /** All pending interrupts (several when parallel tool calls all need approval). */
  interrupts: AgentInterrupt[];
}

/** The guards blocked the input; the model was not called. */
export interface BlockedResult extends ResultBase {
  /** Discriminator. */
  status: 'blocked';
  /** Which guard blocked. */
  guard: string;
  /** Why (no content). */
  reason: string;
}

/** What `agent.run` / `agent.resume` return. */
export type RunResult<Output = string> = DoneResult<Output> | InterruptedResult | BlockedResult;

/** Events of `agent.stream` / `agent.resumeStream`; the last one is always `done`. `Output` types the done result's `output`. */
export type AgentStreamEvent<Output = string> =
  | {
      /** A piece of the model's answer text. */
      type: 'text-delta';
      /** The new text (a cache hit sends the whole answer as one delta). */
      text: string;
    }
  | {
      /** A piece of the model's reasoning (only from providers that stream it). */
      type: 'reasoning-delta';
      /** The new reasoning text. */
      text: string;
    }
  | {
      /** The router chose a model for a step (only when the agent has a `router`). */
      type: 'route';
      /** Index of the model step, from 0 (a resumed run continues the interrupted run's count). */
      step: number;
      /** What the router chose and why. */
      decision: RouteDecisionInfo;
    }
  | {
      /** The model asked for a tool call (sent after the step's response is complete). */
      type: 'tool-call';
      /** The call as the model sent it. */
      toolCall: {
        /** The model's id for this call (matches `toolCallId` of its `tool-result`). */
        id: string;
        /** The tool name the model used. */
        name: string;
        /** The parsed arguments as the model sent them (before validation; PII placeholders not restored). */
        args: Record<string, unknown>;
      };
    }
  | {
      /** A tool call finished; its content goes to the model. */
      type: 'tool-result';
      /** The model's id for the call. */
      toolCallId: string;
      /** The tool name the model used. */
      tool: string;
      /** The text sent to the model: the result (truncated, guarded) or an error explanation. */
      content: string;
      /** True when the call failed, was rejected or blocked (see the `tool.error` event's `kind`). */
      isError: boolean;
    }
  | {
      /** A running tool reported progress (`ctx.progress`); only this run's stream receives it. */
      type: 'tool-progress';
      /** The model's id for the call that reports (matches its `tool-call` and `tool-result`). */
      toolCallId: string;
      /** The tool name the model used. */
      tool: string;
      /** A JSON copy of the update (input values given to this thread scrubbed). */
      progress: ToolProgress;
    }
  | {
      /** The run paused; one event per pending interrupt. */
      type: 'interrupt';
      /** What to decide; answer with `agent.resume` after the `done` event. */
      interrupt: AgentInterrupt;
    }
  | {
      /** A model step finished. */
      type: 'usage';
      /** Index of the model step, from 0 (a resumed run continues the interrupted run's count). */
      step: number;
      /** Tokens of that step. */
      usage: Usage;
    }
  | {
      /** The run ended: always the last event (a failed run ends the stream with its error instead). */
      type: 'done';
      /** The run's result, as `run`/`resume` would return it (`output` typed when the run had an `output` schema). */
      result: RunResult<Output>;
    };
