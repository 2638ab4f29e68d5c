/**
 * A small server-sent-events reader over a fetch body: yields each event's `data` as parsed
 * JSON, stops at `data: [DONE]`, delivers a last event that lacks its closing blank line, and
 * turns `{ error }` payloads into `ServerAnswerError`s. Reading the body ourselves lets the attempt's
 * timeout cancel it without an extra `AbortController`.
 * @module
 */
import { ServerAnswerError, type HttpResponse } from './http-client.js';
import type { BodyReader } from './http-response.js';

/** Yields the JSON payload of every SSE event of `body` until `[DONE]` or the end. */
export async function* readSseJson(reader: BodyReader, headers: HttpResponse['headers']): AsyncGenerator<unknown, void, undefined> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  let event: string | undefined;
  let finished = false;
  const dispatch = (): unknown => {
    const payload = data.join('\n');
    const name = event;
    data = [];
    event = undefined;
    if (payload.startsWith('[DONE]')) {
      finished = true;
      return undefined;
    }
    const value = JSON.parse(payload) as Record<string, unknown> | null;
    if (value && typeof value === 'object' && (value.error || name === 'error')) {
      throw new ServerAnswerError(undefined, value.error ?? value, undefined, headers);
    }
    return value;
  };
  const lines = function* (text: string, final: boolean): Generator<string> {
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end < 0) break;
      const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
      start = end + 1;
      yield line;
    }
    buffer = text.slice(start);
    if (final && buffer !== '') {
      const rest = buffer;
      buffer = '';
      yield rest;
    }
  };
  const handle = (line: string): unknown => {
    if (line === '') return data.length > 0 ? dispatch() : undefined;
    if (line.charCodeAt(0) === 58) return undefined; // ':' comment
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    return undefined;
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const text = buffer + (done ? decoder.decode() : decoder.decode(value, { stream: true }));
      for (const line of lines(text, done)) {
        const out = handle(line);
        if (finished) return;
        if (out !== undefined) yield out;
      }
      if (done) break;
    }
    if (data.length > 0) {
      const out = dispatch();
      if (out !== undefined) yield out;
    }
    finished = true;
  } finally {
    // After [DONE], drain what is left in the background so the connection can be reused;
    // after an error, or when the consumer left early, cancel the body.
    if (finished) void drain(reader);
    else await reader.cancel().catch(() => undefined);
  }
}

async function drain(reader: BodyReader): Promise<void> {
  try {
    for (;;) if ((await reader.read()).done) break;
    reader.releaseLock();
  } catch {
    // The connection went away; nothing to release.
  }
}
