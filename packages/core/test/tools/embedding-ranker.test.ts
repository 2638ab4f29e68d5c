/** The embedding ranker over a provider's real `/embeddings` (mock server), with vectors cached in the store. */
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Agent, createStore, defineTool, embeddingRanker, type Tool } from '@graft/core';
import { hashEmbedder } from '@graft/core/testing';
import { openaiCompatible } from '@graft/providers';
import { createMockServer, reply, type MockServer } from '@graft/providers/testing';

const TOPICS = ['weather forecast rain', 'stock share price', 'bank statement csv', 'translate text language', 'play music playlist', 'calendar meeting event'];

function tools(n: number): Tool[] {
  return Array.from({ length: n }, (_, i) =>
    defineTool({ name: `tool_${i}`, description: `${TOPICS[i % TOPICS.length]} (variant ${i})`, input: z.object({}), execute: () => `ran ${i}` }),
  );
}

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('embeddingRanker', () => {
  it('embeds each tool once through /embeddings, caches vectors in the store, and only embeds what changed', async () => {
    const hash = hashEmbedder();
    server = await createMockServer({ embeddings: (inputs) => hash(inputs) });
    const provider = openaiCompatible({ baseURL: server.url, model: 'm', embeddingModel: 'embed-1' });
    const store = createStore();
    const ranker = embeddingRanker({ embed: async (t) => (await provider.embed(t)).vectors, model: 'embed-1', store });
    const list = tools(30);
    const top = await ranker.rank('will it rain tomorrow? weather forecast', list, 5);
    expect(top.map((r) => Number(r.name.slice(5)) % TOPICS.length)).toEqual([0, 0, 0, 0, 0]);
    const embedded = server.embeddingRequests.flatMap((r) => r.body.input as string[]);
    expect(embedded.length).toBe(31); // 30 tools + 1 query
    expect((await store.namespace('tool-embeddings').keys()).length).toBe(30);

    // one tool installed, one removed: only the new one is embedded, the removed one's vector is deleted
    const next = [...list.slice(1), ...tools(31).slice(30)];
    server.reset();
    await ranker.rank('stock price', next, 3);
    expect(server.embeddingRequests.flatMap((r) => r.body.input as string[]).length).toBe(2); // new tool + query
    expect((await store.namespace('tool-embeddings').keys()).length).toBe(30);

    // a second ranker (another instance, after a restart) reads the vectors from the store
    server.reset();
    const again = embeddingRanker({ embed: async (t) => (await provider.embed(t)).vectors, model: 'embed-1', store });
    await again.rank('stock price', next, 3);
    expect(server.embeddingRequests.flatMap((r) => r.body.input as string[])).toEqual(['stock price']);
  });

  it('watching a tool source embeds installed tools and deletes uninstalled ones without waiting for a step', async () => {
    const hash = hashEmbedder();
    server = await createMockServer({ embeddings: (inputs) => hash(inputs) });
    const provider = openaiCompatible({ baseURL: server.url, model: 'm', embeddingModel: 'e' });
    const store = createStore();
    const ranker = embeddingRanker({ embed: async (t) => (await provider.embed(t)).vectors, model: 'e', store });
    let list = tools(5);
    const listeners = new Set<() => void>();
    const stop = ranker.watch({ list: () => list, subscribe: (l) => (listeners.add(l), () => listeners.delete(l)) });
    const keys = () => store.namespace('tool-embeddings').keys();
    for (let i = 0; i < 50 && (await keys()).length < 5; i++) await new Promise((r) => setTimeout(r, 10));
    expect((await keys()).length).toBe(5);
    list = [...list.slice(2), ...tools(8).slice(5)]; // two uninstalled, three installed
    for (const l of listeners) l();
    for (let i = 0; i < 50 && server.embeddingRequests.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    for (let i = 0; i < 50 && (await keys()).length !== 6; i++) await new Promise((r) => setTimeout(r, 10));
    expect((await keys()).length).toBe(6);
    expect(server.embeddingRequests[1].body.input).toHaveLength(3);
    stop();
    expect(listeners.size).toBe(0);
  });

  it('falls back to BM25 when the embeddings endpoint fails: the agent run still works', async () => {
    server = await createMockServer({ embeddings: () => reply.error(503, 'overloaded') });
    const provider = openaiCompatible({ baseURL: server.url, model: 'm', embeddingModel: 'e', maxRetries: 0 });
    const errors: unknown[] = [];
    const ranker = embeddingRanker({ embed: async (t) => (await provider.embed(t)).vectors, model: 'e', onError: (e) => errors.push(e) });
    server.enqueue(reply.text('ok'));
    const agent = new Agent({ provider, tools: tools(40), toolRetrieval: { ranker, maxTools: 4 } });
    const r = await agent.run('translate this text into another language');
    expect(r.status).toBe('done');
    expect(errors.length).toBeGreaterThan(0);
    const sent = (server.chatRequests[0].body.tools as Array<{ function: { name: string } }>).map((t) => t.function.name);
    expect(sent.length).toBeLessThanOrEqual(5);
    expect(sent.filter((n) => n.startsWith('tool_')).every((n) => Number(n.slice(5)) % TOPICS.length === 3)).toBe(true);
  });
});
