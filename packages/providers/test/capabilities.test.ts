/**
 * Capability flags are honoured on the wire (checked on the real requests the mock server got):
 * `nativeTools: false` sends no `tools` and calls tools through the prompt; `jsonSchema: false`
 * sends no `json_schema` and asks for `json_object` with the schema in the system prompt.
 * And `ProviderError.cause` is a scrubbed copy of what really failed.
 */
import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { anthropic, openai, openaiCompatible, perplexity, type ChatRequest } from '@graft/providers';
import { createMockServer, reply, type MockServer } from '@graft/providers/testing';
import { ask, rejectionOf, streamAll } from './helpers.js';

let server: MockServer;
beforeAll(async () => {
  server = await createMockServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const KEY = 'sk-capability-test-9a8b7c6d5e';
const weather: ChatRequest['tools'] = [
  { name: 'get_weather', description: 'Weather of a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
];
const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };
const promptCall = reply.text('```json\n{"tool": "get_weather", "arguments": {"city": "Paris"}}\n```');

describe('nativeTools: false (the Perplexity preset)', () => {
  it('sends no native tools, describes them in the system prompt and reads the call from the text (chat and stream)', async () => {
    const p = perplexity({ apiKey: KEY, baseURL: server.url });
    expect(p.toolCalling).toBe('prompt');
    server.enqueue(promptCall, promptCall);
    const chat = await p.chat(ask('Weather in Paris?', { tools: weather, toolChoice: 'auto' }));
    const streamed = (await streamAll(p, ask('Weather in Paris?', { tools: weather }))).response;
    for (const r of [chat, streamed]) expect(r.toolCalls).toMatchObject([{ name: 'get_weather', args: { city: 'Paris' } }]);
    expect(server.chatRequests).toHaveLength(2);
    for (const req of server.chatRequests) {
      expect(req.body.tools).toBeUndefined();
      expect(req.body.tool_choice).toBeUndefined();
      expect(req.body.messages[0]).toMatchObject({ role: 'system', content: expect.stringContaining('get_weather') });
    }
  });

  it('an explicit toolCalling option still wins, and presets with native tools keep sending them', async () => {
    server.enqueue(reply.toolCall('get_weather', { city: 'Paris' }), reply.toolCall('get_weather', { city: 'Paris' }));
    await perplexity({ apiKey: KEY, baseURL: server.url, toolCalling: 'native' }).chat(ask('x', { tools: weather }));
    await openai({ apiKey: KEY, baseURL: server.url }).chat(ask('x', { tools: weather }));
    for (const req of server.chatRequests) expect(req.body.tools).toHaveLength(1);
  });
});

describe('jsonSchema: false (the Anthropic preset)', () => {
  it('sends json_object, never json_schema, with the schema in the system prompt (chat and stream)', async () => {
    const p = anthropic({ apiKey: KEY, baseURL: server.url });
    server.enqueue(reply.text('{"answer":"42"}'), reply.text('{"answer":"42"}'));
    const request = (): ChatRequest => ({
      messages: [
        { role: 'system', content: 'You answer questions.' },
        { role: 'user', content: 'What is the answer?' },
      ],
      responseFormat: { type: 'json_schema', name: 'answer', schema, strict: true },
    });
    expect((await p.chat(request())).text).toBe('{"answer":"42"}');
    await streamAll(p, request());
    expect(server.chatRequests).toHaveLength(2);
    for (const req of server.chatRequests) {
      expect(req.body.response_format).toEqual({ type: 'json_object' });
      expect(req.rawBody).not.toContain('json_schema');
      expect(req.body.messages).toHaveLength(2);
      expect(req.body.messages[0].content).toMatch(/^You answer questions\.\n\n## Output format\n/);
      expect(req.body.messages[0].content).toContain(JSON.stringify(schema));
    }
  });

  it('a server with JSON Schema support still gets json_schema', async () => {
    server.enqueue(reply.text('{"answer":"42"}'));
    await openai({ apiKey: KEY, baseURL: server.url }).chat(ask('x', { responseFormat: { type: 'json_schema', name: 'answer', schema } }));
    expect(server.chatRequests[0]!.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'answer', schema } });
  });
});

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Every message and code along an error's cause chain. */
function chain(e: unknown): { name: string; message: string; code?: unknown }[] {
  const out: { name: string; message: string; code?: unknown }[] = [];
  for (let c = (e as { cause?: unknown }).cause; c; c = (c as { cause?: unknown }).cause) {
    const err = c as Error & { code?: unknown };
    out.push({ name: err.name, message: err.message, code: err.code });
  }
  return out;
}

describe('ProviderError.cause', () => {
  it('a refused connection: the cause chain names the socket error (ECONNREFUSED)', async () => {
    const port = await closedPort();
    const e = await rejectionOf(openaiCompatible({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: KEY, model: 'm', maxRetries: 0 }).chat(ask()));
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.cause).toBeInstanceOf(Error);
    expect(chain(e).map((c) => c.code)).toContain('ECONNREFUSED');
    expect(inspect(e, { depth: 10, showHidden: true })).not.toContain(KEY);
  });

  it('an HTTP error that echoes the key: the cause is the client error, scrubbed (chat and stream)', async () => {
    server.setScript((req) => reply.error(401, `invalid key ${req.headers.authorization}`, { headers: { 'x-echo': req.headers.authorization ?? '' } }));
    const p = openaiCompatible({ baseURL: server.url, apiKey: KEY, model: 'm', maxRetries: 0 });
    for (const e of [await rejectionOf(p.chat(ask())), await rejectionOf(streamAll(p, ask()))]) {
      expect(e.code).toBe('AUTH');
      expect(chain(e)[0]).toMatchObject({ name: expect.stringMatching(/Error$/), message: expect.stringContaining('[REDACTED]') });
      expect((e.cause as { status?: number }).status).toBe(401);
      const everything = [inspect(e, { depth: 10, showHidden: true }), JSON.stringify(chain(e)), (e.cause as Error).stack].join('\n');
      expect(everything).not.toContain(KEY);
      expect(everything).not.toContain(KEY.slice(3));
    }
  });

  it('a timeout: the cause says what the client really saw', async () => {
    server.enqueue(reply.hang());
    const e = await rejectionOf(openaiCompatible({ baseURL: server.url, apiKey: KEY, model: 'm', maxRetries: 0, timeoutMs: 100 }).chat(ask()));
    expect(e.code).toBe('TIMEOUT');
    expect(e.cause).toBeInstanceOf(Error);
    expect(chain(e).length).toBeGreaterThan(0);
  });
});
