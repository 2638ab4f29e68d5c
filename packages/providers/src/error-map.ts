/**
 * Turns whatever a call threw (an `openai` client error, a fetch failure, a JSON syntax
 * error…) into a {@link ProviderError} with a stable code and a message that says what to do.
 * @module
 */
import { ConnectionError, ConnectionTimeoutError, ServerAnswerError } from './http-client.js';
import { ProviderError, isProviderError, type ProviderErrorCode } from './errors.js';
import { MAX_ERROR_MESSAGE_CHARS } from './limits.js';
import { parseRetryAfter } from './retry-after.js';
import { scrubProviderText as scrubSecrets } from './scrub/provider.js';
import { scrubbedCause } from './error-cause.js';

/** What every error of a provider needs to know. */
export interface BaseErrorContext {
  /** Provider id for the error. */
  provider: string;
  /** Secrets to scrub from every message (the API key). */
  secrets: readonly (string | undefined)[];
  /** The timeout that applied, for the message. */
  timeoutMs: number;
  /** Where the key comes from, for the AUTH message (e.g. `OPENAI_API_KEY`). */
  keyHint?: string;
}

/** What the caller knows about the failed attempt. */
export interface ErrorContext extends BaseErrorContext {
  /** The caller's signal fired. */
  userAborted: boolean;
  /** Our own timeout fired. */
  timedOut: boolean;
}

const CONTEXT_PATTERN =
  /context[_ ]length|context window|maximum context|too many tokens|prompt is too long|reduce the length|exceeds? the (?:model'?s? )?(?:max|context)|n_ctx|input is too long|context size|exceed_context/i;

function cut(text: string): string {
  return text.length > MAX_ERROR_MESSAGE_CHARS ? `${text.slice(0, MAX_ERROR_MESSAGE_CHARS)}…` : text;
}

/** Pulls a human message and a code string out of any error body shape servers use. */
export function readErrorBody(body: unknown): { message?: string; code?: string } {
  if (typeof body === 'string') return { message: body.trim() || undefined };
  if (!body || typeof body !== 'object') return {};
  const record = body as Record<string, unknown>;
  const inner = record.error;
  if (typeof inner === 'string') return { message: inner, code: stringOf(record.code) ?? stringOf(record.type) };
  if (inner && typeof inner === 'object') {
    const e = inner as Record<string, unknown>;
    return {
      message: stringOf(e.message) ?? stringOf(e.detail) ?? JSON.stringify(inner),
      code: stringOf(e.code) ?? stringOf(e.type),
    };
  }
  const detail = record.detail;
  return {
    message: stringOf(record.message) ?? stringOf(detail) ?? (detail ? JSON.stringify(detail) : undefined),
    code: stringOf(record.code) ?? stringOf(record.type),
  };
}

function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function codeForStatus(status: number, text: string): ProviderErrorCode {
  if (status === 401 || status === 403) return 'AUTH';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 408 || status === 504) return 'TIMEOUT';
  if (status >= 500) return 'UNAVAILABLE';
  if (CONTEXT_PATTERN.test(text)) return 'CONTEXT_LENGTH';
  return 'BAD_REQUEST';
}

function codeForBody(text: string): ProviderErrorCode {
  if (/rate[_ ]?limit|too many requests|quota/i.test(text)) return 'RATE_LIMITED';
  if (CONTEXT_PATTERN.test(text)) return 'CONTEXT_LENGTH';
  if (/invalid_request|bad request|invalid_argument/i.test(text)) return 'BAD_REQUEST';
  if (/auth|api key|unauthori[sz]ed|permission/i.test(text)) return 'AUTH';
  return 'UNAVAILABLE';
}

function advice(code: ProviderErrorCode, ctx: BaseErrorContext, retryAfterMs?: number): string {
  switch (code) {
    case 'AUTH':
      return `Check the API key${ctx.keyHint ? ` (${ctx.keyHint})` : ''} and that it may use this model.`;
    case 'RATE_LIMITED':
      return retryAfterMs !== undefined
        ? `Wait ${Math.ceil(retryAfterMs / 1000)}s before retrying, or lower the request rate.`
        : 'Lower the request rate or retry later.';
    case 'TIMEOUT':
      return `Raise timeoutMs (now ${ctx.timeoutMs} ms) or check that the server is responsive.`;
    case 'UNAVAILABLE':
      return 'Check that the server is running and reachable at its base URL; retry later.';
    case 'BAD_REQUEST':
      return 'Fix the request (model name, parameters, messages) as the server says.';
    case 'CONTEXT_LENGTH':
      return 'Shorten the conversation or the tool results, or use a model with a larger context window.';
    case 'INVALID_RESPONSE':
      return 'The endpoint may not be OpenAI-compatible, or a proxy altered the response.';
    default:
      return '';
  }
}

/** Builds a ProviderError for `code` with a standard message. */
export function makeProviderError(
  code: ProviderErrorCode,
  what: string,
  ctx: BaseErrorContext,
  extra: { status?: number; retryAfterMs?: number; serverMessage?: string; serverCode?: string; retryable?: boolean; cause?: unknown } = {},
): ProviderError {
  const server = extra.serverMessage ? `: ${extra.serverMessage.replace(/[.\s]+$/, '')}` : '';
  const message = scrubSecrets(`${ctx.provider}: ${what}${server}. ${advice(code, ctx, extra.retryAfterMs)}`.trim(), ctx.secrets);
  return new ProviderError(code, message, { provider: ctx.provider, ...extra });
}

/**
 * Maps anything thrown by one attempt to a {@link ProviderError} whose `cause` is a scrubbed copy
 * of it (same name, message, stack, `code`, and cause chain; never the API key).
 */
export function toProviderError(error: unknown, ctx: ErrorContext): ProviderError {
  if (isProviderError(error)) return error;
  const mapped = mapError(error, ctx);
  if (mapped.cause === undefined) {
    const cause = scrubbedCause(error, ctx.secrets);
    if (cause) Object.defineProperty(mapped, 'cause', { value: cause, writable: true, configurable: true, enumerable: false });
  }
  return mapped;
}

function mapError(error: unknown, ctx: ErrorContext): ProviderError {
  if (ctx.userAborted) {
    return makeProviderError('ABORTED', 'the call was aborted by its AbortSignal', ctx);
  }
  if (ctx.timedOut || error instanceof ConnectionTimeoutError) {
    return makeProviderError('TIMEOUT', `no response within ${ctx.timeoutMs} ms`, ctx);
  }
  if (error instanceof ConnectionError) {
    const cause = (error as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? cause.message : error.message;
    return makeProviderError('UNAVAILABLE', `could not reach the server (${cut(scrubSecrets(detail, ctx.secrets))})`, ctx);
  }
  if (error instanceof ServerAnswerError) {
    const { message, code: serverCode } = readErrorBody(error.error);
    const serverMessage = message ? cut(scrubSecrets(message, ctx.secrets)) : undefined;
    const text = `${serverCode ?? ''} ${message ?? ''}`;
    const status = typeof error.status === 'number' ? error.status : undefined;
    const code = status !== undefined ? codeForStatus(status, text) : codeForBody(text);
    const retryAfterMs = parseRetryAfter(error.headers ?? undefined);
    const quotaGone = code === 'RATE_LIMITED' && /insufficient_quota|billing/i.test(text);
    const what = status !== undefined ? `the server answered HTTP ${status}` : 'the server sent an error in the stream';
    return makeProviderError(code, what, ctx, {
      status,
      retryAfterMs,
      serverMessage,
      serverCode,
      retryable: quotaGone ? false : undefined,
    });
  }
  if (error instanceof SyntaxError) {
    return makeProviderError('INVALID_RESPONSE', `the server sent malformed JSON (${cut(scrubSecrets(error.message, ctx.secrets))})`, ctx);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return makeProviderError('UNAVAILABLE', `the connection failed (${cut(scrubSecrets(detail, ctx.secrets))})`, ctx);
}
