/**
 * The `cause` a {@link ProviderError} carries: a scrubbed copy of what was really thrown (the
 * `openai` client's error, a fetch failure, a socket error…), so a misleading top-level message
 * can be diagnosed without ever exposing the API key. The original object is not kept: client
 * errors hold response bodies and headers that may echo the key.
 * @module
 */
import { MAX_CAUSE_DEPTH, MAX_ERROR_MESSAGE_CHARS } from './limits.js';
import { scrubProviderText as scrubSecrets } from './scrub/provider.js';

/** Diagnostic fields copied from the original error when they are short strings or numbers. */
const KEPT_FIELDS = ['code', 'errno', 'syscall', 'status', 'type'] as const;

function cut(text: string): string {
  return text.length > MAX_ERROR_MESSAGE_CHARS ? `${text.slice(0, MAX_ERROR_MESSAGE_CHARS)}…` : text;
}

/**
 * A scrubbed copy of `thrown` and of its own `cause` chain (at most `MAX_CAUSE_DEPTH` deep):
 * the same `name` (e.g. `APIConnectionTimeoutError`), message and stack with secrets removed,
 * and the `code`/`errno`/`syscall`/`status`/`type` fields.
 */
export function scrubbedCause(thrown: unknown, secrets: readonly (string | undefined)[], depth = 0): Error | undefined {
  if (thrown === undefined || depth >= MAX_CAUSE_DEPTH) return undefined;
  const scrub = (text: string) => scrubSecrets(text, secrets);
  if (!(thrown instanceof Error)) {
    let text: string;
    try {
      text = typeof thrown === 'string' ? thrown : String(thrown);
    } catch {
      text = typeof thrown;
    }
    const copy = new Error(cut(scrub(text)));
    copy.name = 'NonError';
    copy.stack = `NonError: ${copy.message}`;
    return copy;
  }
  const copy = new Error(cut(scrub(thrown.message ?? '')));
  copy.name = thrown.name || thrown.constructor?.name || 'Error';
  copy.stack = thrown.stack ? scrub(thrown.stack) : `${copy.name}: ${copy.message}`;
  const source = thrown as unknown as Record<string, unknown>;
  for (const key of KEPT_FIELDS) {
    const value = source[key];
    if (typeof value === 'number' || (typeof value === 'string' && value.length <= 100)) {
      (copy as unknown as Record<string, unknown>)[key] = typeof value === 'string' ? scrub(value) : value;
    }
  }
  const inner = scrubbedCause(source.cause, secrets, depth + 1);
  if (inner) copy.cause = inner;
  return copy;
}
