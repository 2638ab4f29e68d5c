import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openaiCompatible, ProviderError } from '@graft/providers';
import { ask, rejectionOf, streamAll } from './helpers.js';

// A bare HTTP server (not the mock), to answer what an OpenAI-compatible server should not:
// HTML error pages, slow heads, bodies that never end.
let server: Server;
let base = '';
const seen: Array<{ url: string; headers: IncomingMessage['headers']; body: string }> = [];
let handler: (req: IncomingMessage, res: ServerResponse) => void = () => {};
let connections = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', headers: req.headers, body });
      handler(req, res);
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const completion = JSON.stringify({
  id: 'c',
  object: 'chat.completion',
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
});

describe('the fetch-based HTTP layer of openaiCompatible', () => {
  it('posts JSON to <baseURL>/chat/completions (trailing slash or not) with auth and custom headers', async () => {
    handler = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(completion);
    seen.length = 0;
    for (const baseURL of [base, `${base}/`]) {
      const r = await openaiCompatible({ baseURL, apiKey: 'sk-abc123', model: 'm', headers: { 'x-app': 'graft' }, maxRetries: 0 }).chat(ask('hello'));
      expect(r.text).toBe('hi');
    }
    expect(seen.map((s) => s.url)).toEqual(['/v1/chat/completions', '/v1/chat/completions']);
    for (const s of seen) {
      expect(s.headers['content-type']).toBe('application/json');
      expect(s.headers.authorization).toBe('Bearer sk-abc123');
      expect(s.headers['x-app']).toBe('graft');
      expect(s.headers['user-agent']).toBeTruthy();
      expect(JSON.parse(s.body).messages).toEqual([{ role: 'user', content: 'hello' }]);
    }
  });

  it("sends each request's own length with the default headers, and a caller's user agent wins over the default", async () => {
    handler = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(completion);
    seen.length = 0;
    const plain = openaiCompatible({ baseURL: base, model: 'm', maxRetries: 0 });
    const named = openaiCompatible({ baseURL: base, model: 'm', maxRetries: 0, headers: { 'User-Agent': 'my-app/1.0' } });
    for (const text of ['a', 'a much longer question than the first one', 'ab']) await plain.chat(ask(text));
    await named.chat(ask('c'));
    for (const s of seen) expect(Number(s.headers['content-length'])).toBe(Buffer.byteLength(s.body));
    expect(new Set(seen.map((s) => s.body.length)).size).toBe(3);
    expect(seen.slice(0, 3).map((s) => s.headers['user-agent'])).toEqual(['node', 'node', 'node']);
    expect(seen.every((s) => s.headers['accept-encoding'] === 'gzip, deflate, br')).toBe(true);
    expect(seen[3]!.headers['user-agent']).toBe('my-app/1.0');
  });

  it('maps an HTML 502 page to UNAVAILABLE with the status, and a 400 JSON error to BAD_REQUEST with the server message', async () => {
    handler = (_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html>bad gateway</html>');
    const gateway = await rejectionOf(openaiCompatible({ baseURL: base, model: 'm', maxRetries: 0 }).chat(ask()));
    expect(gateway).toBeInstanceOf(ProviderError);
    expect(gateway.code).toBe('UNAVAILABLE');
    expect(gateway.status).toBe(502);
    handler = (_req, res) =>
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'unknown model m', code: 'model_not_found' } }));
    const bad = await rejectionOf(openaiCompatible({ baseURL: base, model: 'm', maxRetries: 0 }).chat(ask()));
    expect(bad.code).toBe('BAD_REQUEST');
    expect(bad.message).toContain('unknown model m');
  });

  it('TIMEOUT when the head does not come in time; ABORTED when the caller aborts while the body is read', async () => {
    handler = () => {}; // never answers
    const slow = await rejectionOf(openaiCompatible({ baseURL: base, model: 'm', maxRetries: 0, timeoutMs: 50 }).chat(ask()));
    expect(slow.code).toBe('TIMEOUT');
    handler = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).write('{"id":'); // body never ends
    const controller = new AbortController();
    const pending = rejectionOf(openaiCompatible({ baseURL: base, model: 'm', maxRetries: 0 }).chat(ask('x', { signal: controller.signal })));
    setTimeout(() => controller.abort(), 50);
    expect((await pending).code).toBe('ABORTED');
  });

  it('lists models from GET /models', async () => {
    handler = (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: [{ id: 'a' }, { id: 'b' }] }));
    seen.length = 0;
    expect(await openaiCompatible({ baseURL: base, model: 'm', maxRetries: 0 }).listModels()).toEqual(['a', 'b']);
    expect(seen[0]!.url).toBe('/v1/models');
  });

  it('reuses one keep-alive connection for consecutive calls', async () => {
    handler = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(completion);
    const provider = openaiCompatible({ baseURL: base, model: 'm', maxRetries: 0 });
    await provider.chat(ask());
    const before = connections;
    for (let i = 0; i < 3; i++) expect((await provider.chat(ask())).text).toBe('hi');
    expect(connections).toBe(before);
  });

  it('decodes gzip, deflate and br bodies, streamed or not', async () => {
    const sse = [
      { id: 's', object: 'chat.completion.chunk', model: 'm', choices: [{ index: 0, delta: { role: 'assistant', content: 'he' } }] },
      { id: 's', object: 'chat.completion.chunk', model: 'm', choices: [{ index: 0, delta: { content: 'llo' }, finish_reason: 'stop' }] },
    ]
      .map((c) => `data: ${JSON.stringify(c)}\n\n`)
      .join('')
      .concat('data: [DONE]\n\n');
    const codings = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync };
    for (const [coding, compress] of Object.entries(codings)) {
      seen.length = 0;
      handler = (req, res) => {
        const streaming = req.headers['content-length'] && JSON.parse(seen[seen.length - 1]!.body).stream === true;
        res.writeHead(200, { 'content-type': streaming ? 'text/event-stream' : 'application/json', 'content-encoding': coding });
        res.end(compress(streaming ? sse : completion));
      };
      const provider = openaiCompatible({ baseURL: base, model: 'm', maxRetries: 0 });
      expect((await provider.chat(ask())).text).toBe('hi');
      expect((await streamAll(provider, ask())).response.text).toBe('hello');
      expect(seen[0]!.headers['accept-encoding']).toContain(coding);
    }
  });

  it('UNAVAILABLE when the connection ends before the body does', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' }).write('{"id":');
      setTimeout(() => res.destroy(), 20);
    };
    const cut = await rejectionOf(openaiCompatible({ baseURL: base, model: 'm', maxRetries: 0 }).chat(ask()));
    expect(cut.code).toBe('UNAVAILABLE');
  });

  it('sends through a `fetch` option, and through a global `fetch` replaced after load, with the same error mapping', async () => {
    const calls: string[] = [];
    const nativeFetch = fetch;
    const counting: typeof fetch = (input, init) => {
      calls.push(String(input));
      return nativeFetch(input, init);
    };
    handler = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(completion);
    expect((await openaiCompatible({ baseURL: base, model: 'm', maxRetries: 0, fetch: counting }).chat(ask())).text).toBe('hi');
    expect(calls).toEqual([`${base}/chat/completions`]);
    handler = (_req, res) => res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'no such model' } }));
    const bad = await rejectionOf(openaiCompatible({ baseURL: base, model: 'm', maxRetries: 0, fetch: counting }).chat(ask()));
    expect(bad.code).toBe('BAD_REQUEST');
    handler = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).write('{"id":'); // body never ends
    const controller = new AbortController();
    const pending = rejectionOf(openaiCompatible({ baseURL: base, model: 'm', maxRetries: 0, fetch: counting }).chat(ask('x', { signal: controller.signal })));
    setTimeout(() => controller.abort(), 50);
    expect((await pending).code).toBe('ABORTED');
    calls.length = 0;
    vi.stubGlobal('fetch', counting);
    try {
      handler = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(completion);
      expect((await openaiCompatible({ baseURL: base, model: 'm', maxRetries: 0 }).chat(ask())).text).toBe('hi');
    } finally {
      vi.unstubAllGlobals();
    }
    expect(calls).toHaveLength(1);
  });

  it('delivers every byte of a stream written in one burst of many small chunks, then its end', async () => {
    const words = Array.from({ length: 400 }, (_, i) => `w${i} `);
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' }).flushHeaders();
      setTimeout(() => burst(res), 10); // the reader is waiting when the burst and the end arrive
    };
    const burst = (res: ServerResponse) => {
      for (const [i, w] of words.entries()) {
        const delta = i === 0 ? { role: 'assistant', content: w } : { content: w };
        res.write(`data: ${JSON.stringify({ id: 's', object: 'chat.completion.chunk', model: 'm', choices: [{ index: 0, delta }] })}\n\n`);
      }
      res.end(
        `data: ${JSON.stringify({ id: 's', object: 'chat.completion.chunk', model: 'm', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`,
      );
    };
    const provider = openaiCompatible({ baseURL: base, model: 'm', maxRetries: 0 });
    for (let i = 0; i < 5; i++) expect((await streamAll(provider, ask())).response.text).toBe(words.join(''));
  });
});
