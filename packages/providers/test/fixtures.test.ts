import { relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openaiCompatible, type ChatResponse, type FinishReason, type Usage } from '@graft/providers';
import { createMockServer, listFixtures, loadFixture, reply, type MockServer } from '@graft/providers/testing';
import { ask, collect, finished, fixturesDir, rejectionOf } from './helpers.js';

// Every recorded provider response in test/fixtures/recorded (vendored) replayed byte for byte over
// real HTTP (streamed fixtures through stream(), JSON through chat()), and the normalized
// result checked against what the recording contains.

interface Expected {
  text: { start: string; length: number; end?: string };
  reasoning?: { start: string; length: number };
  toolCalls?: { id?: string; name: string; args: Record<string, unknown> }[];
  finish: FinishReason;
  usage: Partial<Usage>;
  model: string;
}

const tc = (name: string, args: Record<string, unknown>, id?: string) => ({ name, args, id });

const EXPECTED: Record<string, Expected | { error: { code: string; status: number; message: RegExp } }> = {
  'alibaba/alibaba-reasoning.chunks.txt': {
    text: { start: 'The word **"strawberry"** contains **3**', length: 816, end: '**Answer: 3**' },
    reasoning: { start: "We are asked: \"How many 'r's a", length: 3301 },
    finish: 'stop',
    usage: { inputTokens: 24, outputTokens: 1355, totalTokens: 1379, reasoningTokens: 1084, cachedInputTokens: 0 },
    model: 'qwen3-max',
  },
  'alibaba/alibaba-reasoning.json': {
    text: { start: 'The word **"strawberry"** contains **3**', length: 952 },
    reasoning: { start: "We are asked: \"How many 'r's a", length: 4213 },
    finish: 'stop',
    usage: { inputTokens: 24, outputTokens: 1668, totalTokens: 1692, reasoningTokens: 1353 },
    model: 'qwen3-max',
  },
  'alibaba/alibaba-text.chunks.txt': {
    text: { start: '## The Festival of Shared Stories', length: 3771, end: 're woven together."*' },
    finish: 'stop',
    usage: { inputTokens: 18, outputTokens: 779, totalTokens: 797 },
    model: 'qwen3-max',
  },
  'alibaba/alibaba-text.json': {
    text: { start: '## The Festival of Forgotten Things', length: 4892 },
    finish: 'stop',
    usage: { inputTokens: 18, outputTokens: 1064, totalTokens: 1082 },
    model: 'qwen3-max',
  },
  'alibaba/qwen-plus-normalized-replayed-tool-arguments-success.json': {
    text: { start: '', length: 0 },
    toolCalls: [tc('set_cell_range', { label: 'A1' }, 'call_97a6503afcdb45769a1603')],
    finish: 'tool_calls',
    usage: { inputTokens: 203, outputTokens: 21, totalTokens: 224 },
    model: 'qwen-plus',
  },
  'anthropic/anthropic-fallback-tool-call.sse': {
    text: { start: 'Reading it.', length: 11 },
    toolCalls: [tc('read_file', { path: 'a.txt' }, 'toolu_sanitized')],
    finish: 'tool_calls',
    usage: { estimated: true },
    model: 'claude-haiku-4-5-20251001',
  },
  'azure/azure-model-router.1.chunks.txt': {
    text: { start: 'Capital of Denmark.', length: 19 },
    finish: 'stop',
    usage: { inputTokens: 15, outputTokens: 78, totalTokens: 93, reasoningTokens: 64 },
    model: 'gpt-5-nano-2025-08-07',
  },
  'azure/azure-text.chunks.txt': {
    text: { start: 'Hello World', length: 11 },
    finish: 'stop',
    usage: { inputTokens: 15, outputTokens: 5, totalTokens: 20 },
    model: 'gpt-4',
  },
  'cerebras/cerebras-structured-output-tools.1.json': {
    text: { start: '', length: 0 },
    reasoning: { start: 'The user is asking about a "ma', length: 249 },
    toolCalls: [tc('nonUsefulTool', {}, '85e4fd267')],
    finish: 'tool_calls',
    usage: { inputTokens: 322, outputTokens: 65, totalTokens: 387, reasoningTokens: 58, cachedInputTokens: 256 },
    model: 'zai-glm-4.7',
  },
  'deepseek/deepseek-reasoning.chunks.txt': {
    text: { start: 'The word "strawberry" contains three "r"', length: 42 },
    reasoning: { start: 'We need to count the number of', length: 606 },
    finish: 'stop',
    usage: { inputTokens: 18, outputTokens: 219, totalTokens: 237, reasoningTokens: 205 },
    model: 'deepseek-reasoner',
  },
  'deepseek/deepseek-reasoning.json': {
    text: { start: 'The word "strawberry" contains three', length: 107 },
    reasoning: { start: "We are asked: \"How many 'r's a", length: 935 },
    finish: 'stop',
    usage: { inputTokens: 18, outputTokens: 345, totalTokens: 363, reasoningTokens: 315 },
    model: 'deepseek-reasoner',
  },
  'deepseek/deepseek-text.chunks.txt': {
    text: { start: '## **Holiday Name:** Starlight', length: 1855 },
    finish: 'length',
    usage: { inputTokens: 13, outputTokens: 400, totalTokens: 413 },
    model: 'deepseek-chat',
  },
  'deepseek/deepseek-text.json': {
    text: { start: '## **Holiday Name: Gratitude', length: 1375 },
    finish: 'length',
    usage: { inputTokens: 13, outputTokens: 300, totalTokens: 313 },
    model: 'deepseek-chat',
  },
  'deepseek/deepseek-tool-call.chunks.txt': {
    text: { start: '', length: 0 },
    reasoning: { start: 'The user is asking for the wea', length: 191 },
    toolCalls: [tc('weather', { location: 'San Francisco' }, 'call_00_ioIn7yN9p1ZOMNpDLwd4MgAF')],
    finish: 'tool_calls',
    usage: { inputTokens: 339, outputTokens: 83, totalTokens: 422, reasoningTokens: 39, cachedInputTokens: 320 },
    model: 'deepseek-reasoner',
  },
  'deepseek/deepseek-tool-call.json': {
    text: { start: '', length: 0 },
    reasoning: { start: 'The user is asking for the wea', length: 242 },
    toolCalls: [tc('weather', { location: 'San Francisco' }, 'call_00_9V0vrf86Pc9aelHCJMZqnJBo')],
    finish: 'tool_calls',
    usage: { inputTokens: 339, outputTokens: 92, totalTokens: 431, reasoningTokens: 48, cachedInputTokens: 320 },
    model: 'deepseek-reasoner',
  },
  'groq/groq-reasoning.chunks.txt': {
    text: { start: 'The word **"strawberry"** is spelled as', length: 347, end: '$\\boxed{3}$' },
    reasoning: { start: 'Okay, let me try to figure out', length: 2952 },
    finish: 'stop',
    usage: { inputTokens: 17, outputTokens: 1107, totalTokens: 1124, reasoningTokens: 963 },
    model: 'qwen/qwen3-32b',
  },
  'groq/groq-reasoning.json': {
    text: { start: 'The word "strawberry" contains **3**', length: 206 },
    reasoning: { start: 'Okay, so the user is asking ho', length: 1724 },
    finish: 'stop',
    usage: { inputTokens: 17, outputTokens: 649, totalTokens: 666, reasoningTokens: 570 },
    model: 'qwen/qwen3-32b',
  },
  'groq/groq-text.chunks.txt': {
    text: { start: 'Introducing "Luminaria"', length: 3189 },
    finish: 'stop',
    usage: { inputTokens: 45, outputTokens: 662, totalTokens: 707 },
    model: 'llama-3.3-70b-versatile',
  },
  'groq/groq-text.json': {
    text: { start: 'I\'d like to introduce "Luminaria"', length: 2953 },
    finish: 'stop',
    usage: { inputTokens: 45, outputTokens: 607, totalTokens: 652 },
    model: 'llama-3.3-70b-versatile',
  },
  'mistral/mistral-reasoning-history-live.json': {
    text: { start: '391', length: 3 },
    reasoning: { start: 'I need to calculate 17 multipl', length: 412 },
    finish: 'stop',
    usage: { inputTokens: 31, outputTokens: 161, totalTokens: 192 },
    model: 'mistral-small-latest',
  },
  'mistral/mistral-reasoning.chunks.txt': {
    text: { start: '2 + 2 = 4', length: 9 },
    reasoning: { start: 'The user is asking for 2+2. This is basic arithmetic. 2+2=4.', length: 60 },
    finish: 'stop',
    usage: { inputTokens: 10, outputTokens: 46, totalTokens: 56 },
    model: 'magistral-medium-2507',
  },
  'mistral/mistral-reasoning.json': {
    text: { start: '2 + 2 = 4', length: 9 },
    reasoning: { start: 'The user is asking for 2+2. This is basic arithmetic. 2+2=4.', length: 60 },
    finish: 'stop',
    usage: { inputTokens: 10, outputTokens: 46, totalTokens: 56 },
    model: 'magistral-medium-2507',
  },
  'mistral/mistral-text.chunks.txt': {
    text: { start: 'Hello, world! This is a test response.', length: 38 },
    finish: 'stop',
    usage: { inputTokens: 13, outputTokens: 8, totalTokens: 21 },
    model: 'mistral-small-latest',
  },
  'mistral/mistral-text.json': {
    text: { start: '**Holiday Name: "World Kindness Day', length: 1926, end: 'would you share? 😊' },
    finish: 'stop',
    usage: { inputTokens: 13, outputTokens: 434, totalTokens: 447 },
    model: 'mistral-small-latest',
  },
  'mistral/mistral-tool-call.chunks.txt': {
    text: { start: '', length: 0 },
    toolCalls: [tc('weather', { location: 'San Francisco' }, 'gSIMJiOkT')],
    finish: 'tool_calls',
    usage: { inputTokens: 124, outputTokens: 22, totalTokens: 146 },
    model: 'mistral-small-latest',
  },
  'mistral/mistral-tool-call.json': {
    text: { start: '', length: 0 },
    toolCalls: [tc('weather', { location: 'San Francisco' }, 'gSIMJiOkT')],
    finish: 'tool_calls',
    usage: { inputTokens: 124, outputTokens: 22, totalTokens: 146 },
    model: 'mistral-small-latest',
  },
  'neon/neon-chat-completion.json': {
    text: { start: 'Hello, world today.', length: 19 },
    finish: 'stop',
    usage: { inputTokens: 16, outputTokens: 8, totalTokens: 24, cachedInputTokens: 0 },
    model: 'global.anthropic.claude-haiku-4-5-20251001-v1:0',
  },
  'openai/issue-8132-long-tool-call-id.json': {
    text: { start: 'OpenAI API Documentation', length: 24 },
    finish: 'stop',
    usage: { inputTokens: 72, outputTokens: 4, totalTokens: 76 },
    model: 'gpt-4o-mini-2024-07-18',
  },
  'openai/openai-text.chunks.txt': {
    text: { start: '**Holiday Name:** Harmony Day', length: 1724, end: 'and mutual respect.' },
    finish: 'stop',
    usage: { inputTokens: 16, outputTokens: 300, totalTokens: 316, reasoningTokens: 0 },
    model: 'gpt-4.1-nano-2025-04-14',
  },
  'openai/openai-text.json': {
    text: { start: '**Holiday Name:** Galaxy Day', length: 1842 },
    finish: 'stop',
    usage: { inputTokens: 16, outputTokens: 363, totalTokens: 379 },
    model: 'gpt-4.1-nano-2025-04-14',
  },
  'openai/reasoning-model-legacy-parameter-error.json': { error: { code: 'BAD_REQUEST', status: 400, message: /Unsupported parameter: 'max_tokens'/ } },
  'perplexity/perplexity-text.chunks.txt': {
    text: { start: '**EcoVista Day**[1][5]', length: 22 },
    finish: 'stop',
    usage: { inputTokens: 11, outputTokens: 434, totalTokens: 445 },
    model: 'sonar',
  },
  'perplexity/perplexity-text.json': {
    text: { start: '**EcoVista Day** is a new annual holiday', length: 1970 },
    finish: 'stop',
    usage: { inputTokens: 11, outputTokens: 392, totalTokens: 403 },
    model: 'sonar',
  },
  'xai/xai-text.chunks.txt': {
    text: { start: 'Hello', length: 5 },
    reasoning: { start: 'First, the user said', length: 20 },
    finish: 'stop',
    usage: { inputTokens: 12, outputTokens: 1, totalTokens: 303, reasoningTokens: 290, cachedInputTokens: 11 },
    model: 'grok-3-mini',
  },
  'xai/xai-text.json': {
    text: { start: 'Hello', length: 5 },
    reasoning: { start: 'First, the user said: "Say a s', length: 189 },
    finish: 'stop',
    usage: { inputTokens: 12, outputTokens: 1, totalTokens: 241, reasoningTokens: 228, cachedInputTokens: 2 },
    model: 'grok-3-mini',
  },
  'xai/xai-tool-call.chunks.txt': {
    text: { start: '', length: 0 },
    reasoning: { start: 'First, the user is', length: 18 },
    toolCalls: [tc('weather', { location: 'San Francisco' }, 'call_55117580')],
    finish: 'tool_calls',
    usage: { inputTokens: 291, outputTokens: 26, totalTokens: 513, reasoningTokens: 196, cachedInputTokens: 290 },
    model: 'grok-3-mini',
  },
  'xai/xai-tool-call.json': {
    text: { start: '', length: 0 },
    reasoning: { start: 'First, the user is asking abou', length: 357 },
    toolCalls: [tc('weather', { location: 'San Francisco' }, 'call_93562515')],
    finish: 'tool_calls',
    usage: { inputTokens: 291, outputTokens: 26, totalTokens: 506, reasoningTokens: 189, cachedInputTokens: 244 },
    model: 'grok-3-mini',
  },
};

const files = listFixtures(fixturesDir);

let server: MockServer;
beforeAll(async () => {
  server = await createMockServer();
});
afterAll(() => server.close());

function provider() {
  return openaiCompatible({ baseURL: server.url, apiKey: 'sk-fixture-key', model: 'requested-model', maxRetries: 0 });
}

function check(response: ChatResponse, want: Expected): void {
  expect(response.text.startsWith(want.text.start)).toBe(true);
  expect(response.text.length).toBe(want.text.length);
  if (want.text.end) expect(response.text.endsWith(want.text.end)).toBe(true);
  if (want.reasoning) {
    expect(response.reasoning?.startsWith(want.reasoning.start)).toBe(true);
    expect(response.reasoning?.length).toBe(want.reasoning.length);
  } else {
    expect(response.reasoning).toBeUndefined();
  }
  const calls = want.toolCalls ?? [];
  expect(response.toolCalls).toHaveLength(calls.length);
  calls.forEach((c, i) => {
    const got = response.toolCalls[i];
    expect(got.name).toBe(c.name);
    expect(got.args).toEqual(c.args);
    expect(got.argsError).toBeUndefined();
    expect(JSON.parse(got.rawArgs)).toEqual(c.args);
    if (c.id) expect(got.id).toBe(c.id);
  });
  expect(response.finishReason).toBe(want.finish);
  expect(response.usage).toMatchObject(want.usage);
  if (!want.usage.estimated) expect(response.usage.estimated).toBeUndefined();
  expect(response.model).toBe(want.model);
}

describe('recorded provider fixtures', () => {
  it('finds all 37 fixtures, each with an expectation', () => {
    const names = files.map((f) => relative(fixturesDir, f).split('\\').join('/'));
    expect(names).toHaveLength(37);
    expect(names.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files.map((f) => [relative(fixturesDir, f).split('\\').join('/'), f]))('%s', async (name, file) => {
    const fixture = loadFixture(file);
    const want = EXPECTED[name];
    server.enqueue(reply.fixture(fixture));
    if ('error' in want) {
      const error = await rejectionOf(provider().chat(ask()));
      expect(error.code).toBe(want.error.code);
      expect(error.status).toBe(want.error.status);
      expect(error.serverMessage).toMatch(want.error.message);
      expect(error.retryable).toBe(false);
      return;
    }
    if (!fixture.streaming) {
      check(await provider().chat(ask()), want);
      return;
    }
    const events = await collect(provider().stream(ask()));
    const response = finished(events);
    check(response, want);
    // The deltas add up to the final response, and the event order is as documented.
    const text = events.flatMap((e) => (e.type === 'text-delta' ? [e.text] : [])).join('');
    const reasoning = events.flatMap((e) => (e.type === 'reasoning-delta' ? [e.text] : [])).join('');
    expect(text).toBe(response.text);
    expect(reasoning).toBe(response.reasoning ?? '');
    const types = events.map((e) => e.type);
    expect(types.filter((t) => t === 'finish')).toHaveLength(1);
    expect(types[types.length - 2]).toBe('usage');
    expect(types.filter((t) => t === 'tool-call')).toHaveLength(response.toolCalls.length);
    for (const e of events) if (e.type === 'tool-call-delta') expect(e.index).toBeLessThan(response.toolCalls.length);
  });

  // Servers sometimes answer in the other format than asked: every recording also goes
  // through the other method (SSE to chat(), JSON to stream()) and must normalize the same.
  it.each(files.map((f) => [relative(fixturesDir, f).split('\\').join('/'), f]))('%s in the other format', async (name, file) => {
    const fixture = loadFixture(file);
    const want = EXPECTED[name];
    if ('error' in want) return;
    server.enqueue(reply.fixture(fixture));
    const response = fixture.streaming ? await provider().chat(ask()) : finished(await collect(provider().stream(ask())));
    check(response, want);
  });
});
