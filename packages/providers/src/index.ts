/**
 * `@graft/providers`: talk to any OpenAI-compatible model endpoint.
 *
 * - {@link openaiCompatible} and the presets ({@link openai}, {@link anthropic},
 *   {@link perplexity}, {@link ollama}, {@link llamaCpp}, {@link vllm}, {@link lmStudio},
 *   {@link openRouter}, {@link groq}) and {@link fromEnv};
 * - normalized responses and stream events (see the types);
 * - typed errors ({@link ProviderError}) and our own retries;
 * - {@link fallback} chains with circuit breakers;
 * - usage and cost accounting ({@link UsageMeter}).
 * @packageDocumentation
 */
export type * from './types.js';
export { openaiCompatible } from './openai-compatible.js';
export type { OpenAICompatibleOptions, OpenAICompatibleProvider, AuthScheme } from './openai-compatible.js';
export type { EmbedOptions, EmbedResult } from './embed.js';
export { DEFAULT_CAPABILITIES } from './capabilities.js';
export type { ProviderCapabilities } from './capabilities.js';
export type { MaxTokensField } from './request.js';
export { PRESETS, fromPreset, ollamaBaseURL, openai, anthropic, perplexity, ollama, llamaCpp, vllm, lmStudio, openRouter, groq } from './presets.js';
export type { PresetConfig, PresetOptions, PresetName, Env } from './presets.js';
export { fromEnv, ENV_DETECTION_ORDER } from './from-env.js';
export { GraftError, isGraftError } from './graft-error.js';
export { ProviderError, ProviderConfigError, ToolCallParseError, isProviderError } from './errors.js';
export type { ProviderErrorCode, ProviderErrorOptions, ProviderConfigErrorCode } from './errors.js';
export { parseRetryAfter } from './retry-after.js';
export type { HeaderSource } from './retry-after.js';
export { retryDelay } from './retry.js';
export type { BackoffOptions, RetryInfo } from './retry.js';
export { fallback, classifyForFallback } from './fallback.js';
export type { FallbackOptions, FallbackProvider, SwitchInfo } from './fallback.js';
export { CircuitBreaker } from './breaker.js';
export type { BreakerOptions, BreakerState } from './breaker.js';
export { UsageMeter } from './usage-meter.js';
export type { UsageTotals } from './usage-meter.js';
export { costOf, findPrice } from './normalize/usage.js';
export type { ModelPrice, PriceTable } from './normalize/usage.js';
export { parsePromptToolCalls, toPromptModeRequest } from './prompt-tools.js';
export type { PromptToolParse } from './prompt-tools.js';
export { createScrubber, scrubSecrets, scrubJson, redactBearerTokens, REDACTED } from './scrub/index.js';
export type { Scrubber, ScrubberOptions } from './scrub/index.js';
export * as limits from './limits.js';
