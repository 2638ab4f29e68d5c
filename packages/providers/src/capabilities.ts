/**
 * What an endpoint supports; presets set these, users may override them.
 * @module
 */
import type { MaxTokensField } from './request.js';

/** Capability flags of an endpoint. */
export interface ProviderCapabilities {
  /** The server supports native `tools` / `tool_calls`. Without it, use `toolCalling: 'prompt'`. */
  nativeTools: boolean;
  /** The server honours `stream_options.include_usage` (else usage may be estimated). */
  streamUsage: boolean;
  /** The server honours `response_format: { type: 'json_schema' }`. */
  jsonSchema: boolean;
  /** Models here may return reasoning text. */
  reasoning: boolean;
  /**
   * The server accepts images in user messages (OpenAI `image_url` content parts). When
   * `false`, a request with image parts fails with `BAD_REQUEST` before it is sent.
   */
  imageInput: boolean;
  /** Field carrying `maxTokens` (`max_completion_tokens` for OpenAI, `max_tokens` elsewhere). */
  maxTokensField: MaxTokensField;
}

/** Capabilities assumed for an unknown OpenAI-compatible server. */
export const DEFAULT_CAPABILITIES: ProviderCapabilities = {
  nativeTools: true,
  streamUsage: true,
  jsonSchema: true,
  reasoning: false,
  imageInput: true,
  maxTokensField: 'max_tokens',
};
