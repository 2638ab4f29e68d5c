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
export interface SystemMessage {
  /** Discriminant. */
  role: 'system';
  /** Instructions. */
  content: string;
}
/** A piece of a multi-part user message: text, or an image by URL (`https:` or a `data:` URL). */
export type UserContentPart =
  | {
      /** Discriminant. */
      type: 'text';
      /** The text. */
      text: string;
    }
  | {
      /** Discriminant. */
      type: 'image';
      /** The image: an `https:`/`http:` URL or a `data:image/...;base64,` URL. */
      image: string;
    };

/** A user turn. */
export interface UserMessage {
  /** Discriminant. */
  role: 'user';
  /** What the user said (with `parts`: the text of its text parts, joined by newlines). */
  content: string;
  /**
   * The message as parts (text and images), when it has images. Sent as OpenAI content
   * parts (`image_url`); `content` stays the text for code that reads only text.
   */
  parts?: UserContentPart[];
}
/** An assistant turn, with optional tool calls. */
export interface AssistantMessage {
  /** Discriminant. */
  role: 'assistant';
  /** Answer text (may be empty when the turn only calls tools). */
  content: string;
  /** Tool calls the model made in this turn. */
  toolCalls?: ToolCall[];
  /** Reasoning text, kept apart from the answer; never sent back to the server. */
  reasoning?: string;
}
/** The result of one tool call, sent back to the model. */
export interface ToolMessage {
  /** Discriminant. */
  role: 'tool';
  /** Id of the {@link ToolCall} this answers. */
  toolCallId: string;
  /** Tool name (informational; some servers want it). */
  name?: string;
  /** The tool's result as text (usually JSON). */
  content: string;
  /** True when the content describes an error. */
  isError?: boolean;
}
/** Any chat message. */
export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

/** A tool the model may call. */
export interface ToolSpec {
  /** Tool name the model calls it by. */
  name: string;
  /** What the tool does, for the model. */
  description: string;
  /** JSON Schema of the arguments object. */
  parameters: JSONSchema;
}

/** How the model may use tools. */
export type ToolChoice =
  | 'auto'
  | 'none'
  | 'required'
  | {
      /** The one tool the model must call. */
      name: string;
    };

/** Ask for output matching a JSON Schema. */
export interface JsonSchemaResponseFormat {
  /** Discriminant. */
  type: 'json_schema';
  /** Name of the schema (required by OpenAI). */
  name: string;
  /** The JSON Schema the output must match. */
  schema: JSONSchema;
  /** Ask the server to enforce the schema strictly. */
  strict?: boolean;
}

/** One chat request. */
export interface ChatRequest {
  /** Overrides the provider's default model. */
  model?: string;
  /** The conversation so far. */
  messages: Message[];
  /** Tools the model may call. */
  tools?: ToolSpec[];
  /** Whether/which tool the model must call. */
  toolChoice?: ToolChoice;
  /** Sampling temperature. */
  temperature?: number;
  /** Most output tokens to generate. */
  maxTokens?: number;
  /** Structured output: a JSON Schema, or any JSON object. */
  responseFormat?:
    | JsonSchemaResponseFormat
    | {
        /** Any JSON object. */
        type: 'json_object';
      };
  /** Cancels the call (the provider throws `ABORTED`). */
  signal?: AbortSignal;
}

/** Why the model stopped. Unknown server values map to `'other'`. */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'error' | 'other';

/** Token usage of one call. */
export interface Usage {
  /** Input (prompt) tokens. */
  inputTokens: number;
  /** Output (completion) tokens, reasoning included. */
  outputTokens: number;
  /** Total tokens as the server counts them (some count reasoning on top). */
  totalTokens: number;
  /** Output tokens spent on reasoning, when reported. */
  reasoningTokens?: number;
  /** Input tokens served from a prompt cache, when reported. */
  cachedInputTokens?: number;
  /** True when the server sent no usage and these numbers are an estimate. */
  estimated?: boolean;
  /** Cost in USD when a price table covers the model. */
  costUsd?: number;
}

/** A normalized chat response. */
export interface ChatResponse {
  /** Answer text (without reasoning). */
  text: string;
  /** Tool calls, arguments parsed. */
  toolCalls: ToolCall[];
  /** Reasoning text, when the model produced some. */
  reasoning?: string;
  /** Why the model stopped. */
  finishReason: FinishReason;
  /** Token usage (and cost when priced). */
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
  | {
      /** A piece of answer text. */
      type: 'text-delta';
      /** The new text. */
      text: string;
    }
  | {
      /** A piece of reasoning text. */
      type: 'reasoning-delta';
      /** The new reasoning. */
      text: string;
    }
  | {
      /** A fragment of a tool call being streamed. */
      type: 'tool-call-delta';
      /** Position of the call in this response (0-based, in order of appearance). */
      index: number;
      /** Call id, on the fragment that carries it. */
      id?: string;
      /** Tool name, on the fragment that carries it. */
      name?: string;
      /** The new piece of the raw arguments string. */
      argsDelta: string;
    }
  | {
      /** A complete tool call (after the stream ended). */
      type: 'tool-call';
      /** The call, arguments parsed. */
      toolCall: ToolCall;
    }
  | {
      /** Final usage of the call. */
      type: 'usage';
      /** Server usage, or an estimate marked `estimated`. */
      usage: Usage;
    }
  | {
      /** The end: the whole normalized response. */
      type: 'finish';
      /** Same shape `chat()` returns. */
      response: ChatResponse;
    };

/** What every provider implements. */
export interface ChatProvider {
  /** Stable id used in events and errors (e.g. `openai`, `ollama`, `fallback(a,b)`). */
  readonly id: string;
  /** Default model. */
  readonly model: string;
  /** One whole response. Throws `ProviderError`. */
  chat(request: ChatRequest): Promise<ChatResponse>;
  /** The response as events, the last one `finish`. Throws `ProviderError` while iterating. */
  stream(request: ChatRequest): AsyncIterable<StreamEvent>;
}
