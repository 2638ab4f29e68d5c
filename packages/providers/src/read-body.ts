/**
 * Reads a non-streaming response body ourselves (instead of `response.json()`), so a body
 * that stalls after the headers can be cancelled by the attempt's timeout.
 * @module
 */
import type { CallGuard } from './call-guard.js';

/** Thrown when the body was cancelled by the timeout; mapped to `TIMEOUT` by the guard. */
class BodyTimeout extends Error {}

/**
 * Reads and parses the body: JSON when the content type says so, text otherwise (the caller
 * then reports `INVALID_RESPONSE`). A JSON syntax error surfaces as `SyntaxError`.
 */
export async function readBody(response: Response, guard: CallGuard): Promise<unknown> {
  const body = response.body;
  if (!body || response.status === 204) return undefined;
  const reader = body.getReader();
  guard.watch(() => void reader.cancel().catch(() => undefined), true);
  const parts: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  if (guard.expired) throw new BodyTimeout('body timed out');
  const text = parts.length === 1 ? Buffer.from(parts[0].buffer, parts[0].byteOffset, parts[0].byteLength).toString('utf8') : Buffer.concat(parts).toString('utf8');
  const type = response.headers.get('content-type') ?? '';
  if (!/json/i.test(type)) return text;
  return text === '' ? undefined : JSON.parse(text);
}
