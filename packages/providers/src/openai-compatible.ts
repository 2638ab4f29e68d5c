/**
 * `openaiCompatible()`: a {@link ChatProvider} for any OpenAI-compatible chat-completions
 * endpoint over `node:http(s)` on Node or `fetch` elsewhere (`http-client.ts`), with our own retries, timeouts, error codes and
 * normalization.
 * @module
 */
import { DEFAULT_CAPABILITIES, type ProviderCapabilities } from './capabilities.js';
import { CallGuard, type GuardContext } from './call-guard.js';
import { makeProviderError } from './error-map.js';
import { createHttpClient, ServerAnswerError } from './http-client.js';
import { ProviderConfigError, ProviderError } from './errors.js';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from './limits.js';
import { normalizeCompletion } from './normalize/completion.js';
import { assembleSseText, looksLikeSse } from './normalize/wire-mismatch.js';
import { parsePromptToolCalls, toPromptModeRequest } from './prompt-tools.js';
import { toJsonObjectRequest } from './prompt-schema.js';
import { readBody } from './read-body.js';
import { embedOnce, embedPlan, type EmbedOptions, type EmbedResult } from './embed.js';
import { buildRequestBody } from './request.js';
import { retryDelay, sleep, type BackoffOptions, type RetryInfo } from './retry.js';
import { streamCompletion } from './stream-call.js';
import type { ChatProvider, ChatRequest, ChatResponse, StreamEvent } from './types.js';
import { estimateUsage, priceUsage, type PriceTable } from './normalize/usage.js';

/** How the API key is sent. */
export type AuthScheme =
  /** `Authorization: Bearer <key>` (OpenAI and almost every compatible server). */
  | 'bearer'
  /** No auth header at all (local servers). */
  | 'none'
  /** A custom header, e.g. `{ header: 'x-api-key' }` or `{ header: 'api-key' }`. */
  | {
      /** Header name. */
      header: string;
      /** Put before the key (e.g. `Token `); default none. */
      prefix?: string;
    };

/** Options of {@link openaiCompatible}. */
export interface OpenAICompatibleOptions {
  /** Base URL of the API, usually ending in `/v1` (e.g. `http://localhost:11434/v1`). */
  baseURL: string;
  /** API key; omit for servers that need none (then no auth header is sent). */
  apiKey?: string;
  /** Default model for requests that name none. */
  model: string;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Per-attempt timeout in ms: whole response for `chat()`, longest silence for `stream()`. */
  timeoutMs?: number;
  /** Retries after the first attempt on 429/5xx/timeouts/connection errors (default 2). */
  maxRetries?: number;
  /** Capability flags (merged over the defaults). */
  capabilities?: Partial<ProviderCapabilities>;
  /** Provider id used in responses and errors (default `openai-compatible`). */
  id?: string;
  /** Prices per model; when the answering model is priced, `usage.costUsd` is set. */
  prices?: PriceTable;
  /**
   * `native` sends `tools`; `prompt` describes tools in the system prompt and parses the tool
   * call from the reply text, for models without native tool calling. Default: `native`, or
   * `prompt` when `capabilities.nativeTools` is `false` (e.g. the Perplexity preset).
   */
  toolCalling?: 'native' | 'prompt';
  /** How the key is sent (default `bearer`). */
  auth?: AuthScheme;
  /** Backoff tuning (initial/max delay, longest `Retry-After` honoured, jitter source). */
  backoff?: BackoffOptions;
  /** Called before every retry. */
  onRetry?: (info: RetryInfo) => void;
  /** Where the key usually comes from, named in AUTH errors (e.g. `OPENAI_API_KEY`). */
  keyHint?: string;
  /** A custom `fetch` (proxies, tests); default `node:http(s)` on Node, the global `fetch` elsewhere. */
  fetch?: typeof fetch;
  /** Default model of `embed()` (e.g. `text-embedding-3-small`). */
  embeddingModel?: string;
}

/** A provider for an OpenAI-compatible endpoint. */
export interface OpenAICompatibleProvider extends ChatProvider {
  /** The base URL requests go to. */
  readonly baseURL: string;
  /** Effective capability flags. */
  readonly capabilities: ProviderCapabilities;
  /** How tool calls are made: natively or through the prompt. */
  readonly toolCalling: 'native' | 'prompt';
  /** Lists the model ids the server offers (`GET /models`). */
  listModels(options?: { signal?: AbortSignal }): Promise<string[]>;
  /**
   * Embeds texts (`POST /embeddings`), with the same retries, timeouts and typed errors as chat.
   * @throws ProviderConfigError without an embedding model; ProviderError from the server.
   */
  embed(input: string | string[], options?: EmbedOptions): Promise<EmbedResult>;
}

function authHeaders(auth: AuthScheme, apiKey: string | undefined): Record<string, string> {
  if (!apiKey || auth === 'none') return {};
  if (auth === 'bearer') return { Authorization: `Bearer ${apiKey}` };
  return { [auth.header]: `${auth.prefix ?? ''}${apiKey}` };
}

function validate(options: OpenAICompatibleOptions): void {
  try {
    const url = new URL(options.baseURL);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new ProviderConfigError('INVALID_CONFIG', `baseURL "${options.baseURL}" is not an http(s) URL. Pass the API base, e.g. "http://localhost:11434/v1".`);
  }
  if (!options.model) {
    throw new ProviderConfigError(
      'INVALID_CONFIG',
      `No model given for ${options.id ?? options.baseURL}. Pass { model: "<model id>" } (e.g. from GRAFT_MODEL).`,
    );
  }
}

/**
 * Creates a {@link ChatProvider} for any OpenAI-compatible endpoint.
 *
 * @example
 * ```ts
 * const provider = openaiCompatible({ baseURL: 'http://localhost:11434/v1', model: 'llama3.2' });
 * const reply = await provider.chat({ messages: [{ role: 'user', content: 'Hi' }] });
 * ```
 */
export function openaiCompatible(options: OpenAICompatibleOptions): OpenAICompatibleProvider {
  validate(options);
  const id = options.id ?? 'openai-compatible';
  const capabilities: ProviderCapabilities = { ...DEFAULT_CAPABILITIES, ...options.capabilities };
  const toolCalling = options.toolCalling ?? (capabilities.nativeTools ? 'native' : 'prompt');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  const apiKey = options.apiKey || undefined;
  const client = createHttpClient({
    baseURL: options.baseURL,
    headers: { ...authHeaders(options.auth ?? 'bearer', apiKey), ...options.headers },
    fetch: options.fetch,
  });
  const ctx: GuardContext = { provider: id, secrets: [apiKey], timeoutMs, keyHint: options.keyHint };

  async function withRetries<T>(signal: AbortSignal | undefined, run: (guard: CallGuard) => Promise<T>): Promise<T> {
    for (let retry = 0; ; retry++) {
      const guard = new CallGuard(signal, ctx);
      let error: ProviderError;
      try {
        return await run(guard);
      } catch (thrown) {
        error = guard.mapError(thrown);
      } finally {
        guard.dispose();
      }
      error.attempts = retry + 1;
      const delayMs = retry < maxRetries ? retryDelay(error, retry + 1, options.backoff) : undefined;
      if (delayMs === undefined) throw error;
      options.onRetry?.({ retry: retry + 1, delayMs, error });
      await sleep(delayMs, signal, () => makeProviderError('ABORTED', 'the call was aborted while waiting to retry', ctx));
    }
  }

  function complete(request: ChatRequest, started: number, body: unknown): ChatResponse {
    const root = body as Record<string, unknown> | undefined;
    if (root && typeof root === 'object' && root.error && !Array.isArray(root.choices)) {
      throw new ServerAnswerError(undefined, root, undefined, undefined);
    }
    const fallbackModel = request.model ?? options.model;
    const normalized = typeof body === 'string' && looksLikeSse(body) ? assembleSseText(body, fallbackModel) : normalizeCompletion(body, fallbackModel);
    if (!normalized) {
      const shape = typeof body === 'string' ? 'text instead of JSON' : 'JSON without a choice carrying a message';
      throw makeProviderError('INVALID_RESPONSE', `the server sent ${shape}`, ctx);
    }
    const { response, usage } = normalized;
    let text = response.text;
    let toolCalls = response.toolCalls;
    if (toolCalling === 'prompt' && request.tools?.length && toolCalls.length === 0) {
      ({ text, toolCalls } = parsePromptToolCalls(text, request.tools, id));
    }
    const outChars = response.text.length + (response.reasoning?.length ?? 0) + toolCalls.reduce((n, c) => n + c.rawArgs.length, 0);
    const finalUsage = priceUsage(usage ?? estimateUsage(request, outChars), options.prices, [response.model, request.model ?? options.model]);
    const finishReason = toolCalls.length > 0 && response.finishReason === 'stop' ? 'tool_calls' : response.finishReason;
    const latencyMs = performance.now() - started;
    // (literals, not `{ ...response, text, ... }`: V8 builds a spread whose keys are then set again on its
    // slow path, ~4 µs per call, and the result is a dictionary-mode object; the key order is the same)
    const { model, reasoning } = response;
    return reasoning === undefined
      ? { text, toolCalls, finishReason, model, usage: finalUsage, provider: id, latencyMs }
      : { text, toolCalls, finishReason, model, reasoning, usage: finalUsage, provider: id, latencyMs };
  }

  function wireBody(request: ChatRequest, stream: boolean): Record<string, unknown> {
    if (!capabilities.imageInput && request.messages.some((m) => m.role === 'user' && m.parts?.some((p) => p.type === 'image'))) {
      throw new ProviderError(
        'BAD_REQUEST',
        `Provider "${id}" is configured without image input (capabilities.imageInput: false). Remove the image parts, or use a model that accepts images.`,
        { provider: id, retryable: false },
      );
    }
    const prompt = toolCalling === 'prompt';
    const shaped = capabilities.jsonSchema ? request : toJsonObjectRequest(request);
    return buildRequestBody(prompt ? toPromptModeRequest(shaped) : shaped, {
      model: options.model,
      stream,
      streamUsage: capabilities.streamUsage,
      maxTokensField: capabilities.maxTokensField,
      nativeTools: !prompt,
    });
  }

  return {
    id,
    model: options.model,
    baseURL: options.baseURL,
    capabilities,
    toolCalling,
    async chat(request: ChatRequest): Promise<ChatResponse> {
      const started = performance.now();
      const body = wireBody(request, false);
      return withRetries(request.signal, async (guard) => {
        const response = await client.post('/chat/completions', body, guard.requestOptions());
        return complete(request, started, await readBody(response, guard));
      });
    },
    stream(request: ChatRequest): AsyncIterable<StreamEvent> {
      let body: Record<string, unknown>;
      try {
        body = wireBody(request, true);
      } catch (error) {
        // thrown while iterating, like every other stream failure
        return (async function* (): AsyncGenerator<StreamEvent> {
          throw error;
        })();
      }
      return streamCompletion({
        client,
        request,
        body,
        ctx,
        maxRetries,
        backoff: options.backoff,
        onRetry: options.onRetry,
        prices: options.prices,
        defaultModel: options.model,
        promptTools: toolCalling === 'prompt' ? request.tools : undefined,
      });
    },
    async listModels(opts: { signal?: AbortSignal } = {}): Promise<string[]> {
      const page = (await withRetries(opts.signal, (guard) => client.getJson('/models', guard.requestOptions()))) as
        { data?: Array<{ id?: unknown }> } | undefined;
      if (!Array.isArray(page?.data)) throw makeProviderError('INVALID_RESPONSE', 'the server sent a model list without `data`', ctx);
      return page.data.map((m) => String(m?.id));
    },
    async embed(input: string | string[], opts: EmbedOptions = {}): Promise<EmbedResult> {
      const { inputs, model } = embedPlan(input, opts, options.embeddingModel, id);
      return withRetries(opts.signal, (guard) => embedOnce(client, guard, ctx, inputs, model, opts));
    },
  };
}
