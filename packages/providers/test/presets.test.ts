import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PRESETS,
  ProviderConfigError,
  anthropic,
  fromEnv,
  groq,
  llamaCpp,
  lmStudio,
  ollama,
  ollamaBaseURL,
  openRouter,
  openai,
  perplexity,
  vllm,
  type PresetOptions,
  type ChatProvider,
} from '@graft/providers';
import { createMockServer, reply, type MockServer } from '@graft/providers/testing';
import { ask, streamAll } from './helpers.js';

let server: MockServer;
beforeAll(async () => {
  server = await createMockServer({ script: () => reply.text('pong') });
});
afterAll(() => server.close());

type Preset = (o?: PresetOptions) => ChatProvider;
const KEY = 'sk-preset-test-key-123456';

// Every preset, pointed at the mock server, sending exactly the auth header it should.
const cases: [string, Preset, { id: string; keyed: boolean; model?: string }][] = [
  ['openai', openai, { id: 'openai', keyed: true }],
  ['anthropic', anthropic, { id: 'anthropic', keyed: true }],
  ['perplexity', perplexity, { id: 'perplexity', keyed: true }],
  ['ollama', ollama, { id: 'ollama', keyed: false }],
  ['llamaCpp', llamaCpp, { id: 'llama-cpp', keyed: false }],
  ['vllm', vllm, { id: 'vllm', keyed: false, model: 'served-model' }],
  ['lmStudio', lmStudio, { id: 'lm-studio', keyed: false, model: 'loaded-model' }],
  ['openRouter', openRouter, { id: 'openrouter', keyed: true }],
  ['groq', groq, { id: 'groq', keyed: true }],
];

describe.each(cases)('preset %s', (_name, preset, info) => {
  it('chats and streams over HTTP with its id, default model and Bearer auth', async () => {
    server.reset();
    const p = preset({ baseURL: server.url, apiKey: KEY, env: {}, model: info.model });
    expect(p.id).toBe(info.id);
    const chat = await p.chat(ask('ping'));
    expect(chat.text).toBe('pong');
    expect(chat.provider).toBe(info.id);
    const { response } = await streamAll(p, ask('ping'));
    expect(response.text).toBe('pong');
    expect(server.chatRequests).toHaveLength(2);
    for (const r of server.chatRequests) {
      expect(r.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(r.body.model).toBe(info.model ?? Object.values(PRESETS).find((c) => c.id === info.id)!.defaultModel);
      expect(r.headers['openai-organization']).toBeUndefined();
    }
  });

  it(info.keyed ? 'requires a key (typed NOT_CONFIGURED naming the env var)' : 'sends no auth header without a key', async () => {
    const config = Object.values(PRESETS).find((c) => c.id === info.id)!;
    if (info.keyed) {
      let error: unknown;
      try {
        preset({ baseURL: server.url, env: {} });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ProviderConfigError);
      expect((error as ProviderConfigError).code).toBe('NOT_CONFIGURED');
      expect((error as Error).message).toContain(config.apiKeyEnv[0]);
      return;
    }
    server.reset();
    const p = preset({ baseURL: server.url, env: { OPENAI_API_KEY: 'sk-must-not-leak' }, model: info.model });
    await p.chat(ask());
    expect(server.chatRequests[0].headers.authorization).toBeUndefined();
  });

  it("reads the key from the vendor's environment variable", async () => {
    server.reset();
    const config = Object.values(PRESETS).find((c) => c.id === info.id)!;
    const p = preset({ baseURL: server.url, env: { [config.apiKeyEnv[0]]: 'sk-from-env-777' }, model: info.model });
    await p.chat(ask());
    expect(server.chatRequests[0].headers.authorization).toBe('Bearer sk-from-env-777');
  });
});

describe('preset configuration', () => {
  it('points at the documented endpoints', () => {
    expect(PRESETS.openai.baseURL).toBe('https://api.openai.com/v1');
    expect(PRESETS.anthropic.baseURL).toBe('https://api.anthropic.com/v1/');
    expect(PRESETS.ollama.baseURL).toBe('http://localhost:11434/v1');
    expect(PRESETS.llamaCpp.baseURL).toBe('http://localhost:8080/v1');
    expect(PRESETS.vllm.baseURL).toBe('http://localhost:8000/v1');
    expect(PRESETS.lmStudio.baseURL).toBe('http://localhost:1234/v1');
    expect(PRESETS.groq.baseURL).toBe('https://api.groq.com/openai/v1');
    expect(PRESETS.openRouter.baseURL).toBe('https://openrouter.ai/api/v1');
    expect(PRESETS.perplexity.capabilities.nativeTools).toBe(false);
  });

  it('uses max_completion_tokens for OpenAI and max_tokens elsewhere', async () => {
    server.reset();
    await openai({ baseURL: server.url, apiKey: KEY }).chat(ask('x', { maxTokens: 50 }));
    await groq({ baseURL: server.url, apiKey: KEY }).chat(ask('x', { maxTokens: 50 }));
    expect(server.chatRequests[0].body.max_completion_tokens).toBe(50);
    expect(server.chatRequests[0].body.max_tokens).toBeUndefined();
    expect(server.chatRequests[1].body.max_tokens).toBe(50);
  });

  it('sends custom headers and a custom auth header when asked', async () => {
    server.reset();
    const p = openRouter({
      baseURL: server.url,
      apiKey: KEY,
      headers: { 'HTTP-Referer': 'https://app.example', 'X-Title': 'Graft' },
      auth: { header: 'x-api-key' },
    });
    await p.chat(ask());
    const h = server.chatRequests[0].headers;
    expect(h['http-referer']).toBe('https://app.example');
    expect(h['x-title']).toBe('Graft');
    expect(h['x-api-key']).toBe(KEY);
    expect(h.authorization).toBeUndefined();
  });

  it('requires a model where the server has no default', () => {
    expect(() => vllm({ baseURL: server.url, env: {} })).toThrow(ProviderConfigError);
    expect(() => lmStudio({ env: {} })).toThrow(/model/);
  });

  it('reads OLLAMA_HOST like Ollama does', () => {
    expect(ollamaBaseURL('127.0.0.1:11500')).toBe('http://127.0.0.1:11500/v1');
    expect(ollamaBaseURL('0.0.0.0')).toBe('http://127.0.0.1:11434/v1');
    expect(ollamaBaseURL('http://gpu-box')).toBe('http://gpu-box:80/v1');
    expect(ollamaBaseURL('https://ollama.internal/')).toBe('https://ollama.internal:443/v1');
    expect(ollama({ env: { OLLAMA_HOST: 'localhost:9999' } }).baseURL).toBe('http://localhost:9999/v1');
  });
});

describe('fromEnv', () => {
  it('uses GRAFT_BASE_URL / GRAFT_API_KEY / GRAFT_MODEL for any compatible server', async () => {
    server.reset();
    const p = fromEnv({ GRAFT_BASE_URL: server.url, GRAFT_API_KEY: 'sk-graft-env', GRAFT_MODEL: 'my-model', OPENAI_API_KEY: 'sk-other' });
    expect((await p.chat(ask())).text).toBe('pong');
    expect(server.chatRequests[0].headers.authorization).toBe('Bearer sk-graft-env');
    expect(server.chatRequests[0].body.model).toBe('my-model');
  });

  it('picks a vendor from its usual variable, in a fixed order', () => {
    expect(fromEnv({ OPENAI_API_KEY: 'a' }).id).toBe('openai');
    expect(fromEnv({ ANTHROPIC_API_KEY: 'a' }).id).toBe('anthropic');
    expect(fromEnv({ PERPLEXITY_API_KEY: 'a' }).id).toBe('perplexity');
    expect(fromEnv({ PPLX_API_KEY: 'a' }).id).toBe('perplexity');
    expect(fromEnv({ OPENROUTER_API_KEY: 'a' }).id).toBe('openrouter');
    expect(fromEnv({ GROQ_API_KEY: 'a' }).id).toBe('groq');
    expect(fromEnv({ GROQ_API_KEY: 'a', OPENAI_API_KEY: 'b' }).id).toBe('openai');
    const o = fromEnv({ OLLAMA_HOST: '127.0.0.1:7777', GRAFT_MODEL: 'qwen3' });
    expect([o.id, o.baseURL, o.model]).toEqual(['ollama', 'http://127.0.0.1:7777/v1', 'qwen3']);
  });

  it('honours GRAFT_PROVIDER with overrides', async () => {
    server.reset();
    const p = fromEnv({ GRAFT_PROVIDER: 'llama-cpp', GRAFT_BASE_URL: server.url });
    expect(p.id).toBe('llama-cpp');
    await p.chat(ask());
    expect(server.chatRequests[0].headers.authorization).toBeUndefined();
    expect(() => fromEnv({ GRAFT_PROVIDER: 'nope' })).toThrow(/not a preset/);
  });

  it('throws a typed NOT_CONFIGURED error when nothing is set', () => {
    let error: unknown;
    try {
      fromEnv({});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProviderConfigError);
    expect((error as ProviderConfigError).code).toBe('NOT_CONFIGURED');
    expect((error as Error).message).toMatch(/GRAFT_BASE_URL/);
  });

  it('asks for a model when only GRAFT_BASE_URL is set', () => {
    expect(() => fromEnv({ GRAFT_BASE_URL: 'http://127.0.0.1:1/v1' })).toThrow(/GRAFT_MODEL/);
  });
});

describe('listModels', () => {
  it('lists the models from GET /v1/models', async () => {
    const s = await createMockServer({ models: ['a-model', 'b-model'] });
    const p = llamaCpp({ baseURL: s.url, env: {} });
    expect(await p.listModels()).toEqual(['a-model', 'b-model']);
    expect(s.requests[0]).toMatchObject({ method: 'GET', path: '/v1/models' });
    await s.close();
  });
});
