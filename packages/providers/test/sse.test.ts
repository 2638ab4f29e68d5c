import { describe, expect, it } from 'vitest';
import { ServerAnswerError } from '../src/http-client.js';
import { readSseJson } from '../src/sse.js';

// Pure-logic tests of the SSE reader over in-memory byte streams split at awkward places.
function reader(parts: (string | Uint8Array)[]): ReadableStreamDefaultReader<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(c) {
      for (const p of parts) c.enqueue(typeof p === 'string' ? enc.encode(p) : p);
      c.close();
    },
  }).getReader();
}

async function all(parts: (string | Uint8Array)[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const v of readSseJson(reader(parts), new Headers())) out.push(v);
  return out;
}

describe('readSseJson', () => {
  it('splits events at any byte, including inside a multi-byte character', async () => {
    const wire = new TextEncoder().encode('data: {"t":"Zürich ☀"}\n\ndata: {"t":2}\n\ndata: [DONE]\n\n');
    const bytes = Array.from(wire, (b) => new Uint8Array([b]));
    expect(await all(bytes)).toEqual([{ t: 'Zürich ☀' }, { t: 2 }]);
  });

  it('handles CRLF, comments, event names, multi-line data and no space after the colon', async () => {
    expect(await all([': keep-alive\r\n\r\nevent: message\r\ndata:{"a":\r\ndata: 1}\r\n\r\n'])).toEqual([{ a: 1 }]);
  });

  it('delivers a last event without its closing blank line, and stops at [DONE]', async () => {
    expect(await all(['data: {"x":1}'])).toEqual([{ x: 1 }]);
    expect(await all(['data: {"x":1}\n\ndata: [DONE]\n\ndata: {"x":2}\n\n'])).toEqual([{ x: 1 }]);
    expect(await all(['data: {"x":1}\n\ndata: [DONE]\n'])).toEqual([{ x: 1 }]);
  });

  it('throws ServerAnswerError for error payloads and SyntaxError for broken JSON', async () => {
    await expect(all(['data: {"error":{"message":"boom","type":"server_error"}}\n\n'])).rejects.toBeInstanceOf(ServerAnswerError);
    await expect(all(['event: error\ndata: {"message":"bad"}\n\n'])).rejects.toBeInstanceOf(ServerAnswerError);
    await expect(all(['data: {nope\n\n'])).rejects.toBeInstanceOf(SyntaxError);
  });
});
