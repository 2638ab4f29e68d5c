/**
 * Every default and limit of `@graft/providers`, named in one place.
 * @module
 */

/** Default per-attempt timeout of a call (whole response for `chat()`, idle gap for `stream()`). */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Default number of retries after the first attempt (so up to 3 attempts). */
export const DEFAULT_MAX_RETRIES = 2;
/** First backoff delay before jitter. */
export const DEFAULT_BACKOFF_INITIAL_MS = 500;
/** Upper bound of one backoff delay. */
export const DEFAULT_BACKOFF_MAX_MS = 8_000;
/** A `Retry-After` longer than this is not waited for: the error is thrown (a fallback may switch). */
export const MAX_RETRY_AFTER_MS = 60_000;
/** Consecutive failures after which a fallback chain opens a provider's circuit. */
export const DEFAULT_BREAKER_FAILURE_THRESHOLD = 3;
/** How long an open circuit stays open before one trial call is let through. */
export const DEFAULT_BREAKER_COOLDOWN_MS = 30_000;
/** Characters per token used to estimate usage when a server reports none. */
export const ESTIMATE_CHARS_PER_TOKEN = 4;
/** Fixed token overhead per message used by the usage estimate. */
export const ESTIMATE_TOKENS_PER_MESSAGE = 4;
/** Longest server message quoted in an error (longer ones are cut). */
export const MAX_ERROR_MESSAGE_CHARS = 500;
/** Longest model reply quoted in a tool-call parse error. */
export const MAX_QUOTED_REPLY_CHARS = 300;
/** Mock server: characters per streamed text/reasoning delta. */
export const MOCK_CHUNK_CHARS = 8;
/** Mock server: characters per streamed tool-call arguments fragment. */
export const MOCK_ARGS_CHUNK_CHARS = 6;
/** Mock server: pause before dropping a cut connection, so the client reads what was sent. */
export const MOCK_CUT_GRACE_MS = 20;
/** ScriptedProvider: characters per streamed text delta. */
export const SCRIPTED_CHUNK_CHARS = 16;

/** How many levels of an error's `cause` chain a `ProviderError.cause` keeps (scrubbed copies). */
export const MAX_CAUSE_DEPTH = 4;
/**
 * Base64 runs shorter than this, taken from inside a longer encoded string (the secret at byte
 * offset 1 or 2 of, say, `base64("user:" + secret)`), are not scrubbed: too likely to collide.
 */
export const MIN_SCRUB_CORE_CHARS = 6;
/** What a scrubbed secret is replaced with by default. */
export const REDACTED = '[REDACTED]';
/** API keys shorter than this (`'none'`, `'x'` for local servers) are not scrubbed from error messages. */
export const MIN_KEY_SCRUB_CHARS = 4;
/**
 * Secrets longer than this are scrubbed in each encoder's exact output rather than with every
 * mix of literal and percent-encoded characters (the expression would grow too large to compile).
 */
export const MAX_PATTERNED_SECRET_CHARS = 1024;
/** Most inputs one `embed()` call sends (OpenAI's own limit is 2048). */
export const MAX_EMBED_INPUTS = 2048;
/** Mock server: dimensions of its default deterministic embeddings. */
export const MOCK_EMBEDDING_DIMENSIONS = 16;
/** Node transport: bytes of a response body buffered ahead of the reader before the socket is paused. */
export const BODY_HIGH_WATER_BYTES = 64 * 1024;
