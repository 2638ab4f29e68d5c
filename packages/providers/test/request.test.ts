import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderConfigError, openaiCompatible } from '@graft/providers';
import { createMockServer, reply, type MockServer } from '@graft/providers/testing';
import { streamAll } from './helpers.js';

let server: MockServer;
beforeAll(async () => {
  server = await createMockServer({ script: () => reply.text('ok') });
});
afterAll(() => server.close());

describe('request body on the wire', () => {
  it('sends a user message with image parts as OpenAI content parts (text-only user messages stay strings)', async () => {
    server.reset();
    const p = openaiCompatible({ baseURL: server.url, model: 'm' });
    const image = 'data:image/png;base64,AAAA';
    await p.chat({
      messages: [
        { role: 'user', content: 'plain' },
        {
          role: 'user',
          content: 'look',
          parts: [
            { type: 'text', text: 'look' },
            { type: 'image', image },
          ],
        },
      ],
    });
    const body = server.chatRequests[0].body;
    expect(body.messages[0]).toEqual({ role: 'user', content: 'plain' });
    expect(body.messages[1]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'look' },
        { type: 'image_url', image_url: { url: image } },
      ],
    });
  });

  it('refuses image parts with BAD_REQUEST, before sending, when the provider has imageInput: false', async () => {
    server.reset();
    const p = openaiCompatible({ baseURL: server.url, model: 'm', capabilities: { imageInput: false } });
    const request = { messages: [{ role: 'user' as const, content: 'look', parts: [{ type: 'image' as const, image: 'https://example.com/a.png' }] }] };
    await expect(p.chat(request)).rejects.toMatchObject({ code: 'BAD_REQUEST', retryable: false });
    await expect(streamAll(p, request)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(p.chat({ messages: [{ role: 'user', content: 'text only' }] })).resolves.toMatchObject({ text: 'ok' });
    expect(server.chatRequests).toHaveLength(1);
  });

  it('sends messages, tool calls, tool results, tools, tool choice, format and limits as OpenAI expects', async () => {
    server.reset();
    const p = openaiCompatible({ baseURL: server.url, model: 'default-model' });
    await p.chat({
      model: 'override-model',
      temperature: 0.2,
      maxTokens: 64,
      toolChoice: { name: 'lookup' },
      responseFormat: { type: 'json_schema', name: 'out', schema: { type: 'object' }, strict: true },
      tools: [{ name: 'lookup', description: 'Look up', parameters: { type: 'object', properties: { q: { type: 'string' } } } }],
      messages: [
        { role: 'system', content: 'sys' },
        { role: 'user', content: 'hi' },
        {
          role: 'assistant',
          content: '',
          reasoning: 'secret thoughts',
          toolCalls: [
            { id: 'c1', name: 'lookup', args: { q: 'x' }, rawArgs: '{"q":"x"}' },
            { id: 'c2', name: 'lookup', args: {}, rawArgs: '{bad', argsError: 'invalid' },
          ],
        },
        { role: 'tool', toolCallId: 'c1', name: 'lookup', content: 'result' },
      ],
    });
    const body = server.chatRequests[0].body;
    expect(body.model).toBe('override-model');
    expect(body.temperature).toBe(0.2);
    expect(body.max_tokens).toBe(64);
    expect(body.stream).toBeUndefined();
    expect(body.tool_choice).toEqual({ type: 'function', function: { name: 'lookup' } });
    expect(body.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'out', schema: { type: 'object' }, strict: true } });
    expect(body.tools).toEqual([
      { type: 'function', function: { name: 'lookup', description: 'Look up', parameters: { type: 'object', properties: { q: { type: 'string' } } } } },
    ]);
    expect(body.messages).toEqual([
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'hi' },
      {
        role: 'assistant',
        content: '',
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } },
          { id: 'c2', type: 'function', function: { name: 'lookup', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'result' },
    ]);
    expect(server.chatRequests[0].rawBody).not.toContain('secret thoughts');
  });

  it('streams with stream:true and include_usage unless the server cannot', async () => {
    server.reset();
    await streamAll(openaiCompatible({ baseURL: server.url, model: 'm' }), {
      messages: [{ role: 'user', content: 'x' }],
      responseFormat: { type: 'json_object' },
    });
    await streamAll(openaiCompatible({ baseURL: server.url, model: 'm', capabilities: { streamUsage: false } }), {
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(server.chatRequests[0].body).toMatchObject({ stream: true, stream_options: { include_usage: true }, response_format: { type: 'json_object' } });
    expect(server.chatRequests[1].body.stream).toBe(true);
    expect(server.chatRequests[1].body.stream_options).toBeUndefined();
  });

  it('never reads OPENAI_* variables behind the caller’s back', async () => {
    server.reset();
    const saved = { ...process.env };
    process.env.OPENAI_API_KEY = 'sk-env-should-not-be-sent';
    process.env.OPENAI_ORG_ID = 'org-should-not-be-sent';
    try {
      await openaiCompatible({ baseURL: server.url, model: 'm' }).chat({ messages: [{ role: 'user', content: 'x' }] });
    } finally {
      process.env = saved;
    }
    const h = server.chatRequests[0].headers;
    expect(h.authorization).toBeUndefined();
    expect(h['openai-organization']).toBeUndefined();
  });

  it('rejects bad configuration with typed errors', () => {
    expect(() => openaiCompatible({ baseURL: 'not a url', model: 'm' })).toThrow(ProviderConfigError);
    expect(() => openaiCompatible({ baseURL: 'ftp://127.0.0.1/v1', model: 'm' })).toThrow(/http/);
    expect(() => openaiCompatible({ baseURL: server.url, model: '' })).toThrow(/model/);
  });
});
