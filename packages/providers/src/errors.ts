/**
 * Typed errors of `@graft/providers`. Every failure a caller can meet is a
 * {@link ProviderError} with a stable `code`, or a {@link ProviderConfigError} when the
 * provider could not even be built.
 * @module
 */
import { GraftError } from './graft-error.js';

/** Stable codes of {@link ProviderError}. */
export type ProviderErrorCode =
  /** The server rejected the credentials (HTTP 401/403). Check the API key. */
  | 'AUTH'
  /** Too many requests (HTTP 429). `retryAfterMs` says how long the server asked to wait. */
  | 'RATE_LIMITED'
  /** No (complete) answer within `timeoutMs`, or the server reported a timeout (408/504). */
  | 'TIMEOUT'
  /** The server could not be reached or failed (connection error, HTTP 5xx, stream cut). */
  | 'UNAVAILABLE'
  /** The server refused the request as invalid (HTTP 400/404/422…); `serverMessage` says why. */
  | 'BAD_REQUEST'
  /** The prompt does not fit the model's context window. Shorten the conversation. */
  | 'CONTEXT_LENGTH'
  /** The server answered with something that is not a chat completion (malformed JSON…). */
  | 'INVALID_RESPONSE'
  /** The caller's `AbortSignal` fired. */
  | 'ABORTED'
  /** Prompt-mode tool calling: the model tried to call a tool but its reply could not be parsed. */
  | 'TOOL_CALL_PARSE';

/** Options of {@link ProviderError}. */
export interface ProviderErrorOptions {
  /** Id of the provider that failed (e.g. `openai`). */
  provider: string;
  /** HTTP status, when the server answered. */
  status?: number;
  /** Whether trying again (later or elsewhere) may succeed. Defaults by code. */
  retryable?: boolean;
  /** How long the server asked to wait before retrying, in milliseconds. */
  retryAfterMs?: number;
  /** The server's own error message (already scrubbed of the API key). */
  serverMessage?: string;
  /** The server's error code string (e.g. `context_length_exceeded`), when it sent one. */
  serverCode?: string;
  /** Number of attempts made before giving up. */
  attempts?: number;
  /** Underlying error (never one that carries the API key). */
  cause?: unknown;
}

const RETRYABLE_BY_DEFAULT: Record<ProviderErrorCode, boolean> = {
  AUTH: false,
  RATE_LIMITED: true,
  TIMEOUT: true,
  UNAVAILABLE: true,
  BAD_REQUEST: false,
  CONTEXT_LENGTH: false,
  INVALID_RESPONSE: true,
  ABORTED: false,
  TOOL_CALL_PARSE: false,
};

const BRAND = Symbol.for('@graft/providers.ProviderError');

/**
 * A failed provider call. Switch on `code`; `retryable` says whether trying again (after
 * `retryAfterMs`, or with another provider) may help. Messages never contain the API key.
 */
export class ProviderError extends GraftError<ProviderErrorCode> {
  /**
   * `instanceof ProviderError` also recognizes errors made by another copy of this package
   * (e.g. the `/testing` bundle), by a global brand.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== ProviderError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /** `ProviderError` (subclasses set their own). */
  override readonly name: string = 'ProviderError';
  /** Stable machine-readable code. */
  declare readonly code: ProviderErrorCode;
  /** Id of the provider that failed. */
  readonly provider: string;
  /** HTTP status, when the server answered. */
  readonly status?: number;
  /** Whether trying again (later or elsewhere) may succeed. */
  readonly retryable: boolean;
  /** How long the server asked to wait (from `Retry-After`/`retry-after-ms`), in ms. */
  readonly retryAfterMs?: number;
  /** The server's own error message, scrubbed of the API key. */
  readonly serverMessage?: string;
  /** The server's error code string, when it sent one. */
  readonly serverCode?: string;
  /** Attempts made (1 + retries) before this error was thrown. */
  attempts: number;

  constructor(code: ProviderErrorCode, message: string, options: ProviderErrorOptions) {
    super(code, message, options.cause === undefined ? undefined : { cause: options.cause });
    Object.defineProperty(this, BRAND, { value: true });
    this.provider = options.provider;
    this.status = options.status;
    this.retryable = options.retryable ?? RETRYABLE_BY_DEFAULT[code];
    this.retryAfterMs = options.retryAfterMs;
    this.serverMessage = options.serverMessage;
    this.serverCode = options.serverCode;
    this.attempts = options.attempts ?? 1;
  }
}

/**
 * Prompt-mode tool calling could not read the tool call the model tried to make.
 * `reply` holds the model's text so it can be sent back to the model with the error.
 */
export class ToolCallParseError extends ProviderError {
  /** `ToolCallParseError`. */
  override readonly name: string = 'ToolCallParseError';
  /** The model's reply (may be long; quote it to the model, not to users). */
  readonly reply: string;

  constructor(message: string, reply: string, provider: string) {
    super('TOOL_CALL_PARSE', message, { provider, retryable: false });
    this.reply = reply;
  }
}

/** Stable codes of {@link ProviderConfigError}. */
export type ProviderConfigErrorCode =
  /** No provider could be chosen: nothing configured in the environment or options. */
  | 'NOT_CONFIGURED'
  /** An option is missing or invalid (no model, bad base URL…). */
  | 'INVALID_CONFIG';

/** A provider could not be built from the given options or environment. */
export class ProviderConfigError extends GraftError<ProviderConfigErrorCode> {
  /** `ProviderConfigError`. */
  override readonly name: string = 'ProviderConfigError';

  /** @param code what is wrong. @param message what to change. */
  constructor(code: ProviderConfigErrorCode, message: string) {
    super(code, message);
  }
}

/** True when `error` is a {@link ProviderError} (also one made by another copy of this package). */
export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof ProviderError;
}
