import { describe, expect, it } from 'vitest';
import { ProviderError, type ChatRequest, type ChatResponse, type StreamEvent } from '@graft/providers';
import { ScriptedProvider } from '@graft/providers/testing';
import { createRouter, type RouteDecision } from '@graft/core';

const ask = (text: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({ messages: [{ role: 'user', content: text }], ...extra });
const unavailable = (id: string) => new ProviderError('UNAVAILABLE', `${id} is down`, { provider: id, status: 503 });

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const e of stream) events.push(e);
  return events;
}

describe('escalation (in-process providers)', () => {
  it('escalates on a low-confidence (empty) answer and emits both decisions with every field', async () => {
    const standard = new ScriptedProvider([{ text: '' }], { id: 'std', model: 'small' });
    const heavy = new ScriptedProvider(['A real answer.'], { id: 'big', model: 'large' });
    const fromCallback: RouteDecision[] = [];
    const fromEvents: RouteDecision[] = [];
    const router = createRouter({ tiers: { standard, heavy }, onDecision: (d) => fromCallback.push(d) });
    router.on('decision', (d) => fromEvents.push(d));

    const result = await router.chat(ask('What is the capital of Peru?'));
    expect(result.text).toBe('A real answer.');
    expect(result.decisions).toEqual([
      {
        category: 'chat',
        tier: 'standard',
        provider: 'std',
        model: 'small',
        reason: expect.stringMatching(/rule/),
        confidence: expect.any(Number),
        source: 'default',
      },
      {
        category: 'chat',
        tier: 'heavy',
        provider: 'big',
        model: 'large',
        confidence: expect.any(Number),
        source: 'escalation',
        reason: 'low-confidence answer from "standard" (finish: stop)',
        escalatedFrom: 'standard',
      },
    ]);
    expect(result.decision).toBe(result.decisions[1]);
    expect(fromCallback).toEqual(result.decisions);
    expect(fromEvents).toEqual(result.decisions);
  });

  it('escalates on an answer cut by the token limit, and uses a custom isLowConfidence', async () => {
    const cut = createRouter({
      tiers: {
        standard: new ScriptedProvider([{ text: 'The answer is', finishReason: 'length' }], { id: 'std' }),
        heavy: new ScriptedProvider(['The answer is 42.'], { id: 'big' }),
      },
    });
    expect((await cut.chat(ask('hi'))).text).toBe('The answer is 42.');

    const custom = createRouter({
      tiers: {
        standard: new ScriptedProvider(['I am not sure.'], { id: 'std' }),
        heavy: new ScriptedProvider(['Certainly: 42.'], { id: 'big' }),
      },
      escalation: { isLowConfidence: (r) => /not sure/i.test(r.text) },
    });
    expect((await custom.chat(ask('hi'))).text).toBe('Certainly: 42.');
  });

  it("returns the last tier's answer when even it is low-confidence, and can switch the check off", async () => {
    const router = createRouter({
      tiers: { standard: new ScriptedProvider([''], { id: 'std' }), heavy: new ScriptedProvider([''], { id: 'big' }) },
    });
    const result = await router.chat(ask('hi'));
    expect(result.decisions.map((d) => d.tier)).toEqual(['standard', 'heavy']);
    expect(result.text).toBe('');

    const standard = new ScriptedProvider([''], { id: 'std' });
    const off = createRouter({ tiers: { standard, heavy: new ScriptedProvider([], { id: 'big' }) }, escalation: { onLowConfidence: false } });
    expect((await off.chat(ask('hi'))).decisions.map((d) => d.tier)).toEqual(['standard']);
  });

  it('escalates on a provider error, per the onError policy, and never on a caller abort', async () => {
    const retryable = createRouter({
      tiers: { standard: new ScriptedProvider([unavailable('std')], { id: 'std' }), heavy: new ScriptedProvider(['ok'], { id: 'big' }) },
      escalation: { onError: 'retryable' },
    });
    const r = await retryable.chat(ask('hi'));
    expect(r.text).toBe('ok');
    expect(r.decision.reason).toBe('tier "standard" failed: UNAVAILABLE (HTTP 503)');

    const auth = new ProviderError('AUTH', 'bad key', { provider: 'std', status: 401 });
    const strict = createRouter({
      tiers: { standard: new ScriptedProvider([auth], { id: 'std' }), heavy: new ScriptedProvider(['never'], { id: 'big' }) },
      escalation: { onError: 'retryable' },
    });
    await expect(strict.chat(ask('hi'))).rejects.toBe(auth);

    const controller = new AbortController();
    const heavy = new ScriptedProvider(['never'], { id: 'big' });
    const aborting = createRouter({
      tiers: { standard: new ScriptedProvider([{ text: 'slow', delayMs: 1_000 }], { id: 'std' }), heavy },
    });
    const pending = aborting.chat(ask('hi', { signal: controller.signal }));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
    expect(heavy.requests).toHaveLength(0);
  });

  it("rethrows the top tier's error when every tier fails", async () => {
    const last = unavailable('big');
    const router = createRouter({
      tiers: { standard: new ScriptedProvider([unavailable('std')], { id: 'std' }), heavy: new ScriptedProvider([last], { id: 'big' }) },
    });
    const seen: RouteDecision[] = [];
    router.on('decision', (d) => seen.push(d));
    await expect(router.chat(ask('hi'))).rejects.toBe(last);
    expect(seen.map((d) => d.tier)).toEqual(['standard', 'heavy']);
  });

  it('starts one tier up on escalate: true and does not go past the top tier', async () => {
    const standard = new ScriptedProvider([], { id: 'std' });
    const heavy = new ScriptedProvider([''], { id: 'big' });
    const router = createRouter({ tiers: { standard, heavy } });
    const result = await router.chat(ask('hello'), { escalate: true });
    expect(result.decisions).toHaveLength(1);
    expect(result.decision).toMatchObject({ tier: 'heavy', escalatedFrom: 'standard' });
    expect(standard.requests).toHaveLength(0);
  });

  it("sends tiers the request without the caller's model, so each tier answers with its own", async () => {
    const heavy = new ScriptedProvider(['ok'], { id: 'big', model: 'large' });
    const router = createRouter({ tiers: { standard: new ScriptedProvider([], { id: 'std' }), heavy } });
    await router.chat(ask('Write a function that adds', { model: 'caller-model' }));
    expect(heavy.requests[0].model).toBeUndefined();
  });

  it('a throwing listener or check does not break routing', async () => {
    const router = createRouter({
      tiers: { standard: new ScriptedProvider(['fine'], { id: 'std' }), heavy: new ScriptedProvider([], { id: 'big' }) },
      onDecision: () => {
        throw new Error('listener bug');
      },
      escalation: {
        isLowConfidence: () => {
          throw new Error('check bug');
        },
      },
    });
    router.on('decision', () => {
      throw new Error('listener bug 2');
    });
    expect((await router.chat(ask('hi'))).text).toBe('fine');
  });

  it('streams: escalates on a failure before the first event', async () => {
    const router = createRouter({
      tiers: { standard: new ScriptedProvider([unavailable('std')], { id: 'std' }), heavy: new ScriptedProvider(['streamed from heavy'], { id: 'big' }) },
    });
    const stream = router.stream(ask('hi'));
    const events = await collect(stream);
    const finish = events.at(-1);
    expect(finish?.type).toBe('finish');
    expect(finish?.type === 'finish' && finish.response.text).toBe('streamed from heavy');
    expect(stream.decisions.map((d) => d.tier)).toEqual(['standard', 'heavy']);
  });

  it('reports decisions to a per-call onDecision, and the result is a plain ChatResponse plus decisions', async () => {
    const router = createRouter({
      tiers: { standard: new ScriptedProvider([unavailable('std')], { id: 'std' }), heavy: new ScriptedProvider(['ok'], { id: 'big', model: 'large' }) },
    });
    // What an agent needs from a router: provider-like calls with a per-call decision hook.
    const agentView: {
      chat(r: ChatRequest, o?: { onDecision?: (d: { tier?: string; provider: string; model: string; reason?: string }) => void }): Promise<ChatResponse>;
    } = router;
    const perCall: Array<string | undefined> = [];
    const response = await agentView.chat(ask('hi'), { onDecision: (d) => perCall.push(d.tier) });
    expect(perCall).toEqual(['standard', 'heavy']);
    expect(response).toMatchObject({ text: 'ok', model: 'large', provider: 'big', finishReason: 'stop' });
  });

  it('asProvider() is a ChatProvider that routes chat and stream', async () => {
    const standard = new ScriptedProvider(['chat answer', 'stream answer'], { id: 'std', model: 'small' });
    const router = createRouter({ tiers: { standard, heavy: new ScriptedProvider([], { id: 'big', model: 'large' }) } });
    const provider = router.asProvider();
    expect(provider.id).toBe('router(standard,heavy)');
    expect(provider.model).toBe('small');
    const answer = await provider.chat(ask('hello'));
    expect(answer.text).toBe('chat answer');
    expect(answer).not.toHaveProperty('decisions');
    const events = await collect(provider.stream(ask('hello')));
    expect(
      events
        .filter((e) => e.type === 'text-delta')
        .map((e) => (e as { text: string }).text)
        .join(''),
    ).toBe('stream answer');
  });
});
