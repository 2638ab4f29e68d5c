import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openaiCompatible, type ChatRequest, type StreamEvent } from '@graft/providers';
import { createMockServer, reply, type MockServer } from '@graft/providers/testing';
import { createRouter, type RouteDecision } from '@graft/core';

/** Two real HTTP servers on 127.0.0.1, one per tier, reached through the real OpenAI-compatible client. */
let standardServer: MockServer;
let heavyServer: MockServer;
const provider = (server: MockServer, id: string, model: string) => openaiCompatible({ baseURL: server.url, model, id, maxRetries: 0, timeoutMs: 5_000 });
const tiers = () => ({
  standard: provider(standardServer, 'standard-srv', 'small-model'),
  heavy: provider(heavyServer, 'heavy-srv', 'large-model'),
});
const ask = (text: string, system = 'You are the assistant of ACME.'): ChatRequest => ({
  messages: [
    { role: 'system', content: system },
    { role: 'user', content: text },
  ],
});

beforeAll(async () => {
  standardServer = await createMockServer();
  heavyServer = await createMockServer();
});
afterAll(async () => {
  await Promise.all([standardServer.close(), heavyServer.close()]);
});
beforeEach(() => {
  standardServer.reset();
  heavyServer.reset();
});

describe('router over real HTTP', () => {
  it('escalates to the heavy tier when the standard tier answers 500', async () => {
    standardServer.enqueue(reply.error(500, 'internal error'));
    heavyServer.enqueue(reply.text('Lima.'));
    const decisions: RouteDecision[] = [];
    const router = createRouter({ tiers: tiers(), onDecision: (d) => decisions.push(d) });

    const result = await router.chat(ask('What is the capital of Peru?'));
    expect(result.text).toBe('Lima.');
    expect(result.model).toBe('large-model');
    expect(standardServer.chatRequests).toHaveLength(1);
    expect(heavyServer.chatRequests).toHaveLength(1);
    expect(heavyServer.chatRequests[0].body.model).toBe('large-model');
    expect(decisions).toEqual([
      expect.objectContaining({ category: 'chat', tier: 'standard', provider: 'standard-srv', model: 'small-model' }),
      expect.objectContaining({
        category: 'chat',
        tier: 'heavy',
        provider: 'heavy-srv',
        model: 'large-model',
        escalatedFrom: 'standard',
        source: 'escalation',
        reason: 'tier "standard" failed: UNAVAILABLE (HTTP 500)',
      }),
    ]);
  });

  it('streams from the heavy tier when the standard tier answers 503 before any event', async () => {
    standardServer.enqueue(reply.error(503, 'overloaded'));
    heavyServer.enqueue(reply.text('Streaming from heavy.'));
    const router = createRouter({ tiers: tiers() });
    const stream = router.stream(ask('hello'));
    const events: StreamEvent[] = [];
    for await (const e of stream) events.push(e);
    const finish = events.at(-1);
    expect(finish?.type === 'finish' && finish.response.text).toBe('Streaming from heavy.');
    expect(heavyServer.chatRequests[0].body.stream).toBe(true);
    expect(stream.decisions.map((d) => [d.tier, d.escalatedFrom])).toEqual([
      ['standard', undefined],
      ['heavy', 'standard'],
    ]);
  });

  it('escalates an empty answer (low confidence) from standard to heavy', async () => {
    standardServer.enqueue(reply.text(''));
    heavyServer.enqueue(reply.text('Here is a full answer.'));
    const result = await createRouter({ tiers: tiers() }).chat(ask('Explain monads'));
    expect(result.text).toBe('Here is a full answer.');
    expect(result.decision.reason).toMatch(/low-confidence/);
  });

  it('asks the model classifier on the standard tier when rules are unsure, then routes by its answer', async () => {
    standardServer.enqueue(reply.text('coding'));
    heavyServer.enqueue(reply.text('Use a trie.'));
    const router = createRouter({ tiers: tiers(), classify: 'model' });
    const request = ask('My autocomplete is slow with a million words; what structure should I use?', 'SYSTEM-CANARY-7731');

    const result = await router.chat(request);
    expect(result.decision).toMatchObject({ category: 'coding', tier: 'heavy', source: 'model' });
    expect(result.decision.reason).toMatch(/model classifier answered "coding"/);
    expect(result.text).toBe('Use a trie.');
    // The classifier call: our instruction plus the user's message only, small and deterministic.
    const classifierCall = standardServer.chatRequests[0].body;
    expect(classifierCall.model).toBe('small-model');
    expect(classifierCall.messages).toHaveLength(2);
    expect(classifierCall.messages[0].content).toMatch(/module_generation/);
    expect(classifierCall.messages[1].content).toBe(request.messages[1].content);
    expect(JSON.stringify(classifierCall)).not.toContain('SYSTEM-CANARY-7731');
    expect(classifierCall.temperature).toBe(0);
    // The real request went to heavy with the app's system prompt intact.
    expect(heavyServer.chatRequests[0].body.messages[0].content).toBe('SYSTEM-CANARY-7731');
  });

  it('skips the classifier when rules are confident, and falls back to rules when it fails or rambles', async () => {
    const router = createRouter({ tiers: tiers(), classify: 'model' });
    heavyServer.enqueue(reply.text('function add(a, b) { return a + b }'));
    await router.chat(ask('Write a function that adds two numbers'));
    expect(standardServer.chatRequests).toHaveLength(0);

    standardServer.enqueue(reply.error(500), reply.text('Hello!'));
    const failed = await router.chat(ask('Tell me about Rome'));
    expect(failed.decision).toMatchObject({ category: 'chat', tier: 'standard', source: 'default' });
    expect(failed.decision.reason).toMatch(/classifier call failed \(UNAVAILABLE\), kept the rules' answer/);

    standardServer.enqueue(reply.text('I think this is about history, very interesting!'), reply.text('Rome was founded…'));
    const rambling = await router.chat(ask('Tell me about Rome'));
    expect(rambling.decision.reason).toMatch(/answer named no known category/);
    expect(rambling.text).toBe('Rome was founded…');
  });

  it('never puts prompt text or server error text into decisions (canary)', async () => {
    standardServer.enqueue(reply.error(500, 'upstream said: USER-CANARY-5521'));
    heavyServer.enqueue(reply.text('ok'));
    const seen: RouteDecision[] = [];
    const router = createRouter({ tiers: tiers() });
    router.on('decision', (d) => seen.push(d));
    await router.chat(ask('my password is USER-CANARY-5521, what is 2+2?'));
    expect(seen).toHaveLength(2);
    expect(JSON.stringify(seen)).not.toContain('USER-CANARY-5521');
  });
});
