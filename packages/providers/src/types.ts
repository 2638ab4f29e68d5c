/**
 * The chat wire types owned by `@graft/providers`. Every other package speaks these.
 * They mirror the OpenAI chat-completions shape, normalized: tool-call arguments are
 * always parsed objects (with the raw string kept), reasoning is kept apart from text.
 */

/** Any JSON value. */
export type JSONValue = string | number | boolean | null | JSONValue[] | { [key: string]: JSONValue };

/** A JSON Schema object (kept loose on purpose: providers only pass it through). */
export type JSONSchema = { [key: string]: unknown };

/** A tool call requested by the model. */
export interface ToolCall {
  /** The call id (generated when the server sent none). */
  id: string;
  /** Tool name. */
  name: string;
  /** Parsed arguments; `{}` when the model sent `""` or nothing. */
  args: Record<string, unknown>;
  /** The raw argument string exactly as the server sent it. */
  rawArgs: string;
  /** Set when `rawArgs` was not valid JSON (then `args` is `{}`); the model should be told. */
  argsError?: string;
}

/** A system prompt. */
export interface SystemMessage { role: 'system'; content: string }
/** A user turn. */
export interface UserMessage { role: 'user'; content: string }
/** An assistant turn, with optional tool calls. */
export interface AssistantMessage {
  role: 'assistant';
  content: string;
  toolCalls?: ToolCall[];
  /** Reasoning text, kept apart from the answer; never sent back to the server. */
  reasoning?: string;
}
/** The result of one tool call, sent back to the model. */
export interface ToolMessage {
  role: 'tool';
  toolCallId: string;
  /** Tool name (informational; some servers want it). */
  name?: string;
  content: string;
  /** True when the content describes an error. */
  isError?: boolean;
}
/** Any chat message. */
export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

/** A tool the model may call. */
export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  parameters: JSONSchema;
}

/** How the model may use tools. */
export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

/** Ask for output matching a JSON Schema. */
export interface JsonSchemaResponseFormat {
  type: 'json_schema';
  name: string;
  schema: JSONSchema;
  strict?: boolean;
}

/** One chat request. */
export interface ChatRequest {
  /** Overrides the provider's default model. */
  model?: string;
  messages: Message[];
  tools?: ToolSpec[];
  toolChoice?: ToolChoice;
  temperature?: number;
  maxTokens?: number;
  responseFormat?: JsonSchemaResponseFormat | { type: 'json_object' };
  signal?: AbortSignal;
}

/** Why the model stopped. Unknown server values map to `'other'`. */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'error' | 'other';

/** Token usage of one call. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  reasoningTokens?: number;
  cachedInputTokens?: number;
  /** True when the server sent no usage and these numbers are an estimate. */
  estimated?: boolean;
  /** Cost in USD when a price table covers the model. */
  costUsd?: number;
}

/** A normalized chat response. */
export interface ChatResponse {
  text: string;
  toolCalls: ToolCall[];
  reasoning?: string;
  finishReason: FinishReason;
  usage: Usage;
  /** The model that answered, as the server reported it. */
  model: string;
  /** The id of the provider that answered (e.g. `openai`, `ollama`, or a custom id). */
  provider: string;
  /** Wall-clock time of the call in milliseconds. */
  latencyMs: number;
}

/** Events of a streamed response, in order; the last one is always `finish`. */
export type StreamEvent =
  | { type: 'text-delta'; text: string }
  | { type: 'reasoning-delta'; text: string }
  | { type: 'tool-call-delta'; index: number; id?: string; name?: string; argsDelta: string }
  | { type: 'tool-call'; toolCall: ToolCall }
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; response: ChatResponse };

/** What every provider implements. */
export interface ChatProvider {
  /** Stable id used in events and errors (e.g. `openai`, `ollama`, `fallback(a,b)`). */
  readonly id: string;
  /** Default model. */
  readonly model: string;
  chat(request: ChatRequest): Promise<ChatResponse>;
  stream(request: ChatRequest): AsyncIterable<StreamEvent>;
}
