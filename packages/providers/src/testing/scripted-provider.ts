/**
 * `ScriptedProvider`: an in-process {@link ChatProvider} that answers from a script, for unit
 * tests of code that uses a provider. No HTTP; for wire-level tests use `createMockServer()`.
 * @module
 */
import { ProviderError } from '../errors.js';
import { SCRIPTED_CHUNK_CHARS } from '../limits.js';
import { newToolCallId, parseToolArgs } from '../normalize/tool-args.js';
import { estimateUsage } from '../normalize/usage.js';
import type { ChatProvider, ChatRequest, ChatResponse, FinishReason, StreamEvent, ToolCall, Usage } from '../types.js';

/** A scripted answer. */
export interface ScriptedAnswer {
  /** Answer text (default empty). */
  text?: string;
  /** Tool calls; `args` may be an object or a raw string (invalid JSON gives `argsError`). */
  toolCalls?: {
    /** Tool name. */
    name: string;
    /** Arguments (default `{}`). */
    args?: Record<string, unknown> | string;
    /** Call id (default generated). */
    id?: string;
  }[];
  /** Reasoning text. */
  reasoning?: string;
  /** Usage to report; missing numbers are estimated. */
  usage?: Partial<Usage>;
  /** Finish reason (default `stop`, or `tool_calls` with tool calls). */
  finishReason?: FinishReason;
  /** Model reported (default the request's or the provider's). */
  model?: string;
  /** Wait before answering (abortable). */
  delayMs?: number;
}

/** One step of the script: a text answer, a full answer, or an error to throw. */
export type ScriptedReply = string | ScriptedAnswer | Error;

/** A script: a queue of replies, or a function of the request and its 0-based index. */
export type ProviderScript = ScriptedReply[] | ((request: ChatRequest, index: number) => ScriptedReply | Promise<ScriptedReply>);

/** Options of {@link ScriptedProvider}. */
export interface ScriptedProviderOptions {
  /** Provider id (default `scripted`). */
  id?: string;
  /** Model name (default `scripted-model`). */
  model?: string;
  /** Characters per streamed text delta (default 16). */
  chunkSize?: number;
}

/** Stable codes of {@link ScriptError}. */
export type ScriptErrorCode =
  /** A call came after the last scripted reply. Add replies (constructor or `enqueue()`). */
  | 'SCRIPT_EXHAUSTED'
  /** `assertComplete()` found replies the code under test never asked for. */
  | 'SCRIPT_INCOMPLETE';

/**
 * A test's script does not match what the code under test did: it asked for more replies than
 * were scripted, or fewer. Not a provider failure, so it is not a `ProviderError` (a retry or
 * fallback must never swallow it).
 */
export class ScriptError extends Error {
  /** `ScriptError`. */
  override readonly name = 'ScriptError';
  /** What went wrong. */
  readonly code: ScriptErrorCode;
  /** How many calls the provider had received when this was raised. */
  readonly calls: number;

  /** @param code what went wrong. @param message what to change. @param calls calls received so far. */
  constructor(code: ScriptErrorCode, message: string, calls: number) {
    super(message);
    this.code = code;
    this.calls = calls;
  }
}

function aborted(id: string): ProviderError {
  return new ProviderError('ABORTED', `${id}: the call was aborted by its AbortSignal.`, { provider: id });
}

function wait(ms: number, signal: AbortSignal | undefined, id: string): Promise<void> {
  if (signal?.aborted) return Promise.reject(aborted(id));
  if (!ms) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(aborted(id));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A scripted, in-process provider. Each `chat()`/`stream()` call takes the next reply.
 *
 * @example
 * ```ts
 * const provider = new ScriptedProvider([
 *   { toolCalls: [{ name: 'get_weather', args: { city: 'Paris' } }] },
 *   'It is sunny in Paris.',
 * ]);
 * ```
 */
export class ScriptedProvider implements ChatProvider {
  readonly id: string;
  readonly model: string;
  /** Every request received, in order. */
  readonly requests: ChatRequest[] = [];
  private queue: ScriptedReply[] = [];
  private fn: ((request: ChatRequest, index: number) => ScriptedReply | Promise<ScriptedReply>) | undefined;
  private readonly chunkSize: number;

  constructor(script: ProviderScript = [], options: ScriptedProviderOptions = {}) {
    this.id = options.id ?? 'scripted';
    this.model = options.model ?? 'scripted-model';
    this.chunkSize = options.chunkSize ?? SCRIPTED_CHUNK_CHARS;
    if (typeof script === 'function') this.fn = script;
    else this.queue = [...script];
  }

  /** Appends replies to the queue. */
  enqueue(...replies: ScriptedReply[]): void {
    this.queue.push(...replies);
  }

  /** Replies not yet consumed. */
  get remaining(): number {
    return this.queue.length;
  }

  /**
   * Throws a {@link ScriptError} (`SCRIPT_INCOMPLETE`) when scripted replies were never asked
   * for: call it at the end of a test so a script that is longer than the flow it describes
   * (a step the code silently skipped) fails the test. A function script is always complete.
   */
  assertComplete(): void {
    if (this.queue.length === 0) return;
    throw new ScriptError(
      'SCRIPT_INCOMPLETE',
      `ScriptedProvider "${this.id}": ${this.queue.length} scripted repl${this.queue.length === 1 ? 'y was' : 'ies were'} never used after ${this.requests.length} call(s). The code under test made fewer model calls than the script expects.`,
      this.requests.length,
    );
  }

  private async next(request: ChatRequest): Promise<ChatResponse> {
    const started = performance.now();
    const index = this.requests.length;
    this.requests.push(request);
    const step = this.fn ? await this.fn(request, index) : this.queue.shift();
    if (step === undefined) {
      throw new ScriptError(
        'SCRIPT_EXHAUSTED',
        `ScriptedProvider "${this.id}": script exhausted at call #${index}. Add replies with enqueue() or pass more in the constructor.`,
        index + 1,
      );
    }
    if (step instanceof Error) {
      await wait(0, request.signal, this.id);
      throw step;
    }
    const answer: ScriptedAnswer = typeof step === 'string' ? { text: step } : step;
    await wait(answer.delayMs ?? 0, request.signal, this.id);
    const toolCalls: ToolCall[] = (answer.toolCalls ?? []).map((c) => ({ id: c.id ?? newToolCallId(), name: c.name, ...parseToolArgs(c.args) }));
    const text = answer.text ?? '';
    const outChars = text.length + (answer.reasoning?.length ?? 0) + toolCalls.reduce((n, c) => n + c.rawArgs.length, 0);
    const estimate = estimateUsage(request, outChars);
    const usage: Usage = answer.usage ? { ...estimate, estimated: undefined, ...answer.usage } : estimate;
    if (answer.usage && answer.usage.totalTokens === undefined) usage.totalTokens = usage.inputTokens + usage.outputTokens;
    if (usage.estimated === undefined) delete usage.estimated;
    const response: ChatResponse = {
      text,
      toolCalls,
      finishReason: answer.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
      usage,
      model: answer.model ?? request.model ?? this.model,
      provider: this.id,
      latencyMs: performance.now() - started,
    };
    if (answer.reasoning) response.reasoning = answer.reasoning;
    return response;
  }

  /** Answers with the next scripted reply. */
  chat(request: ChatRequest): Promise<ChatResponse> {
    return this.next(request);
  }

  /** Streams the next scripted reply as reasoning/text/tool-call deltas, tool calls, usage, finish. */
  async *stream(request: ChatRequest): AsyncGenerator<StreamEvent, void, undefined> {
    const response = await this.next(request);
    const check = () => {
      if (request.signal?.aborted) throw aborted(this.id);
    };
    for (let i = 0; i < (response.reasoning?.length ?? 0); i += this.chunkSize) {
      check();
      yield { type: 'reasoning-delta', text: response.reasoning!.slice(i, i + this.chunkSize) };
    }
    for (let i = 0; i < response.text.length; i += this.chunkSize) {
      check();
      yield { type: 'text-delta', text: response.text.slice(i, i + this.chunkSize) };
    }
    for (const [index, call] of response.toolCalls.entries()) {
      check();
      yield { type: 'tool-call-delta', index, id: call.id, name: call.name, argsDelta: call.rawArgs };
    }
    for (const toolCall of response.toolCalls) yield { type: 'tool-call', toolCall };
    check();
    yield { type: 'usage', usage: response.usage };
    yield { type: 'finish', response };
  }
}
