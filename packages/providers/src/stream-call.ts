/**
 * The streaming half of `openaiCompatible()`: one SSE call turned into normalized
 * {@link StreamEvent}s, with retries only before the first event reached the caller.
 * @module
 */
import { ServerAnswerError, type HttpClient } from './http-client.js';
import type { GuardContext } from './call-guard.js';
import { CallGuard } from './call-guard.js';
import { makeProviderError } from './error-map.js';
import type { ProviderError } from './errors.js';
import { StreamAssembler } from './normalize/stream-assembler.js';
import { completionAsChunk, isJsonResponse } from './normalize/wire-mismatch.js';
import { readBody } from './read-body.js';
import { readSseJson } from './sse.js';
import { estimateUsage, priceUsage, type PriceTable } from './normalize/usage.js';
import { parsePromptToolCalls } from './prompt-tools.js';
import { retryDelay, sleep, type BackoffOptions, type RetryInfo } from './retry.js';
import type { ChatRequest, ChatResponse, StreamEvent, ToolSpec } from './types.js';

/** Everything one streamed call needs. */
export interface StreamCallOptions {
  client: HttpClient;
  request: ChatRequest;
  body: Record<string, unknown>;
  ctx: GuardContext;
  maxRetries: number;
  backoff?: BackoffOptions;
  onRetry?: (info: RetryInfo) => void;
  prices?: PriceTable;
  defaultModel: string;
  /** Set in prompt-mode tool calling: text is buffered and parsed for tool calls at the end. */
  promptTools?: ToolSpec[];
}

function finalEvents(o: StreamCallOptions, assembler: StreamAssembler, started: number): StreamEvent[] {
  const done = assembler.finish();
  const events: StreamEvent[] = [];
  let { text, toolCalls } = done;
  if (o.promptTools) {
    if (o.promptTools.length > 0 && toolCalls.length === 0) {
      ({ text, toolCalls } = parsePromptToolCalls(done.text, o.promptTools, o.ctx.provider));
    }
    if (text) events.push({ type: 'text-delta', text });
  }
  for (const toolCall of toolCalls) events.push({ type: 'tool-call', toolCall });
  const outChars = done.text.length + done.reasoning.length + toolCalls.reduce((n, c) => n + c.rawArgs.length, 0);
  const requestModel = o.request.model ?? o.defaultModel;
  const usage = priceUsage(done.usage ?? estimateUsage(o.request, outChars), o.prices, [done.model, requestModel]);
  events.push({ type: 'usage', usage });
  const response: ChatResponse = {
    text,
    toolCalls,
    finishReason: toolCalls.length > 0 && done.finishReason === 'stop' ? 'tool_calls' : done.finishReason,
    usage,
    model: done.model,
    provider: o.ctx.provider,
    latencyMs: performance.now() - started,
  };
  if (done.reasoning) response.reasoning = done.reasoning;
  events.push({ type: 'finish', response });
  return events;
}

/** Streams one chat completion as normalized events (last one `finish`). */
export async function* streamCompletion(o: StreamCallOptions): AsyncGenerator<StreamEvent, void, undefined> {
  const started = performance.now();
  const signal = o.request.signal;
  let yielded = false;
  for (let retry = 0; ; retry++) {
    const guard = new CallGuard(signal, o.ctx);
    const assembler = new StreamAssembler(o.request.model ?? o.defaultModel);
    let error: ProviderError;
    try {
      const response = await o.client.post('/chat/completions', o.body, guard.requestOptions());
      let chunks: AsyncIterable<unknown> | unknown[];
      if (isJsonResponse(response.headers.get('content-type'))) {
        // The server ignored `stream: true` and sent one JSON completion.
        const body = await readBody(response, guard);
        if (body && typeof body === 'object' && (body as { error?: unknown }).error && !Array.isArray((body as { choices?: unknown }).choices)) {
          throw new ServerAnswerError(undefined, body, undefined, undefined);
        }
        chunks = [completionAsChunk(body)];
      } else {
        if (!response.body) throw makeProviderError('INVALID_RESPONSE', 'the stream had no body', o.ctx);
        const reader = response.body.getReader();
        guard.watch(() => void reader.cancel().catch(() => undefined));
        chunks = readSseJson(reader, response.headers);
      }
      for await (const chunk of chunks) {
        const events = assembler.push(chunk);
        for (const event of events) {
          if (o.promptTools && event.type === 'text-delta') continue;
          if (signal?.aborted) throw new Error('stream aborted');
          guard.pause();
          yielded = true;
          yield event;
        }
        guard.touch();
      }
      // A body cancelled by our timeout simply ends: that is no success.
      if (guard.expired || signal?.aborted) throw new Error('stream aborted');
      for (const event of assembler.flush()) {
        if (o.promptTools && event.type === 'text-delta') continue;
        guard.pause();
        yielded = true;
        yield event;
      }
      if (!assembler.sawChoice) {
        throw makeProviderError('INVALID_RESPONSE', 'the stream ended without any choice', o.ctx);
      }
      guard.pause();
      for (const event of finalEvents(o, assembler, started)) yield event;
      return;
    } catch (thrown) {
      error = guard.mapError(thrown);
    } finally {
      guard.dispose();
    }
    error.attempts = retry + 1;
    const delayMs = !yielded && retry < o.maxRetries ? retryDelay(error, retry + 1, o.backoff) : undefined;
    if (delayMs === undefined) throw error;
    o.onRetry?.({ retry: retry + 1, delayMs, error });
    await sleep(delayMs, signal, () => makeProviderError('ABORTED', 'the stream was aborted while waiting to retry', o.ctx));
  }
}
