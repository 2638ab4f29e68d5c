/**
 * `embed()` of an OpenAI-compatible provider: `POST /embeddings` through the official client,
 * with the provider's retries, timeouts and typed errors. Asks for float vectors (servers such
 * as Ollama and llama.cpp do not speak base64) and checks the shape before returning.
 * @module
 */
import type { HttpClient } from './http-client.js';
import type { CallGuard, GuardContext } from './call-guard.js';
import { makeProviderError } from './error-map.js';
import { ProviderConfigError } from './errors.js';
import { MAX_EMBED_INPUTS } from './limits.js';

/** Options of one `embed` call. */
export interface EmbedOptions {
  /** Embedding model (default: the provider's `embeddingModel`). */
  model?: string;
  /** Output dimensions, for models that can shorten their vectors. */
  dimensions?: number;
  /** Cancels the call. */
  signal?: AbortSignal;
}

/** The result of an `embed` call. */
export interface EmbedResult {
  /** One vector per input, in input order. */
  vectors: number[][];
  /** The model that answered. */
  model: string;
  /** Input tokens the server reported (0 when it reported none). */
  inputTokens: number;
}

/** @internal Run one embeddings request (the caller wraps it in its retry loop). */
export async function embedOnce(
  client: HttpClient,
  guard: CallGuard,
  ctx: GuardContext,
  inputs: string[],
  model: string,
  options: EmbedOptions,
): Promise<EmbedResult> {
  const body = { model, input: inputs, encoding_format: 'float' as const, ...(options.dimensions ? { dimensions: options.dimensions } : {}) };
  const res = (await client.postJson('/embeddings', body, guard.requestOptions())) as unknown as {
    data?: Array<{ index?: number; embedding?: unknown }>;
    model?: string;
    usage?: { prompt_tokens?: number };
  };
  const data = Array.isArray(res?.data) ? [...res.data] : undefined;
  if (!data || data.length !== inputs.length)
    throw makeProviderError('INVALID_RESPONSE', `the server sent ${data ? data.length : 'no'} embeddings for ${inputs.length} inputs`, ctx);
  data.sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  const vectors = data.map((d) => d.embedding);
  if (!vectors.every((v): v is number[] => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' && Number.isFinite(x)))) {
    throw makeProviderError('INVALID_RESPONSE', 'the server sent an embedding that is not a list of numbers', ctx);
  }
  return { vectors, model: typeof res.model === 'string' ? res.model : model, inputTokens: res.usage?.prompt_tokens ?? 0 };
}

/** @internal Validate the inputs and pick the model. @throws ProviderConfigError */
export function embedPlan(input: string | string[], options: EmbedOptions, fallbackModel: string | undefined, id: string): { inputs: string[]; model: string } {
  const inputs = typeof input === 'string' ? [input] : input;
  if (!Array.isArray(inputs) || inputs.length === 0 || !inputs.every((s) => typeof s === 'string')) {
    throw new ProviderConfigError('INVALID_CONFIG', `embed() on ${id} needs a string or a non-empty array of strings.`);
  }
  if (inputs.length > MAX_EMBED_INPUTS)
    throw new ProviderConfigError('INVALID_CONFIG', `embed() takes at most ${MAX_EMBED_INPUTS} inputs per call; split them into batches.`);
  const model = options.model ?? fallbackModel;
  if (!model) throw new ProviderConfigError('INVALID_CONFIG', `No embedding model for ${id}: pass { embeddingModel } to the provider or { model } to embed().`);
  return { inputs, model };
}
