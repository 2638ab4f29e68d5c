import { getEventListeners } from 'node:events';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError, openaiCompatible, type OpenAICompatibleOptions } from '@graft/providers';
import { createMockServer, reply, type MockReply, type MockServer } from '@graft/providers/testing';
import { ask, collect, rejectionOf } from './helpers.js';

let server: MockServer;
beforeAll(async () => {
  server = await createMockServer();
});
afterAll(() => server.close());

const provider = (o: Partial<OpenAICompatibleOptions> = {}) =>
  openaiCompatible({ baseURL: server.url, apiKey: 'sk-test', model: 'm', maxRetries: 0, id: 'mock', ...o });

async function chatError(r: MockReply, o: Partial<OpenAICompatibleOptions> = {}): Promise<ProviderError> {
  server.enqueue(r);
  const error = await rejectionOf(provider(o).chat(ask()));
  expect(error).toBeInstanceOf(ProviderError);
  return error;
}

async function streamError(r: MockReply, o: Partial<OpenAICompatibleOptions> = {}): Promise<ProviderError> {
  server.enqueue(r);
  const error = await rejectionOf(collect(provider(o).stream(ask())));
  expect(error).toBeInstanceOf(ProviderError);
  return error;
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('error codes', () => {
  it.each([401, 403])('AUTH on HTTP %i, not retryable, with a next step', async (status) => {
    for (const get of [chatError, streamError]) {
      const e = await get(reply.error(status, 'Invalid credentials'));
      expect([e.code, e.status, e.retryable, e.provider]).toEqual(['AUTH', status, false, 'mock']);
      expect(e.serverMessage).toBe('Invalid credentials');
      expect(e.message).toMatch(/Check the API key/);
    }
  });

  it('RATE_LIMITED with retryAfterMs from Retry-After', async () => {
    const e = await chatError(reply.rateLimited({ retryAfter: 7 }));
    expect([e.code, e.status, e.retryable, e.retryAfterMs]).toEqual(['RATE_LIMITED', 429, true, 7000]);
    const s = await streamError(reply.rateLimited({ retryAfterMs: 250 }));
    expect([s.code, s.retryAfterMs]).toEqual(['RATE_LIMITED', 250]);
  });

  it('RATE_LIMITED for exhausted quota is not retryable', async () => {
    const e = await chatError(reply.error(429, 'You exceeded your current quota', { code: 'insufficient_quota' }));
    expect([e.code, e.retryable]).toEqual(['RATE_LIMITED', false]);
  });

  it('TIMEOUT when the server hangs (chat) or goes silent mid-stream', async () => {
    const hung = await chatError(reply.hang(), { timeoutMs: 150 });
    expect([hung.code, hung.retryable]).toEqual(['TIMEOUT', true]);
    expect(hung.message).toMatch(/150 ms/);
    const piece = (content: string) => ({ id: 'c', model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] });
    server.enqueue(reply.events([piece('slow '), piece('never')], { chunkDelayMs: 3000 }));
    const seen: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const e of provider({ timeoutMs: 400 }).stream(ask())) if (e.type === 'text-delta') seen.push(e.text);
      })(),
    );
    expect(error.code).toBe('TIMEOUT');
    expect(seen).toEqual(['slow ']);
  });

  it.each([408, 504])('TIMEOUT on HTTP %i', async (status) => {
    expect((await chatError(reply.error(status))).code).toBe('TIMEOUT');
  });

  it.each([500, 502, 503, 529])('UNAVAILABLE on HTTP %i', async (status) => {
    const e = await chatError(reply.error(status, 'overloaded'));
    expect([e.code, e.status, e.retryable]).toEqual(['UNAVAILABLE', status, true]);
  });

  it('UNAVAILABLE when nothing listens, and when a stream is cut', async () => {
    const port = await closedPort();
    const refused = await rejectionOf(openaiCompatible({ baseURL: `http://127.0.0.1:${port}/v1`, model: 'm', maxRetries: 0 }).chat(ask()));
    expect([refused.code, refused.retryable]).toEqual(['UNAVAILABLE', true]);
    expect(refused.message).toMatch(/running and reachable/);
    const cut = await streamError(reply.cut(2));
    expect(cut.code).toBe('UNAVAILABLE');
    const cutJson = await chatError(reply.cut(0));
    expect(cutJson.code).toBe('UNAVAILABLE');
  });

  it('BAD_REQUEST carries the server message and is not retryable', async () => {
    for (const status of [400, 404, 422]) {
      const e = await chatError(reply.error(status, `The model 'nope' does not exist`));
      expect([e.code, e.status, e.retryable]).toEqual(['BAD_REQUEST', status, false]);
      expect(e.serverMessage).toBe("The model 'nope' does not exist");
      expect(e.message).toContain("The model 'nope' does not exist");
    }
  });

  it('CONTEXT_LENGTH by error code or by message', async () => {
    const byCode = await chatError(reply.error(400, 'too long', { code: 'context_length_exceeded' }));
    expect([byCode.code, byCode.retryable, byCode.serverCode]).toEqual(['CONTEXT_LENGTH', false, 'context_length_exceeded']);
    const byText = await chatError(reply.error(400, "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens."));
    expect(byText.code).toBe('CONTEXT_LENGTH');
    const llamaCpp = await streamError(
      reply.error(400, 'the request exceeds the available context size, try increasing it', {
        body: { error: { code: 400, message: 'the request exceeds the available context size', type: 'exceed_context_size_error' } },
      }),
    );
    expect(llamaCpp.code).toBe('CONTEXT_LENGTH');
  });

  it('INVALID_RESPONSE for malformed JSON, non-JSON, no choices, broken SSE', async () => {
    expect((await chatError(reply.malformed())).code).toBe('INVALID_RESPONSE');
    expect((await chatError(reply.raw('<html>Bad gateway</html>', { contentType: 'text/html' }))).code).toBe('INVALID_RESPONSE');
    expect((await chatError(reply.raw(JSON.stringify({ id: 'x', choices: [] })))).code).toBe('INVALID_RESPONSE');
    expect((await streamError(reply.malformed())).code).toBe('INVALID_RESPONSE');
    expect((await streamError(reply.events([{ id: 'x', choices: [], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }]))).code).toBe(
      'INVALID_RESPONSE',
    );
  });

  it('maps errors sent inside a 200 body or an SSE event', async () => {
    const inBody = await chatError(reply.raw(JSON.stringify({ error: { message: 'Rate limit exceeded', type: 'rate_limit_error' } })));
    expect(inBody.code).toBe('RATE_LIMITED');
    const inStream = await streamError(reply.events([{ error: { message: 'Internal failure, please retry', type: 'server_error' } }]));
    expect(inStream.code).toBe('UNAVAILABLE');
  });

  it('ABORTED when the signal fires mid-request, and the attempt really stops', async () => {
    server.reset();
    server.enqueue(reply.hang());
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const e = await rejectionOf(provider({ timeoutMs: 10_000 }).chat(ask('x', { signal: controller.signal })));
    expect([e.code, e.retryable]).toEqual(['ABORTED', false]);
    expect(server.chatRequests).toHaveLength(1);
  });

  it('ABORTED when the signal fires mid-stream; no more events after it', async () => {
    server.enqueue(reply.text('one two three four five six seven eight', { chunkSize: 4, chunkDelayMs: 30 }));
    const controller = new AbortController();
    const seen: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const e of provider().stream(ask('x', { signal: controller.signal }))) {
          if (e.type === 'text-delta') seen.push(e.text);
          if (seen.length === 2) controller.abort();
        }
      })(),
    );
    expect(error.code).toBe('ABORTED');
    expect(seen).toEqual(['one ', 'two ']);
  });

  it("a long-lived caller's signal keeps no listener per finished call, and still aborts a later call", async () => {
    server.reset();
    const controller = new AbortController();
    const p = provider();
    for (let i = 0; i < 15; i++) {
      server.enqueue(reply.text('ok'), reply.text('streamed ok', { chunkSize: 4 }));
      expect((await p.chat(ask('x', { signal: controller.signal }))).text).toBe('ok');
      expect((await collect(p.stream(ask('x', { signal: controller.signal })))).at(-1)).toMatchObject({ type: 'finish' });
    }
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    server.enqueue(reply.hang());
    setTimeout(() => controller.abort(), 30);
    expect((await rejectionOf(p.chat(ask('x', { signal: controller.signal })))).code).toBe('ABORTED');
  });

  it('ABORTED at once for an already-aborted signal, without a request', async () => {
    server.reset();
    const e = await rejectionOf(provider().chat(ask('x', { signal: AbortSignal.abort() })));
    expect(e.code).toBe('ABORTED');
    expect(server.chatRequests).toHaveLength(0);
  });
});

describe('API key canary', () => {
  const KEY = 'sk-canary-7f3a9c2e1d8b4f6a0c5e';

  // The server echoes the Authorization header it received into every error body and header,
  // as careless real servers and proxies do. Nothing the caller can see may contain the key.
  it.each([400, 401, 403, 404, 422, 429, 500, 503])('keeps the key out of HTTP %i errors (chat and stream)', async (status) => {
    server.setScript((req) =>
      reply.error(status, `bad auth header "${req.headers.authorization}" / key ${req.headers.authorization?.slice(7)}`, {
        headers: { 'x-echo': req.headers.authorization ?? '' },
      }),
    );
    for (const run of [(p: ReturnType<typeof provider>) => p.chat(ask()), (p: ReturnType<typeof provider>) => collect(p.stream(ask()))]) {
      const e = await rejectionOf(run(provider({ apiKey: KEY })));
      const visible = [e.message, e.serverMessage, e.stack, JSON.stringify(e), String(e), String(e.cause ?? '')].join('\n');
      expect(visible).not.toContain(KEY);
      expect(visible).not.toContain(KEY.slice(3));
      expect(e.serverMessage).toContain('[REDACTED]');
    }
    server.setScript([]);
  });

  it('keeps the key out of connection and timeout errors', async () => {
    const port = await closedPort();
    const refused = await rejectionOf(openaiCompatible({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: KEY, model: 'm', maxRetries: 0 }).chat(ask()));
    server.enqueue(reply.hang());
    const timeout = await rejectionOf(provider({ apiKey: KEY, timeoutMs: 100 }).chat(ask()));
    for (const e of [refused, timeout]) expect([e.message, e.stack, JSON.stringify(e)].join('\n')).not.toContain(KEY);
  });

  it('does not expose the key on the provider object', () => {
    const p = provider({ apiKey: KEY });
    expect(JSON.stringify(p)).not.toContain(KEY);
    expect(Object.values(p).map(String).join('\n')).not.toContain(KEY);
  });
});

describe('ProviderError identity', () => {
  it('recognizes errors made by another copy of the package (e.g. the /testing bundle)', () => {
    const foreign = Object.assign(new Error('x'), { name: 'ProviderError', code: 'AUTH' });
    expect(foreign instanceof ProviderError).toBe(false);
    Object.defineProperty(foreign, Symbol.for('@graft/providers.ProviderError'), { value: true });
    expect(foreign instanceof ProviderError).toBe(true);
    expect(new Error('plain') instanceof ProviderError).toBe(false);
  });
});

describe('logging canary', () => {
  it('prints nothing (no key, no body) on any failure path', async () => {
    const KEY = 'sk-log-canary-0a1b2c3d4e5f';
    const printed: string[] = [];
    const originals = { log: console.log, warn: console.warn, error: console.error, info: console.info, debug: console.debug };
    for (const level of Object.keys(originals) as (keyof typeof originals)[]) console[level] = (...args: unknown[]) => printed.push(args.map(String).join(' '));
    try {
      const p = provider({ apiKey: KEY });
      for (const r of [reply.malformed(), reply.error(401, `key ${KEY}`), reply.cut(1), reply.events(['{not json'])]) {
        server.enqueue(r);
        await rejectionOf(collect(p.stream(ask())));
        server.enqueue(r);
        await rejectionOf(p.chat(ask()));
      }
    } finally {
      Object.assign(console, originals);
    }
    expect(printed).toEqual([]);
  });
});
