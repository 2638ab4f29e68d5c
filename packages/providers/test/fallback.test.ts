import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError, fallback, openaiCompatible, CircuitBreaker, type SwitchInfo } from '@graft/providers';
import { ScriptedProvider, createMockServer, reply, type MockServer } from '@graft/providers/testing';
import { ask, collect, rejectionOf, streamAll } from './helpers.js';

// Two real mock servers stand for two vendors.
let a: MockServer;
let b: MockServer;
beforeAll(async () => {
  [a, b] = await Promise.all([createMockServer(), createMockServer()]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});

const http = (server: MockServer, id: string) => openaiCompatible({ baseURL: server.url, model: `${id}-model`, id, maxRetries: 0 });
const err = (code: ProviderError['code'], provider = 'p') => new ProviderError(code, `${code} failure`, { provider });

describe('fallback over HTTP', () => {
  it('switches to the next provider on 5xx and reports the switch', async () => {
    a.reset();
    b.reset();
    a.enqueue(reply.error(503, 'down'));
    b.enqueue(reply.text('from b'));
    const switches: SwitchInfo[] = [];
    const chain = fallback([http(a, 'a'), http(b, 'b')], { onSwitch: (s) => switches.push(s) });
    const r = await chain.chat(ask());
    expect([r.text, r.provider]).toEqual(['from b', 'b']);
    expect(switches).toHaveLength(1);
    expect(switches[0]).toMatchObject({ from: 'a', to: 'b' });
    expect((switches[0].error as ProviderError).code).toBe('UNAVAILABLE');
    expect([a.chatRequests.length, b.chatRequests.length]).toEqual([1, 1]);
    expect(chain.id).toBe('fallback(a,b)');
  });

  it('switches on AUTH (one vendor key is wrong) and on RATE_LIMITED', async () => {
    a.reset();
    b.reset();
    a.enqueue(reply.error(401), reply.rateLimited({ retryAfter: 20 }));
    b.enqueue(reply.text('b1'), reply.text('b2'));
    const chain = fallback([http(a, 'a'), http(b, 'b')]);
    expect((await chain.chat(ask())).text).toBe('b1');
    expect((await chain.chat(ask())).text).toBe('b2');
  });

  it('does not switch on BAD_REQUEST: the request itself is wrong', async () => {
    a.reset();
    b.reset();
    a.enqueue(reply.error(400, 'bad schema'));
    const switches: SwitchInfo[] = [];
    const e = await rejectionOf(fallback([http(a, 'a'), http(b, 'b')], { onSwitch: (s) => switches.push(s) }).chat(ask()));
    expect(e.code).toBe('BAD_REQUEST');
    expect(switches).toHaveLength(0);
    expect(b.chatRequests).toHaveLength(0);
  });

  it('throws the last error when every provider fails', async () => {
    a.reset();
    b.reset();
    a.enqueue(reply.error(500));
    b.enqueue(reply.error(502));
    const e = await rejectionOf(fallback([http(a, 'a'), http(b, 'b')]).chat(ask()));
    expect([e.code, e.provider, e.status]).toEqual(['UNAVAILABLE', 'b', 502]);
  });

  it('streams fall back before the first event', async () => {
    a.reset();
    b.reset();
    a.enqueue(reply.error(503));
    b.enqueue(reply.text('streamed by b'));
    const switches: SwitchInfo[] = [];
    const { response } = await streamAll(fallback([http(a, 'a'), http(b, 'b')], { onSwitch: (s) => switches.push(s) }), ask());
    expect(response.text).toBe('streamed by b');
    expect(switches.map((s) => [s.from, s.to])).toEqual([['a', 'b']]);
  });

  it('streams do not fall back after an event was yielded', async () => {
    a.reset();
    b.reset();
    a.enqueue(reply.cut(3, reply.text('partial answer here', { chunkSize: 4 })));
    b.enqueue(reply.text('must not be used'));
    const texts: string[] = [];
    const e = await rejectionOf(
      (async () => {
        for await (const ev of fallback([http(a, 'a'), http(b, 'b')]).stream(ask())) if (ev.type === 'text-delta') texts.push(ev.text);
      })(),
    );
    expect(e.code).toBe('UNAVAILABLE');
    expect(texts.join('')).toBe('partial ');
    expect(b.chatRequests).toHaveLength(0);
  });

  it('does not switch when the caller aborts', async () => {
    a.reset();
    b.reset();
    a.enqueue(reply.hang());
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const e = await rejectionOf(fallback([http(a, 'a'), http(b, 'b')]).chat(ask('x', { signal: controller.signal })));
    expect(e.code).toBe('ABORTED');
    expect(b.chatRequests).toHaveLength(0);
  });
});

describe('circuit breaker', () => {
  it('opens after N consecutive failures, skips the provider, half-opens after the cool-down, closes on success', async () => {
    let now = 1_000;
    const first = new ScriptedProvider([err('UNAVAILABLE'), err('UNAVAILABLE'), 'recovered'], { id: 'first' });
    const second = new ScriptedProvider(
      Array.from({ length: 10 }, (_, i) => `second ${i}`),
      { id: 'second' },
    );
    const chain = fallback([first, second], { breaker: { failureThreshold: 2, cooldownMs: 5_000, now: () => now } });

    expect((await chain.chat(ask())).text).toBe('second 0');
    expect(chain.breakerState(0)).toBe('closed');
    expect((await chain.chat(ask())).text).toBe('second 1');
    expect(chain.breakerState(0)).toBe('open');

    // Open: the first provider is not even asked.
    expect((await chain.chat(ask())).text).toBe('second 2');
    expect(first.requests).toHaveLength(2);

    now += 5_000;
    expect(chain.breakerState(0)).toBe('half-open');
    expect((await chain.chat(ask())).text).toBe('recovered');
    expect(chain.breakerState(0)).toBe('closed');
    expect(first.requests).toHaveLength(3);
  });

  it('re-opens when the half-open trial fails', async () => {
    let now = 0;
    const first = new ScriptedProvider([err('TIMEOUT'), err('TIMEOUT')], { id: 'first' });
    const second = new ScriptedProvider(['s0', 's1', 's2'], { id: 'second' });
    const chain = fallback([first, second], { breaker: { failureThreshold: 1, cooldownMs: 100, now: () => now } });
    await chain.chat(ask());
    expect(chain.breakerState(0)).toBe('open');
    now = 100;
    await chain.chat(ask());
    expect(first.requests).toHaveLength(2);
    expect(chain.breakerState(0)).toBe('open');
    await chain.chat(ask());
    expect(first.requests).toHaveLength(2);
  });

  it('lets only one trial through while half-open', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 10, now: () => now });
    breaker.failure();
    expect(breaker.tryAcquire()).toBe(false);
    now = 10;
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.success();
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('a success resets the consecutive-failure count', async () => {
    const first = new ScriptedProvider([err('UNAVAILABLE'), 'ok', err('UNAVAILABLE')], { id: 'first' });
    const second = new ScriptedProvider(['s', 's'], { id: 'second' });
    const chain = fallback([first, second], { breaker: { failureThreshold: 2 } });
    for (let i = 0; i < 3; i++) await chain.chat(ask());
    expect(chain.breakerState(0)).toBe('closed');
  });

  it('throws a typed UNAVAILABLE when every circuit is open', async () => {
    const now = 0;
    const one = new ScriptedProvider([err('UNAVAILABLE')], { id: 'one' });
    const chain = fallback([one], { breaker: { failureThreshold: 1, cooldownMs: 60_000, now: () => now } });
    await rejectionOf(chain.chat(ask()));
    const e = await rejectionOf(chain.chat(ask()));
    expect([e.code, e.retryable, e.retryAfterMs]).toEqual(['UNAVAILABLE', true, 60_000]);
    expect(e.message).toMatch(/circuit is open/);
    const s = await rejectionOf(collect(chain.stream(ask())));
    expect(s.code).toBe('UNAVAILABLE');
  });

  it('CONTEXT_LENGTH switches to the next model without counting as a failure', async () => {
    const small = new ScriptedProvider([err('CONTEXT_LENGTH'), err('CONTEXT_LENGTH')], { id: 'small' });
    const big = new ScriptedProvider(['big 1', 'big 2'], { id: 'big' });
    const chain = fallback([small, big], { breaker: { failureThreshold: 1 } });
    expect((await chain.chat(ask())).text).toBe('big 1');
    expect(chain.breakerState(0)).toBe('closed');
  });
});
