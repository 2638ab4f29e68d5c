/** `provider.embed()` over real HTTP against the mock server's `/v1/embeddings`. */
import { afterEach, describe, expect, it } from 'vitest';
import { openaiCompatible, ProviderConfigError } from '@graft/providers';
import { createMockServer, mockEmbedding, reply, type MockServer } from '@graft/providers/testing';

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('embed()', () => {
  it('sends the texts to /embeddings and returns one vector per input, in order', async () => {
    server = await createMockServer();
    const provider = openaiCompatible({ baseURL: server.url, model: 'chat-model', embeddingModel: 'embed-small', apiKey: 'k' });
    const out = await provider.embed(['weather in Paris', 'bank csv']);
    expect(out.vectors).toEqual([mockEmbedding('weather in Paris'), mockEmbedding('bank csv')]);
    expect(out.model).toBe('embed-small');
    expect(out.inputTokens).toBeGreaterThan(0);
    const body = server.embeddingRequests[0].body;
    expect(body).toMatchObject({ model: 'embed-small', input: ['weather in Paris', 'bank csv'], encoding_format: 'float' });
    expect(server.chatRequests).toHaveLength(0);
    expect((await provider.embed('one', { model: 'other' })).vectors).toHaveLength(1);
    expect(server.embeddingRequests[1].body.model).toBe('other');
  });

  it('returns vectors in input order, and rejects a wrong count or non-numbers', async () => {
    let mode = 'ok';
    server = await createMockServer({
      embeddings: (inputs) => {
        if (mode === 'short') return [[1, 0]];
        if (mode === 'nan') return inputs.map(() => ['x' as unknown as number]);
        return inputs.map((_, i) => [i, 1]);
      },
    });
    const provider = openaiCompatible({ baseURL: server.url, model: 'm', embeddingModel: 'e', maxRetries: 0 });
    expect((await provider.embed(['a', 'b', 'c'])).vectors).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
    ]);
    mode = 'short';
    await expect(provider.embed(['a', 'b'])).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
    mode = 'nan';
    await expect(provider.embed(['a'])).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
  });

  it('retries a 500 and a 429 like chat does, and maps a bad key to AUTH without echoing it', async () => {
    let calls = 0;
    server = await createMockServer({
      embeddings: (inputs) => (++calls === 1 ? reply.error(500) : calls === 2 ? reply.rateLimited({ retryAfterMs: 10 }) : inputs.map((t) => mockEmbedding(t))),
    });
    const provider = openaiCompatible({ baseURL: server.url, model: 'm', embeddingModel: 'e', backoff: { initialMs: 1, maxMs: 5 } });
    expect((await provider.embed('x')).vectors).toHaveLength(1);
    expect(calls).toBe(3);
    await server.close();
    const secret = 'sk-"embed"/secret+key';
    server = await createMockServer({ apiKey: 'right-key' });
    const bad = openaiCompatible({ baseURL: server.url, model: 'm', embeddingModel: 'e', apiKey: secret, maxRetries: 0 });
    const error = await bad.embed('x').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AUTH' });
    expect(String((error as Error).message)).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
  });

  it('refuses calls it cannot make with a typed config error, before any request', async () => {
    server = await createMockServer();
    const provider = openaiCompatible({ baseURL: server.url, model: 'm' });
    await expect(provider.embed('x')).rejects.toBeInstanceOf(ProviderConfigError);
    await expect(provider.embed([], { model: 'e' })).rejects.toBeInstanceOf(ProviderConfigError);
    expect(server.requests).toHaveLength(0);
  });
});
