import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChatProvider, ChatRequest, ChatResponse } from '@graft/providers';
import { createResponseCache, createStore, requestKey, withResponseCache } from '@graft/core';

const base: ChatRequest = {
  model: 'm1',
  temperature: 0,
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'What is   the capital\nof France?' },
  ],
  tools: [
    { name: 'b_tool', description: 'B', parameters: { type: 'object', properties: { y: { type: 'string' }, x: { type: 'number' } } } },
    { name: 'a_tool', description: 'A', parameters: { type: 'object', properties: {} } },
  ],
};

const answer = (text: string): ChatResponse => ({
  text,
  toolCalls: [],
  finishReason: 'stop',
  usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 },
  model: 'm1',
  provider: 'test',
  latencyMs: 12,
});

describe('requestKey', () => {
  it('is a sha256 hex digest', () => {
    expect(requestKey(base)).toMatch(/^[0-9a-f]{64}$/);
  });
  it('ignores key order, whitespace runs, tool order, tool-call ids and the abort signal', () => {
    const reordered = {
      tools: [
        { parameters: { properties: {}, type: 'object' }, description: 'A', name: 'a_tool' },
        { description: '  B ', name: 'b_tool', parameters: { properties: { x: { type: 'number' }, y: { type: 'string' } }, type: 'object' } },
      ],
      messages: [
        { content: ' You are terse. ', role: 'system' as const },
        { role: 'user' as const, content: 'What is the capital of\tFrance?' },
      ],
      temperature: 0,
      model: 'm1',
      signal: new AbortController().signal,
    } satisfies ChatRequest;
    expect(requestKey(reordered)).toBe(requestKey(base));
    const withCall = (id: string): ChatRequest => ({
      ...base,
      messages: [...base.messages, { role: 'assistant', content: '', toolCalls: [{ id, name: 'a_tool', args: { q: 1 }, rawArgs: '{"q":1}' }] }],
    });
    expect(requestKey(withCall('call_1'))).toBe(requestKey(withCall('call_zz')));
  });
  it('changes when the meaning changes', () => {
    const k = requestKey(base);
    expect(requestKey({ ...base, model: 'm2' })).not.toBe(k);
    expect(requestKey({ ...base, temperature: 0.7 })).not.toBe(k);
    expect(requestKey({ ...base, messages: [...base.messages.slice(0, 1), { role: 'user', content: 'What is the capital of Spain?' }] })).not.toBe(k);
    expect(requestKey({ ...base, tools: base.tools!.slice(0, 1) })).not.toBe(k);
    expect(requestKey({ ...base, messages: [{ role: 'user', content: 'You are terse.' }, base.messages[1]!] })).not.toBe(k);
  });
});

describe('createResponseCache', () => {
  it('stores and returns responses on a Map, and expires them after ttlMs', async () => {
    let now = 1_000;
    const store = new Map<string, unknown>();
    const cache = createResponseCache({ store, ttlMs: 500, now: () => now });
    expect(await cache.get(base)).toBeUndefined();
    await cache.set(base, answer('Paris'));
    expect(store.size).toBe(1);
    expect([...store.keys()][0]).toBe(`graft:response:${requestKey(base)}`);
    expect((await cache.get({ ...base, messages: [...base.messages] }))?.text).toBe('Paris');
    now += 499;
    expect((await cache.get(base))?.text).toBe('Paris');
    now += 1;
    expect(await cache.get(base)).toBeUndefined();
  });

  it('persists on a real SQLite GraftStore namespace across store instances', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'graft-cache-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'cache.sqlite');
    const s1 = createStore({ sqlite: file });
    await createResponseCache({ store: s1.namespace('cache') }).set(base, answer('Paris'));
    await s1.close();
    const s2 = createStore({ sqlite: file });
    const hit = await createResponseCache({ store: s2.namespace('cache') }).get(base);
    expect(hit?.text).toBe('Paris');
    expect(await createResponseCache({ store: s2.namespace('other') }).get(base)).toBeUndefined();
    await s2.close();
  });

  it('rejects a non-positive TTL with a typed error', () => {
    expect(() => createResponseCache({ store: new Map(), ttlMs: 0 })).toThrowError(expect.objectContaining({ code: 'GUARD_INVALID_OPTIONS' }));
  });
});

describe('withResponseCache', () => {
  it('answers the second identical request from the cache without calling the provider', async () => {
    let calls = 0;
    const inner: ChatProvider = {
      id: 'counting',
      model: 'm1',
      async chat() {
        calls++;
        return answer(`answer ${calls}`);
      },
      stream() {
        throw new Error('not used');
      },
    };
    const p = withResponseCache(inner, createResponseCache({ store: new Map() }));
    const first = await p.chat(base);
    const second = await p.chat({ ...base, messages: base.messages.map((m) => ({ ...m, content: `  ${m.content}  ` })) });
    expect(calls).toBe(1);
    expect(second.text).toBe(first.text);
    expect(second.latencyMs).toBe(0);
    await p.chat({ ...base, temperature: 1 });
    expect(calls).toBe(2);
  });
  it('does not cache truncated answers', async () => {
    let calls = 0;
    const inner: ChatProvider = {
      id: 'len',
      model: 'm1',
      async chat() {
        calls++;
        return { ...answer('cut'), finishReason: 'length' };
      },
      stream() {
        throw new Error('not used');
      },
    };
    const p = withResponseCache(inner, createResponseCache({ store: new Map() }));
    await p.chat(base);
    await p.chat(base);
    expect(calls).toBe(2);
  });
});
