/**
 * Reads a non-streaming response body ourselves (instead of `response.json()`), so a body
 * that stalls after the headers can be cancelled by the attempt's timeout.
 * @module
 */
import type { CallGuard } from './call-guard.js';
import type { HttpResponse } from './http-response.js';

const utf8 = new TextDecoder();

function concat(parts: Uint8Array[]): Uint8Array {
  let size = 0;
  for (const p of parts) size += p.byteLength;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** Thrown when the body was cancelled by the timeout; mapped to `TIMEOUT` by the guard. */
class BodyTimeout extends Error {}

/**
 * Reads and parses the body: JSON when the content type says so, text otherwise (the caller
 * then reports `INVALID_RESPONSE`). A JSON syntax error surfaces as `SyntaxError`.
 */
export async function readBody(response: HttpResponse, guard: CallGuard): Promise<unknown> {
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
  const text = utf8.decode(parts.length === 1 ? parts[0] : concat(parts));
  const type = response.headers.get('content-type') ?? '';
  if (!/json/i.test(type)) return text;
  return text === '' ? undefined : JSON.parse(text);
}
