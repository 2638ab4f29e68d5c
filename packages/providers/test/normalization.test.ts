import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openaiCompatible } from '@graft/providers';
import { createMockServer, reply, type MockServer } from '@graft/providers/testing';
import { ask, streamAll } from './helpers.js';

// Quirks of real servers, sent verbatim over HTTP, normalized by openaiCompatible().

let server: MockServer;
beforeAll(async () => {
  server = await createMockServer();
});
afterAll(() => server.close());

const provider = () => openaiCompatible({ baseURL: server.url, model: 'm', maxRetries: 0 });
const chunk = (delta: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}, finish: string | null = null) => ({
  id: 'c1',
  object: 'chat.completion.chunk',
  model: 'quirk-model',
  choices: [{ index: 0, ...(delta === undefined ? {} : { delta }), finish_reason: finish }],
  ...extra,
});
const tool = (fields: Record<string, unknown>) => chunk({ tool_calls: [fields] });
const completion = (message: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: 'c1',
  object: 'chat.completion',
  model: 'quirk-model',
  choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
  ...extra,
});

async function streamed(events: Record<string, unknown>[]) {
  server.enqueue(reply.events(events));
  return streamAll(provider(), ask());
}

async function chatted(body: Record<string, unknown>) {
  server.enqueue(reply.raw(JSON.stringify(body)));
  return provider().chat(ask());
}

describe('tool-call arguments', () => {
  it('turns "" and missing arguments into {} (stream and JSON)', async () => {
    const { response } = await streamed([
      tool({ index: 0, id: 'a', function: { name: 'noArgs', arguments: '' } }),
      tool({ index: 1, id: 'b', function: { name: 'missingArgs' } }),
      chunk({}, {}, 'tool_calls'),
    ]);
    expect(response.toolCalls.map((c) => [c.name, c.args, c.rawArgs, c.argsError])).toEqual([
      ['noArgs', {}, '', undefined],
      ['missingArgs', {}, '', undefined],
    ]);
    const chat = await chatted(
      completion({
        content: null,
        tool_calls: [
          { id: 'x', type: 'function', function: { name: 'f', arguments: '' } },
          { id: 'y', function: { name: 'g' } },
        ],
      }),
    );
    expect(chat.toolCalls.map((c) => c.args)).toEqual([{}, {}]);
  });

  it('joins arguments streamed across many chunks', async () => {
    const args = JSON.stringify({ city: 'Zürich', days: 3, tags: ['a', 'b'] });
    const pieces = args.match(/.{1,3}/g)!;
    const { events, response } = await streamed([
      tool({ index: 0, id: 'call_1', type: 'function', function: { name: 'forecast', arguments: '' } }),
      ...pieces.map((p) => tool({ index: 0, function: { arguments: p } })),
      chunk({}, {}, 'tool_calls'),
    ]);
    expect(response.toolCalls[0]).toMatchObject({ id: 'call_1', name: 'forecast', args: { city: 'Zürich', days: 3, tags: ['a', 'b'] }, rawArgs: args });
    const deltas = events.filter((e) => e.type === 'tool-call-delta');
    expect(deltas.map((d) => (d.type === 'tool-call-delta' ? d.argsDelta : '')).join('')).toBe(args);
  });

  it('keeps parallel tool calls apart, even interleaved', async () => {
    const { response } = await streamed([
      tool({ index: 0, id: 'c0', function: { name: 'a', arguments: '{"x"' } }),
      tool({ index: 1, id: 'c1', function: { name: 'b', arguments: '{"y"' } }),
      tool({ index: 0, function: { arguments: ':1}' } }),
      tool({ index: 1, function: { arguments: ':2}' } }),
      chunk({}, {}, 'tool_calls'),
    ]);
    expect(response.toolCalls.map((c) => [c.id, c.name, c.args])).toEqual([
      ['c0', 'a', { x: 1 }],
      ['c1', 'b', { y: 2 }],
    ]);
    expect(response.finishReason).toBe('tool_calls');
  });

  it('generates ids for calls that have none, unique per call', async () => {
    const { response } = await streamed([
      tool({ index: 0, function: { name: 'a', arguments: '{}' } }),
      tool({ index: 1, function: { name: 'b', arguments: '{}' } }),
      chunk({}, {}, 'tool_calls'),
    ]);
    const [a, b] = response.toolCalls;
    expect(a.id).toMatch(/^call_[0-9a-f]{24}$/);
    expect(b.id).toMatch(/^call_[0-9a-f]{24}$/);
    expect(a.id).not.toBe(b.id);
    const chat = await chatted(completion({ tool_calls: [{ function: { name: 'f', arguments: '{}' } }] }));
    expect(chat.toolCalls[0].id).toMatch(/^call_/);
  });

  it('accepts tool-call indexes starting at 1', async () => {
    const { events, response } = await streamed([
      tool({ index: 1, id: 't1', function: { name: 'read_file', arguments: '' } }),
      tool({ index: 1, function: { arguments: '{"path":' } }),
      tool({ index: 1, function: { arguments: '"a.txt"}' } }),
      chunk({}, {}, 'tool_calls'),
    ]);
    expect(response.toolCalls).toHaveLength(1);
    expect(response.toolCalls[0].args).toEqual({ path: 'a.txt' });
    for (const e of events) if (e.type === 'tool-call-delta') expect(e.index).toBe(0);
  });

  it('accepts tool calls without an index (whole, or as fragments, or several by id)', async () => {
    const whole = await streamed([
      chunk(
        {
          content: null,
          tool_calls: [
            { id: 'w1', function: { name: 'a', arguments: '{"k":1}' } },
            { id: 'w2', function: { name: 'b', arguments: '{"k":2}' } },
          ],
        },
        {},
        'tool_calls',
      ),
    ]);
    expect(whole.response.toolCalls.map((c) => [c.id, c.args])).toEqual([
      ['w1', { k: 1 }],
      ['w2', { k: 2 }],
    ]);
    const fragments = await streamed([
      tool({ id: 'f1', function: { name: 'a', arguments: '{"k"' } }),
      tool({ function: { arguments: ':"v"}' } }),
      chunk({}, {}, 'tool_calls'),
    ]);
    expect(fragments.response.toolCalls.map((c) => [c.id, c.args])).toEqual([['f1', { k: 'v' }]]);
  });

  it('separates parallel calls that share one index but have distinct ids', async () => {
    const { response } = await streamed([
      tool({ index: 0, id: 'g1', function: { name: 'a', arguments: '{"n":1}' } }),
      tool({ index: 0, id: 'g2', function: { name: 'b', arguments: '{"n":2}' } }),
      chunk({}, {}, 'tool_calls'),
    ]);
    expect(response.toolCalls.map((c) => [c.id, c.name, c.args])).toEqual([
      ['g1', 'a', { n: 1 }],
      ['g2', 'b', { n: 2 }],
    ]);
  });

  it('reports invalid or non-object arguments in argsError instead of failing', async () => {
    const chat = await chatted(
      completion({
        tool_calls: [
          { id: 'a', function: { name: 'bad', arguments: '{"unclosed": ' } },
          { id: 'b', function: { name: 'arr', arguments: '[1,2]' } },
          { id: 'c', function: { name: 'double', arguments: JSON.stringify(JSON.stringify({ q: 1 })) } },
          { id: 'd', function: { name: 'obj', arguments: { already: 'parsed' } } },
        ],
      }),
    );
    const [bad, arr, dbl, obj] = chat.toolCalls;
    expect(bad).toMatchObject({ args: {}, rawArgs: '{"unclosed": ' });
    expect(bad.argsError).toMatch(/not valid JSON/);
    expect(arr.argsError).toMatch(/must be a JSON object/);
    expect(dbl.args).toEqual({ q: 1 });
    expect(obj.args).toEqual({ already: 'parsed' });
  });

  it('reads the legacy function_call shape', async () => {
    const chat = await chatted(completion({ content: null, function_call: { name: 'legacy', arguments: '{"a":1}' } }));
    expect(chat.toolCalls[0]).toMatchObject({ name: 'legacy', args: { a: 1 } });
    expect(chat.finishReason).toBe('tool_calls');
  });
});

describe('reasoning', () => {
  it.each(['reasoning_content', 'reasoning'])('reads %s deltas apart from the text', async (field) => {
    const { events, response } = await streamed([
      chunk({ role: 'assistant', content: null, [field]: '' }),
      chunk({ [field]: 'Think ' }),
      chunk({ [field]: 'hard.' }),
      chunk({ content: 'Answer', [field]: null }),
      chunk({}, {}, 'stop'),
    ]);
    expect(response.reasoning).toBe('Think hard.');
    expect(response.text).toBe('Answer');
    expect(events.filter((e) => e.type === 'reasoning-delta')).toHaveLength(2);
  });

  it('does not double reasoning sent in both fields', async () => {
    const { response } = await streamed([chunk({ reasoning_content: 'once', reasoning: 'once' }), chunk({ content: 'x' }, {}, 'stop')]);
    expect(response.reasoning).toBe('once');
  });

  it('reads Mistral thinking content parts (stream and JSON)', async () => {
    const { response } = await streamed([
      chunk({ content: [{ type: 'thinking', thinking: [{ type: 'text', text: 'Let me ' }] }] }),
      chunk({
        content: [
          { type: 'thinking', thinking: [{ type: 'text', text: 'see.' }] },
          { type: 'text', text: 'Four' },
        ],
      }),
      chunk({ content: '' }, {}, 'stop'),
    ]);
    expect([response.reasoning, response.text]).toEqual(['Let me see.', 'Four']);
    const chat = await chatted(
      completion({
        content: [
          { type: 'thinking', thinking: [{ type: 'text', text: 'hm' }], closed: true },
          { type: 'text', text: '391' },
        ],
      }),
    );
    expect([chat.reasoning, chat.text]).toEqual(['hm', '391']);
  });
});

describe('usage', () => {
  const u = { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 };
  it('takes usage from a trailing choices:[] chunk', async () => {
    const { events, response } = await streamed([chunk({ content: 'hi' }), chunk({}, {}, 'stop'), { id: 'c1', choices: [], usage: u }]);
    expect(response.usage).toEqual({ inputTokens: 11, outputTokens: 7, totalTokens: 18 });
    expect(events.find((e) => e.type === 'usage')).toEqual({ type: 'usage', usage: response.usage });
  });
  it('takes usage from the finish chunk', async () => {
    const { response } = await streamed([chunk({ content: 'hi' }, { usage: null }), chunk({ content: '' }, { usage: u }, 'stop')]);
    expect(response.usage.totalTokens).toBe(18);
  });
  it('takes the last usage when it rides on every chunk', async () => {
    const { response } = await streamed([
      chunk({ content: 'a' }, { usage: { prompt_tokens: 11, completion_tokens: 1, total_tokens: 12 } }),
      chunk({ content: 'b' }, { usage: u }, 'stop'),
    ]);
    expect(response.usage).toEqual({ inputTokens: 11, outputTokens: 7, totalTokens: 18 });
  });
  it('estimates usage, marked estimated, when none is sent', async () => {
    const { response } = await streamed([chunk({ content: 'x'.repeat(40) }), chunk({}, {}, 'stop')]);
    expect(response.usage.estimated).toBe(true);
    expect(response.usage.outputTokens).toBe(10);
    expect(response.usage.inputTokens).toBeGreaterThan(0);
    const chat = await chatted({ ...completion({ content: 'y'.repeat(8) }), usage: undefined });
    expect(chat.usage).toMatchObject({ estimated: true, outputTokens: 2 });
  });
  it('reads reasoning and cached token details in their various spellings', async () => {
    const chat = await chatted(
      completion(
        { content: 'x' },
        {
          usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, prompt_cache_hit_tokens: 4, completion_tokens_details: { reasoning_tokens: 3 } },
        },
      ),
    );
    expect(chat.usage).toEqual({ inputTokens: 10, outputTokens: 5, totalTokens: 15, cachedInputTokens: 4, reasoningTokens: 3 });
    const anthropicStyle = await chatted(completion({ content: 'x' }, { usage: { input_tokens: 9, output_tokens: 2, cache_read_input_tokens: 6 } }));
    expect(anthropicStyle.usage).toEqual({ inputTokens: 9, outputTokens: 2, totalTokens: 11, cachedInputTokens: 6 });
  });
  it('asks for stream usage with stream_options.include_usage', async () => {
    server.reset();
    await streamed([chunk({ content: 'x' }, {}, 'stop')]);
    expect(server.chatRequests[0].body.stream_options).toEqual({ include_usage: true });
  });
});

describe('finish reasons and odd chunks', () => {
  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['max_tokens', 'length'],
    ['end_turn', 'stop'],
    ['content_filter', 'content_filter'],
    ['eos', 'stop'],
    ['something_new', 'other'],
  ])('maps finish reason %s to %s', async (raw, want) => {
    const { response } = await streamed([chunk({ content: 'x' }), chunk({}, {}, raw)]);
    expect(response.finishReason).toBe(want);
  });

  it('treats a missing finish reason as stop, and a stop with tool calls as tool_calls', async () => {
    const none = await streamed([chunk({ content: 'x' })]);
    expect(none.response.finishReason).toBe('stop');
    const stopWithTools = await streamed([tool({ index: 0, id: 'a', function: { name: 'f', arguments: '{}' } }), chunk({}, {}, 'stop')]);
    expect(stopWithTools.response.finishReason).toBe('tool_calls');
  });

  it('survives a choices:[] first chunk, empty content, chunks without delta, and chunks after finish', async () => {
    const { events, response } = await streamed([
      { id: '', model: '', object: '', created: 0, choices: [], prompt_filter_results: [{ prompt_index: 0 }] },
      chunk({ role: 'assistant', content: '' }),
      chunk(undefined),
      chunk({ content: 'Hello' }),
      chunk({}, {}, 'stop'),
      { id: 'c1', model: 'quirk-model', choices: [{ index: 0, finish_reason: null, content_filter_offsets: {} }] },
    ]);
    expect(response.text).toBe('Hello');
    expect(response.finishReason).toBe('stop');
    expect(response.model).toBe('quirk-model');
    expect(events.filter((e) => e.type === 'text-delta')).toEqual([{ type: 'text-delta', text: 'Hello' }]);
  });

  it('keeps the first choice when a server sends several', async () => {
    const chat = await chatted({
      ...completion({ content: 'first' }),
      choices: [
        { index: 1, message: { content: 'second' }, finish_reason: 'stop' },
        { index: 0, message: { content: 'first' }, finish_reason: 'stop' },
      ],
    });
    expect(chat.text).toBe('first');
  });
});

describe('more server habits', () => {
  it('splits a leading <think> block into reasoning, even with tags cut across chunks', async () => {
    const parts = ['\n<th', 'ink>Let me', ' count.</thi', 'nk>\n\nThree', " r's."];
    const { events, response } = await streamed([...parts.map((p) => chunk({ content: p })), chunk({}, {}, 'stop')]);
    expect(response.reasoning).toBe('Let me count.');
    expect(response.text).toBe("Three r's.");
    const text = events.flatMap((e) => (e.type === 'text-delta' ? [e.text] : [])).join('');
    const reasoning = events.flatMap((e) => (e.type === 'reasoning-delta' ? [e.text] : [])).join('');
    expect([reasoning, text]).toEqual(['Let me count.', "Three r's."]);
    const chat = await chatted(completion({ content: '<think>\nhmm\n</think>\n\nAnswer' }));
    expect([chat.reasoning, chat.text]).toEqual(['\nhmm\n', 'Answer']);
  });

  it('leaves <think> alone when it is not at the start, or when the server sent a reasoning field', async () => {
    const later = await streamed([chunk({ content: 'Use the <think> tag like so.' }), chunk({}, {}, 'stop')]);
    expect([later.response.text, later.response.reasoning]).toEqual(['Use the <think> tag like so.', undefined]);
    const withField = await streamed([chunk({ reasoning_content: 'r' }), chunk({ content: '<think>literal</think>' }), chunk({}, {}, 'stop')]);
    expect([withField.response.text, withField.response.reasoning]).toEqual(['<think>literal</think>', 'r']);
    const short = await streamed([chunk({ content: '<t' })]);
    expect(short.response.text).toBe('<t');
  });

  it('keeps an unterminated <think> as reasoning', async () => {
    const { response } = await streamed([chunk({ content: '<think>still thinking' }), chunk({}, {}, 'length')]);
    expect([response.reasoning, response.text, response.finishReason]).toEqual(['still thinking', '', 'length']);
  });

  it('returns a refusal as the text', async () => {
    const chat = await chatted(completion({ content: null, refusal: "I can't help with that." }));
    expect(chat.text).toBe("I can't help with that.");
    const { response } = await streamed([chunk({ refusal: "I can't" }), chunk({ refusal: ' help.' }), chunk({}, {}, 'stop')]);
    expect(response.text).toBe("I can't help.");
  });

  it('reads usage from x_groq when the top-level usage is missing', async () => {
    const { response } = await streamed([
      chunk({ content: 'x' }, { x_groq: { id: 'g', usage: { prompt_tokens: 4, completion_tokens: 2, total_tokens: 6 } } }, 'stop'),
    ]);
    expect(response.usage).toEqual({ inputTokens: 4, outputTokens: 2, totalTokens: 6 });
  });

  it('reads legacy `text` choices', async () => {
    const { response } = await streamed([{ id: 'c', model: 'm', choices: [{ index: 0, text: 'legacy', finish_reason: 'stop' }] }]);
    expect(response.text).toBe('legacy');
    const chat = await chatted({ id: 'c', model: 'm', choices: [{ index: 0, text: 'old style', finish_reason: 'stop' }] });
    expect(chat.text).toBe('old style');
  });
});

describe('answers in the other format', () => {
  it('stream() accepts a JSON completion from a server that ignored stream: true', async () => {
    server.enqueue(
      reply.raw(
        JSON.stringify(completion({ content: 'whole', reasoning_content: 'r', tool_calls: [{ id: 't', function: { name: 'f', arguments: '{"a":1}' } }] })),
      ),
    );
    const { events, response } = await streamAll(provider(), ask());
    expect([response.text, response.reasoning, response.toolCalls[0].args, response.usage.totalTokens]).toEqual(['whole', 'r', { a: 1 }, 8]);
    expect(events.map((e) => e.type)).toEqual(['reasoning-delta', 'text-delta', 'tool-call-delta', 'tool-call', 'usage', 'finish']);
    server.enqueue(reply.raw(JSON.stringify({ error: { message: 'quota', type: 'rate_limit_error' } })));
    const e = await streamAll(provider(), ask()).catch((x: unknown) => x);
    expect((e as { code: string }).code).toBe('RATE_LIMITED');
  });

  it('chat() accepts server-sent events from a server that always streams', async () => {
    server.enqueue(
      reply.events([
        chunk({ content: 'str' }),
        chunk({ content: 'eamed' }),
        chunk({}, { usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } }, 'stop'),
      ]),
    );
    const r = await provider().chat(ask());
    expect([r.text, r.finishReason, r.usage.totalTokens]).toEqual(['streamed', 'stop', 3]);
  });
});
