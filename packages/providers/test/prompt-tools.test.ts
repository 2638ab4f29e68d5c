import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ToolCallParseError, openaiCompatible, parsePromptToolCalls, perplexity, toPromptModeRequest, type ChatRequest, type ToolSpec } from '@graft/providers';
import { createMockServer, reply, type MockServer } from '@graft/providers/testing';
import { rejectionOf, streamAll } from './helpers.js';

const tools: ToolSpec[] = [
  { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
  { name: 'add', description: 'Adds numbers', parameters: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } } } },
];
const request: ChatRequest = {
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Weather in Paris?' },
  ],
  tools,
};

let server: MockServer;
beforeAll(async () => {
  server = await createMockServer();
});
afterAll(() => server.close());
const provider = () => openaiCompatible({ baseURL: server.url, model: 'local', toolCalling: 'prompt', maxRetries: 0, id: 'local' });

describe('prompt-mode tool calling over HTTP', () => {
  it('describes the tools in the system prompt and sends no tools field', async () => {
    server.reset();
    server.enqueue(reply.text('It is sunny.'));
    const r = await provider().chat(request);
    expect(r.text).toBe('It is sunny.');
    expect(r.toolCalls).toEqual([]);
    const body = server.chatRequests[0].body;
    expect(body.tools).toBeUndefined();
    expect(body.tool_choice).toBeUndefined();
    expect(body.messages[0].role).toBe('system');
    expect(body.messages[0].content).toMatch(/^Be brief\.\n\n## Tools/);
    expect(body.messages[0].content).toContain('get_weather: Weather for a city');
    expect(body.messages[0].content).toContain('"required":["city"]');
  });

  it('parses a fenced JSON tool call (chat)', async () => {
    server.enqueue(reply.text('Let me check.\n```json\n{"tool": "get_weather", "arguments": {"city": "Paris"}}\n```'));
    const r = await provider().chat(request);
    expect(r.toolCalls).toHaveLength(1);
    expect(r.toolCalls[0]).toMatchObject({ name: 'get_weather', args: { city: 'Paris' }, rawArgs: '{"city":"Paris"}' });
    expect(r.toolCalls[0].id).toMatch(/^call_/);
    expect(r.text).toBe('Let me check.');
    expect(r.finishReason).toBe('tool_calls');
  });

  it('parses a bare JSON tool call (stream), emitting tool-call events and no JSON as text', async () => {
    server.enqueue(reply.text('{"name": "add", "arguments": {"a": 2, "b": 3}}', { chunkSize: 5 }));
    const { events, response } = await streamAll(provider(), request);
    expect(response.toolCalls.map((c) => [c.name, c.args])).toEqual([['add', { a: 2, b: 3 }]]);
    expect(events.filter((e) => e.type === 'text-delta')).toEqual([]);
    expect(events.filter((e) => e.type === 'tool-call')).toHaveLength(1);
    expect(response.finishReason).toBe('tool_calls');
  });

  it('streams a plain answer as text at the end', async () => {
    server.enqueue(reply.text('Just text, no tools.', { chunkSize: 4 }));
    const { events, response } = await streamAll(provider(), request);
    expect(response.text).toBe('Just text, no tools.');
    expect(
      events
        .filter((e) => e.type === 'text-delta')
        .map((e) => (e.type === 'text-delta' ? e.text : ''))
        .join(''),
    ).toBe('Just text, no tools.');
  });

  it('fails with a typed TOOL_CALL_PARSE error when the call cannot be read', async () => {
    server.enqueue(reply.text('```json\n{"tool": "get_weather", "arguments": {"city": "Par\n```'));
    const e = await rejectionOf(provider().chat(request));
    expect(e).toBeInstanceOf(ToolCallParseError);
    expect([e.code, e.retryable, e.provider]).toEqual(['TOOL_CALL_PARSE', false, 'local']);
    expect(e.reply).toContain('"tool": "get_weather"');
    expect(e.message).toMatch(/reply with exactly one JSON object/);
    server.enqueue(reply.text('{"tool": "get_weather", "arguments": {"city": "Pa'));
    const streamed = await rejectionOf(streamAll(provider(), request));
    expect(streamed.code).toBe('TOOL_CALL_PARSE');
  });

  it('turns tool history into text the model can read', async () => {
    server.reset();
    server.enqueue(reply.text('Sunny, 21°C.'));
    await provider().chat({
      tools,
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'get_weather', args: { city: 'Paris' }, rawArgs: '{"city":"Paris"}' }] },
        { role: 'tool', toolCallId: 'call_1', name: 'get_weather', content: '{"temp":21}' },
      ],
    });
    const msgs = server.chatRequests[0].body.messages;
    expect(msgs.map((m: { role: string }) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(msgs[2].content).toContain('{"tool":"get_weather","arguments":{"city":"Paris"}}');
    expect(msgs[3].content).toBe('Tool result (get_weather, call call_1):\n{"temp":21}');
  });

  it('works with a preset that lacks native tools (Perplexity)', async () => {
    server.reset();
    server.enqueue(reply.text('```json\n{"tool":"get_weather","arguments":{"city":"Rome"}}\n```'));
    const p = perplexity({ baseURL: server.url, apiKey: 'k', env: {}, toolCalling: 'prompt' });
    const r = await p.chat(request);
    expect(r.toolCalls[0].args).toEqual({ city: 'Rome' });
    expect(server.chatRequests[0].body.tools).toBeUndefined();
  });
});

describe('parsePromptToolCalls', () => {
  const parse = (text: string) => parsePromptToolCalls(text, tools, 'p');

  it.each([
    ['fenced json', '```json\n{"tool":"add","arguments":{"a":1,"b":2}}\n```'],
    ['fenced, no language', '```\n{"tool":"add","arguments":{"a":1,"b":2}}\n```'],
    ['bare', '{"tool":"add","arguments":{"a":1,"b":2}}'],
    ['bare with prose', 'Sure! {"name": "add", "parameters": {"a": 1, "b": 2}} is what I will do.'],
    ['OpenAI shape', '{"function": {"name": "add", "arguments": "{\\"a\\":1,\\"b\\":2}"}}'],
    ['hermes <tool_call>', '<tool_call>\n{"name": "add", "arguments": {"a": 1, "b": 2}}\n</tool_call>'],
    ['mistral [TOOL_CALLS]', '[TOOL_CALLS][{"name": "add", "arguments": {"a": 1, "b": 2}}]'],
    ['described in prose', 'I will call add({"a": 1, "b": 2}) to get the sum.'],
    ['trailing comma', '```json\n{"tool":"add","arguments":{"a":1,"b":2,},}\n```'],
    ['ReAct Action / Action Input', 'Thought: I need to add.\nAction: add\nAction Input: {"a": 1, "b": 2}'],
    ['"call X with {...}" prose', 'I\'ll call the add tool with {"a": 1, "b": 2} now.'],
    ['"using X with arguments:" prose', 'Using `add` with arguments: {"a": 1, "b": 2}'],
  ])('reads a %s call', (_label, text) => {
    const { toolCalls } = parse(text);
    expect(toolCalls.map((c) => [c.name, c.args])).toEqual([['add', { a: 1, b: 2 }]]);
  });

  it('reads several parallel calls from an array', () => {
    const { toolCalls } = parse('```json\n[{"tool":"add","arguments":{"a":1}},{"tool":"get_weather","arguments":{"city":"Oslo"}}]\n```');
    expect(toolCalls.map((c) => c.name)).toEqual(['add', 'get_weather']);
    expect(new Set(toolCalls.map((c) => c.id)).size).toBe(2);
  });

  it('leaves plain answers and unrelated JSON alone', () => {
    expect(parse('The answer is 42.').toolCalls).toEqual([]);
    expect(parse('Here is your data: {"name": "Alice", "age": 30}').toolCalls).toEqual([]);
    expect(parse('```js\nconst x = { a: 1 };\n```').toolCalls).toEqual([]);
  });

  it.each([
    ['an unknown tool', '```json\n{"tool":"delete_everything","arguments":{}}\n```', /unknown tool "delete_everything"/],
    ['broken JSON in a fence', '```json\n{"tool": "add", "arguments": {"a": 1\n```', /JSON is invalid/],
    ['broken <tool_call>', '<tool_call>{"name": add}</tool_call>', /JSON is invalid/],
    ['non-object arguments', '{"tool":"add","arguments":[1,2]}', /not a JSON object/],
    ['truncated bare JSON', '{"tool": "add", "arguments": {"a": 1', /incomplete or invalid/],
  ])('throws ToolCallParseError for %s', (_label, text, message) => {
    let error: unknown;
    try {
      parse(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ToolCallParseError);
    expect((error as Error).message).toMatch(message);
  });

  it('honours toolChoice in the prompt', () => {
    const required = toPromptModeRequest({ ...request, toolChoice: 'required' });
    expect(required.messages[0].content).toMatch(/MUST call a tool/);
    const named = toPromptModeRequest({ ...request, toolChoice: { name: 'add' } });
    expect(named.messages[0].content).toMatch(/MUST call the tool "add"/);
    const none = toPromptModeRequest({ ...request, toolChoice: 'none' });
    expect(none.messages[0].content).toBe('Be brief.');
    expect(none.tools).toBeUndefined();
  });
});
