/**
 * `fallback()`: a {@link ChatProvider} that tries providers in order, switching on failures a
 * different provider may not have, with a circuit breaker per provider.
 * @module
 */
import { CircuitBreaker, type BreakerOptions, type BreakerState } from './breaker.js';
import { ProviderError, isProviderError } from './errors.js';
import type { ChatProvider, ChatRequest, ChatResponse, StreamEvent } from './types.js';

/** Reported each time the chain moves on to the next provider. */
export interface SwitchInfo {
  /** Id of the provider that failed. */
  from: string;
  /** Id of the provider tried next. */
  to: string;
  /** Why. */
  error: Error;
}

/** Options of {@link fallback}. */
export interface FallbackOptions {
  /** Called on every switch. */
  onSwitch?: (info: SwitchInfo) => void;
  /** Breaker settings, or `false` for no breakers. */
  breaker?: BreakerOptions | false;
  /** Id of the chain (default `fallback(a,b,…)`). */
  id?: string;
}

/** A fallback chain. */
export interface FallbackProvider extends ChatProvider {
  /** The providers, in order. */
  readonly providers: readonly ChatProvider[];
  /** The breaker state of the provider at `index` (`closed` when breakers are off). */
  breakerState(index: number): BreakerState;
}

/**
 * What a failure means for the chain:
 * - `stop`: rethrow at once — the caller aborted, or the request itself is wrong (BAD_REQUEST,
 *   an unreadable prompt-mode tool call), which another provider would reject too;
 * - `next-ok`: the server answered, but another model may cope (CONTEXT_LENGTH);
 * - `next-failed`: the provider failed (AUTH, RATE_LIMITED, TIMEOUT, UNAVAILABLE, INVALID_RESPONSE, unknown errors).
 */
export function classifyForFallback(error: unknown): 'stop' | 'next-ok' | 'next-failed' {
  if (!isProviderError(error)) return 'next-failed';
  switch (error.code) {
    case 'ABORTED':
    case 'BAD_REQUEST':
    case 'TOOL_CALL_PARSE':
      return 'stop';
    case 'CONTEXT_LENGTH':
      return 'next-ok';
    default:
      return 'next-failed';
  }
}

/**
 * Chains providers: each call goes to the first provider whose circuit is not open; on a
 * failure another provider may not share (see {@link classifyForFallback}) the next one is
 * tried and `onSwitch` is told. A stream switches only before its first event was yielded.
 *
 * @example
 * ```ts
 * const provider = fallback([openai(), ollama()], { onSwitch: ({ from, to, error }) => log(from, to, error.message) });
 * ```
 */
export function fallback(providers: readonly ChatProvider[], options: FallbackOptions = {}): FallbackProvider {
  if (providers.length === 0) throw new TypeError('fallback() needs at least one provider.');
  const id = options.id ?? `fallback(${providers.map((p) => p.id).join(',')})`;
  const breakers = providers.map(() => (options.breaker === false ? undefined : new CircuitBreaker(options.breaker ?? {})));

  function allOpen(): ProviderError {
    const waits = breakers.map((b) => b?.retryInMs ?? 0);
    const retryAfterMs = Math.min(...waits);
    return new ProviderError(
      'UNAVAILABLE',
      `${id}: every provider's circuit is open after repeated failures; the next trial is in ${retryAfterMs} ms. Check the providers' health or wait.`,
      { provider: id, retryAfterMs, retryable: true },
    );
  }

  function settle(index: number, error: unknown): 'stop' | 'next' {
    const verdict = classifyForFallback(error);
    const breaker = breakers[index];
    if (verdict === 'next-failed') breaker?.failure();
    else if (isProviderError(error) && error.code === 'ABORTED') breaker?.release();
    else breaker?.success();
    return verdict === 'stop' ? 'stop' : 'next';
  }

  return {
    id,
    model: providers[0].model,
    providers,
    breakerState: (index) => breakers[index]?.state ?? 'closed',
    async chat(request: ChatRequest): Promise<ChatResponse> {
      let failed: { id: string; error: Error } | undefined;
      for (const [index, provider] of providers.entries()) {
        if (breakers[index] && !breakers[index]!.tryAcquire()) continue;
        if (failed) options.onSwitch?.({ from: failed.id, to: provider.id, error: failed.error });
        try {
          const response = await provider.chat(request);
          breakers[index]?.success();
          return response;
        } catch (error) {
          if (settle(index, error) === 'stop') throw error;
          failed = { id: provider.id, error: error as Error };
        }
      }
      throw failed?.error ?? allOpen();
    },
    async *stream(request: ChatRequest): AsyncGenerator<StreamEvent, void, undefined> {
      let failed: { id: string; error: Error } | undefined;
      for (const [index, provider] of providers.entries()) {
        if (breakers[index] && !breakers[index]!.tryAcquire()) continue;
        if (failed) options.onSwitch?.({ from: failed.id, to: provider.id, error: failed.error });
        let yielded = false;
        let settled = false;
        try {
          for await (const event of provider.stream(request)) {
            yielded = true;
            yield event;
          }
          settled = true;
          breakers[index]?.success();
          return;
        } catch (error) {
          settled = true;
          if (settle(index, error) === 'stop' || yielded) throw error;
          failed = { id: provider.id, error: error as Error };
        } finally {
          if (!settled) breakers[index]?.release();
        }
      }
      throw failed?.error ?? allOpen();
    },
  };
}
