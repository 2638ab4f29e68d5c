import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProviderError, openaiCompatible } from '@graft/providers';
import { ScriptError, ScriptedProvider, createMockServer, fixtureFromText, listFixtures, loadFixture, reply } from '@graft/providers/testing';
import { ask, collect, fixturesDir, rejectionOf, streamAll } from './helpers.js';

describe('createMockServer', () => {
  it('listens on 127.0.0.1 with an ephemeral port and a /v1 base URL', async () => {
    const s = await createMockServer();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    await s.close();
  });

  it('records parsed bodies and headers, and answers from a function of the request', async () => {
    const s = await createMockServer({ script: (req, i) => reply.text(`#${i} ${req.body.messages.at(-1).content}`) });
    const p = openaiCompatible({ baseURL: s.url, model: 'm', apiKey: 'k', headers: { 'x-trace': 't1' } });
    expect((await p.chat(ask('first'))).text).toBe('#0 first');
    expect((await streamAll(p, ask('second'))).response.text).toBe('#1 second');
    expect(s.chatRequests.map((r) => r.body.stream ?? false)).toEqual([false, true]);
    expect(s.chatRequests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
    expect(s.chatRequests[0].headers['x-trace']).toBe('t1');
    expect(JSON.parse(s.chatRequests[0].rawBody)).toEqual(s.chatRequests[0].body);
    await s.close();
  });

  it('keeps an answered request body readable, copyable and assignable (kept as its raw text in between)', async () => {
    const seen: unknown[] = [];
    const s = await createMockServer({
      script: (req) => {
        seen.push(req.body);
        return reply.text('ok');
      },
    });
    const p = openaiCompatible({ baseURL: s.url, model: 'm' });
    await p.chat(ask('first'));
    const [r] = s.chatRequests;
    // the script and the record saw the same request
    expect(r!.body).toEqual(seen[0]);
    expect(r!.body.messages[0].content).toBe('first');
    // once read it is one object again, and copies carry it
    expect(r!.body).toBe(r!.body);
    expect({ ...r! }.body).toEqual(seen[0]);
    expect(r).toMatchObject({ body: { model: 'm' } });
    expect(JSON.parse(JSON.stringify(r)).body).toEqual(seen[0]);
    r!.body = { replaced: true };
    expect(r!.body).toEqual({ replaced: true });
    // a body that is not JSON stays undefined
    await fetch(`${s.url}/chat/completions`, { method: 'POST', body: 'not json' });
    expect(s.chatRequests[1]!.body).toBeUndefined();
    expect(s.chatRequests[1]!.rawBody).toBe('not json');
    await s.close();
  });

  it('answers 500 with a clear message when the script is exhausted', async () => {
    const s = await createMockServer();
    const e = await rejectionOf(openaiCompatible({ baseURL: s.url, model: 'm', maxRetries: 0 }).chat(ask()));
    expect(e.serverMessage).toMatch(/script exhausted/);
    await s.close();
  });

  it('checks the API key when given one', async () => {
    const s = await createMockServer({ apiKey: 'right', script: () => reply.text('in') });
    expect((await openaiCompatible({ baseURL: s.url, model: 'm', apiKey: 'right' }).chat(ask())).text).toBe('in');
    expect((await rejectionOf(openaiCompatible({ baseURL: s.url, model: 'm', apiKey: 'wrong' }).chat(ask()))).code).toBe('AUTH');
    expect((await rejectionOf(openaiCompatible({ baseURL: s.url, model: 'm', apiKey: 'wrong' }).listModels())).code).toBe('AUTH');
    await s.close();
  });

  it('renders parallel tool calls, reasoning and usage placements on the wire', async () => {
    const s = await createMockServer();
    const p = openaiCompatible({ baseURL: s.url, model: 'm' });
    s.enqueue(
      reply.toolCalls(
        [
          { name: 'a', args: { n: 1 } },
          { name: 'b', args: { n: 2 }, id: null },
        ],
        { reasoning: 'why', reasoningField: 'reasoning', usagePlacement: 'every', toolCallIndexBase: 1 },
      ),
    );
    const { response } = await streamAll(p, ask());
    expect(response.toolCalls.map((c) => [c.name, c.args])).toEqual([
      ['a', { n: 1 }],
      ['b', { n: 2 }],
    ]);
    expect(response.reasoning).toBe('why');
    expect(response.usage.estimated).toBeUndefined();
    s.enqueue(reply.text('no usage', { usage: false }));
    expect((await p.chat(ask())).usage.estimated).toBe(true);
    await s.close();
  });

  it('delays replies and hangs until closed', async () => {
    const s = await createMockServer({ script: [reply.text('late', { delayMs: 60 }), reply.hang()] });
    const p = openaiCompatible({ baseURL: s.url, model: 'm', maxRetries: 0, timeoutMs: 2000 });
    const started = Date.now();
    await p.chat(ask());
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    const pending = rejectionOf(p.chat(ask()));
    await new Promise((r) => setTimeout(r, 50));
    await s.close();
    expect(((await pending) as ProviderError).code).toBe('UNAVAILABLE');
  });

  it('replays fixtures verbatim (chunks as separate events, sse as one write)', async () => {
    const s = await createMockServer();
    const fx = loadFixture(join(fixturesDir, 'mistral/mistral-text.chunks.txt'));
    expect([fx.format, fx.streaming, fx.events.length]).toEqual(['chunks', true, 8]);
    s.enqueue(reply.fixture(fx));
    const raw = await fetch(`${s.url}/chat/completions`, { method: 'POST', body: '{}' }).then((r) => r.text());
    expect(raw).toBe(`${fx.events.map((e) => `data: ${e}\n\n`).join('')}data: [DONE]\n\n`);
    const sse = loadFixture(join(fixturesDir, 'anthropic/anthropic-fallback-tool-call.sse'));
    s.enqueue(reply.fixture(sse));
    expect(await fetch(`${s.url}/chat/completions`, { method: 'POST', body: '{}' }).then((r) => r.text())).toBe(sse.text);
    const err = loadFixture(join(fixturesDir, 'openai/reasoning-model-legacy-parameter-error.json'));
    expect(err.status).toBe(400);
    await s.close();
  });

  it('lists and builds fixtures', () => {
    expect(listFixtures(fixturesDir)).toHaveLength(37);
    const dir = mkdtempSync(join(tmpdir(), 'graft-fx-'));
    writeFileSync(join(dir, 'x.chunks.txt'), '{"a":1}\n\n{"b":2}');
    expect(loadFixture(join(dir, 'x.chunks.txt')).events).toEqual(['{"a":1}', '{"b":2}']);
    expect(() => fixtureFromText('notes.md', '')).toThrow(/not a fixture/);
  });
});

describe('ScriptedProvider', () => {
  it('answers from a queue: text, tool calls, errors; records requests', async () => {
    const boom = new ProviderError('RATE_LIMITED', 'slow down', { provider: 'scripted', retryAfterMs: 10 });
    const p = new ScriptedProvider([
      'hello',
      {
        toolCalls: [
          { name: 'f', args: { a: 1 } },
          { name: 'g', args: '{bad' },
        ],
      },
      boom,
    ]);
    expect((await p.chat(ask('one'))).text).toBe('hello');
    const r = await p.chat(ask('two'));
    expect(r.finishReason).toBe('tool_calls');
    expect(r.toolCalls.map((c) => [c.name, c.args])).toEqual([
      ['f', { a: 1 }],
      ['g', {}],
    ]);
    expect(r.toolCalls[1].argsError).toBeDefined();
    expect(await rejectionOf(p.chat(ask()))).toBe(boom);
    expect(p.requests.map((q) => q.messages[0].content)).toEqual(['one', 'two', 'Hello']);
    await expect(p.chat(ask())).rejects.toThrow(/script exhausted/);
    const exhausted = await rejectionOf(p.chat(ask()));
    expect(exhausted).toBeInstanceOf(ScriptError);
    expect(exhausted).not.toBeInstanceOf(ProviderError);
    expect(exhausted).toMatchObject({ code: 'SCRIPT_EXHAUSTED', calls: 5 });
  });

  it('assertComplete() fails while scripted replies are unused, passes once all are used', async () => {
    const p = new ScriptedProvider(['one', 'two', 'three']);
    await p.chat(ask());
    let thrown: unknown;
    try {
      p.assertComplete();
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ScriptError);
    expect(thrown).toMatchObject({ code: 'SCRIPT_INCOMPLETE', calls: 1, message: expect.stringMatching(/2 scripted replies were never used after 1 call/) });
    await p.chat(ask());
    await p.chat(ask());
    expect(() => p.assertComplete()).not.toThrow();
    expect(() => new ScriptedProvider(() => 'x').assertComplete()).not.toThrow();
  });

  it('streams proper events ending in finish', async () => {
    const p = new ScriptedProvider(
      [
        {
          reasoning: 'hmm',
          text: 'a long enough answer here',
          toolCalls: [{ name: 't', args: { x: 1 }, id: 'id1' }],
          usage: { inputTokens: 3, outputTokens: 4 },
        },
      ],
      { chunkSize: 10 },
    );
    const events = await collect(p.stream(ask()));
    expect(events.map((e) => e.type)).toEqual(['reasoning-delta', 'text-delta', 'text-delta', 'text-delta', 'tool-call-delta', 'tool-call', 'usage', 'finish']);
    const finish = events.at(-1)!;
    expect(finish.type === 'finish' && finish.response).toMatchObject({
      text: 'a long enough answer here',
      reasoning: 'hmm',
      usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
    });
  });

  it('answers from a function and honours abort', async () => {
    const p = new ScriptedProvider((req, i) => ({ text: `${i}:${req.messages[0].content}`, delayMs: i === 1 ? 5_000 : 0 }));
    expect((await p.chat(ask('x'))).text).toBe('0:x');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const e = await rejectionOf(p.chat(ask('y', { signal: controller.signal })));
    expect(e.code).toBe('ABORTED');
  });
});
