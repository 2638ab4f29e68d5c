/**
 * What the mock server can answer, and helpers to build each reply.
 * @module
 */
import type { MockFixture } from './fixtures.js';

/** A tool call the mock model makes. */
export interface MockToolCall {
  /** Tool name. */
  name: string;
  /** Arguments: an object (serialized) or a raw string sent verbatim (may be invalid JSON). */
  args?: Record<string, unknown> | string;
  /** Call id; generated (`call_mock_<n>`) when omitted. Set `null` to send no id at all. */
  id?: string | null;
}

/** Token counts the mock reports. */
export interface MockUsage {
  /** `prompt_tokens`. */
  prompt: number;
  /** `completion_tokens`. */
  completion: number;
  /** `completion_tokens_details.reasoning_tokens`. */
  reasoning?: number;
  /** `prompt_tokens_details.cached_tokens`. */
  cached?: number;
}

/** Options every reply shares. */
export interface ReplyTiming {
  /** Wait this long before sending the response headers. */
  delayMs?: number;
  /** For streams: wait this long between events. */
  chunkDelayMs?: number;
  /** Extra response headers. */
  headers?: Record<string, string>;
}

/** Options of a scripted model reply. */
export interface CompletionOptions extends ReplyTiming {
  /** Reasoning text sent before the answer. */
  reasoning?: string;
  /** Field that carries reasoning (default `reasoning_content`). */
  reasoningField?: 'reasoning_content' | 'reasoning';
  /** Usage to report, or `false` for none. Default: estimated from the text lengths. */
  usage?: MockUsage | false;
  /**
   * Where streamed usage goes: `trailing` (a final `choices: []` chunk, only when the request
   * asked with `stream_options.include_usage`; the default, like OpenAI), `final` (on the
   * finish chunk), `every` (on every chunk), `none`.
   */
  usagePlacement?: 'trailing' | 'final' | 'every' | 'none';
  /** Finish reason to send (default `stop`, or `tool_calls` with tool calls); `null` sends none. */
  finishReason?: string | null;
  /** Model name to report (default: the requested model). */
  model?: string;
  /** Characters per streamed text/reasoning delta (default 8). */
  chunkSize?: number;
  /** Characters per streamed arguments fragment (default 6). */
  argsChunkSize?: number;
  /** First tool-call index in streams (default 0; some servers start at 1). `null` omits it. */
  toolCallIndexBase?: number | null;
}

/** A normal model answer: text and/or tool calls (JSON or SSE, as the request asks). */
export interface CompletionReply extends CompletionOptions {
  /** Discriminant. */
  kind: 'completion';
  /** Answer text. */
  text: string;
  /** Tool calls (several are parallel calls). */
  toolCalls: MockToolCall[];
}

/** An HTTP error with a JSON body. */
export interface ErrorReply extends ReplyTiming {
  /** Discriminant. */
  kind: 'error';
  /** HTTP status. */
  status: number;
  /** JSON body. */
  body: unknown;
}

/** A verbatim body (e.g. malformed JSON). */
export interface RawReply extends ReplyTiming {
  /** Discriminant. */
  kind: 'raw';
  /** HTTP status. */
  status: number;
  /** `Content-Type` header. */
  contentType: string;
  /** Body sent verbatim. */
  body: string;
  /** Sent instead of `body` (as `text/event-stream`) when the request asked to stream. */
  streamBody?: string;
}

/** A stream of SSE `data:` payloads sent verbatim, then `[DONE]` unless `done: false`. */
export interface EventsReply extends ReplyTiming {
  /** Discriminant. */
  kind: 'events';
  /** SSE payloads, each sent as `data: <payload>`. */
  events: string[];
  /** Send `data: [DONE]` at the end. */
  done: boolean;
}

/** Replays a recorded fixture byte for byte. */
export interface FixtureReply extends ReplyTiming {
  /** Discriminant. */
  kind: 'fixture';
  /** The recording to replay. */
  fixture: MockFixture;
}

/** Accepts the request and never answers (until the client gives up or the server closes). */
export interface HangReply {
  /** Discriminant. */
  kind: 'hang';
}

/** Starts answering `reply` and destroys the connection after `afterEvents` SSE events (or half the JSON body). */
export interface CutReply extends ReplyTiming {
  /** Discriminant. */
  kind: 'cut';
  /** SSE events sent before the connection is dropped. */
  afterEvents: number;
  /** The answer being cut. */
  reply: CompletionReply;
}

/** Anything the mock server can answer. */
export type MockReply = CompletionReply | ErrorReply | RawReply | EventsReply | FixtureReply | HangReply | CutReply;

/** Options of {@link reply.error}. */
export interface ErrorOptions extends ReplyTiming {
  /** Error `code` field (e.g. `context_length_exceeded`). */
  code?: string;
  /** Error `type` field (default by status). */
  type?: string;
  /** A whole custom body instead of the OpenAI `{ error: {...} }` shape. */
  body?: unknown;
}

function typeFor(status: number): string {
  if (status === 401 || status === 403) return 'authentication_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** Builders for {@link MockReply} values. */
export const reply = {
  /** A text answer. */
  text(text: string, options: CompletionOptions = {}): CompletionReply {
    return { kind: 'completion', text, toolCalls: [], ...options };
  },
  /** One or several (parallel) tool calls, optionally with text before them. */
  toolCalls(calls: MockToolCall[], options: CompletionOptions & { text?: string } = {}): CompletionReply {
    const { text = '', ...rest } = options;
    return { kind: 'completion', text, toolCalls: calls, ...rest };
  },
  /** One tool call. */
  toolCall(name: string, args: Record<string, unknown> | string = {}, options: CompletionOptions & { id?: string | null } = {}): CompletionReply {
    const { id, ...rest } = options;
    return { kind: 'completion', text: '', toolCalls: [{ name, args, id }], ...rest };
  },
  /** Reasoning followed by a text answer. */
  reasoning(reasoning: string, text: string, options: CompletionOptions = {}): CompletionReply {
    return { kind: 'completion', text, toolCalls: [], reasoning, ...options };
  },
  /** An HTTP error in OpenAI's `{ error: { message, type, code } }` shape. */
  error(status: number, message = `mock error ${status}`, options: ErrorOptions = {}): ErrorReply {
    const { code, type, body, ...timing } = options;
    return {
      kind: 'error',
      status,
      body: body ?? { error: { message, type: type ?? typeFor(status), param: null, code: code ?? null } },
      ...timing,
    };
  },
  /** HTTP 429 with `Retry-After` (seconds or an HTTP date) and/or `retry-after-ms`. */
  rateLimited(options: { retryAfter?: number | string; retryAfterMs?: number; message?: string } & ReplyTiming = {}): ErrorReply {
    const { retryAfter, retryAfterMs, message, ...timing } = options;
    const headers: Record<string, string> = { ...timing.headers };
    if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
    if (retryAfterMs !== undefined) headers['retry-after-ms'] = String(retryAfterMs);
    return reply.error(429, message ?? 'Rate limit reached. Please try again later.', { ...timing, headers, code: 'rate_limit_exceeded' });
  },
  /** A body that is not valid JSON (streams: one good event, then a broken one). */
  malformed(options: ReplyTiming = {}): RawReply {
    const good = JSON.stringify({
      id: 'chatcmpl-broken',
      object: 'chat.completion.chunk',
      model: 'mock-model',
      choices: [{ index: 0, delta: { content: 'Hel' }, finish_reason: null }],
    });
    return {
      kind: 'raw',
      status: 200,
      contentType: 'application/json',
      body: '{"id":"chatcmpl-broken","choices":[{"message":{"content":"Hel',
      streamBody: `data: ${good}\n\ndata: {"id":"chatcmpl-broken","choices":[{"delta":{"content":"lo\n\n`,
      ...options,
    };
  },
  /** A verbatim body with any status and content type. */
  raw(body: string, options: ReplyTiming & { status?: number; contentType?: string } = {}): RawReply {
    const { status = 200, contentType = 'application/json', ...timing } = options;
    return { kind: 'raw', status, contentType, body, ...timing };
  },
  /** SSE `data:` payloads sent verbatim (objects are JSON-encoded), then `[DONE]` unless `done: false`. */
  events(events: (string | Record<string, unknown>)[], options: ReplyTiming & { done?: boolean } = {}): EventsReply {
    const { done = true, ...timing } = options;
    return { kind: 'events', events: events.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))), done, ...timing };
  },
  /** Replays a fixture loaded with `loadFixture()`. */
  fixture(fixture: MockFixture, options: ReplyTiming = {}): FixtureReply {
    return { kind: 'fixture', fixture, ...options };
  },
  /** Never answers. */
  hang(): HangReply {
    return { kind: 'hang' };
  },
  /** Sends part of `base` then destroys the connection. */
  cut(afterEvents: number, base: CompletionReply = reply.text('This answer will be cut off midway through.'), options: ReplyTiming = {}): CutReply {
    return { kind: 'cut', afterEvents, reply: base, ...options };
  },
};
