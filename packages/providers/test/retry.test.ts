import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ProviderError, openaiCompatible, retryDelay, parseRetryAfter, type OpenAICompatibleOptions, type RetryInfo } from '@graft/providers';
import { createMockServer, reply, type MockServer } from '@graft/providers/testing';
import { ask, collect, rejectionOf, streamAll } from './helpers.js';

let server: MockServer;
beforeAll(async () => {
  server = await createMockServer();
});
afterAll(() => server.close());
afterEach(() => {
  vi.useRealTimers();
});

/**
 * Runs `call` with fake timers (the HTTP traffic keeps real time), waits until the provider
 * reports its retry, then skips the whole wait at once: tests that check a multi-second
 * Retry-After do not spend those seconds.
 */
async function skippingRetryWait<T>(retries: RetryInfo[], call: () => Promise<T>): Promise<{ result: T; waitedMs: number }> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], shouldAdvanceTime: true });
  const started = Date.now();
  const pending = call();
  await vi.waitFor(() => expect(retries).toHaveLength(1), { timeout: 5_000, interval: 5 });
  await vi.advanceTimersByTimeAsync(retries[0]!.delayMs);
  const result = await pending;
  return { result, waitedMs: Date.now() - started };
}

const fast = { initialMs: 5, maxMs: 20 };
function provider(o: Partial<OpenAICompatibleOptions> = {}) {
  const retries: RetryInfo[] = [];
  const p = openaiCompatible({ baseURL: server.url, model: 'm', backoff: fast, onRetry: (i) => retries.push(i), ...o });
  return { p, retries };
}

describe('retries', () => {
  it('retries 5xx and succeeds, counting attempts on the server', async () => {
    server.reset();
    server.enqueue(reply.error(503), reply.error(500), reply.text('finally'));
    const { p, retries } = provider({ maxRetries: 2 });
    expect((await p.chat(ask())).text).toBe('finally');
    expect(server.chatRequests).toHaveLength(3);
    expect(retries.map((r) => [r.retry, r.error.code])).toEqual([
      [1, 'UNAVAILABLE'],
      [2, 'UNAVAILABLE'],
    ]);
  });

  it('gives up after maxRetries and reports the attempts', async () => {
    server.reset();
    server.enqueue(reply.error(503), reply.error(503), reply.error(503));
    const e = await rejectionOf(provider({ maxRetries: 1 }).p.chat(ask()));
    expect([e.code, e.attempts]).toEqual(['UNAVAILABLE', 2]);
    expect(server.chatRequests).toHaveLength(2);
    server.reset();
  });

  it('retries by default twice (3 attempts)', async () => {
    server.reset();
    server.enqueue(reply.error(502), reply.error(502), reply.error(502), reply.text('unused'));
    const e = await rejectionOf(provider().p.chat(ask()));
    expect(e.attempts).toBe(3);
    expect(server.chatRequests).toHaveLength(3);
    server.reset();
  });

  it.each([
    [401, 'AUTH'],
    [403, 'AUTH'],
    [400, 'BAD_REQUEST'],
    [422, 'BAD_REQUEST'],
  ])('never retries HTTP %i (%s)', async (status, code) => {
    server.reset();
    server.enqueue(reply.error(status), reply.text('must not be used'));
    const { p, retries } = provider({ maxRetries: 3 });
    const e = await rejectionOf(p.chat(ask()));
    expect(e.code).toBe(code);
    expect(server.chatRequests).toHaveLength(1);
    expect(retries).toHaveLength(0);
    server.reset();
  });

  it('retries connection errors and timeouts', async () => {
    server.reset();
    server.enqueue(reply.hang(), reply.text('after timeout'));
    const { p, retries } = provider({ timeoutMs: 100 });
    expect((await p.chat(ask())).text).toBe('after timeout');
    expect(retries[0].error.code).toBe('TIMEOUT');
  });

  it('honours Retry-After in seconds', async () => {
    server.reset();
    server.enqueue(reply.rateLimited({ retryAfter: 1 }), reply.text('ok'));
    const { p, retries } = provider();
    const { result, waitedMs } = await skippingRetryWait(retries, () => p.chat(ask()));
    expect(result.text).toBe('ok');
    expect(retries.map((r) => r.delayMs)).toEqual([1000]);
    expect(waitedMs).toBeGreaterThanOrEqual(1000);
  });

  it('honours retry-after-ms over Retry-After', async () => {
    server.reset();
    server.enqueue(reply.rateLimited({ retryAfterMs: 120, retryAfter: 30 }), reply.text('ok'));
    const { p, retries } = provider();
    const started = Date.now();
    await p.chat(ask());
    expect(retries.map((r) => r.delayMs)).toEqual([120]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('honours Retry-After as an HTTP date', async () => {
    server.reset();
    server.enqueue(reply.rateLimited({ retryAfter: new Date(Date.now() + 2000).toUTCString() }), reply.text('ok'));
    const { p, retries } = provider();
    const { result, waitedMs } = await skippingRetryWait(retries, () => p.chat(ask()));
    expect(result.text).toBe('ok');
    expect(waitedMs).toBeGreaterThanOrEqual(retries[0].delayMs);
    expect(retries[0].delayMs).toBeGreaterThan(0);
    expect(retries[0].delayMs).toBeLessThanOrEqual(2000);
  });

  it('does not wait for a Retry-After beyond the limit: throws at once with retryAfterMs', async () => {
    server.reset();
    server.enqueue(reply.rateLimited({ retryAfter: 120 }), reply.text('unused'));
    const e = await rejectionOf(provider({ backoff: { ...fast, maxRetryAfterMs: 5000 } }).p.chat(ask()));
    expect([e.code, e.retryAfterMs, e.attempts]).toEqual(['RATE_LIMITED', 120_000, 1]);
    expect(server.chatRequests).toHaveLength(1);
    server.reset();
  });

  it('backs off exponentially with jitter when the server gives no Retry-After', async () => {
    server.reset();
    server.enqueue(reply.error(500), reply.error(500), reply.error(500), reply.text('ok'));
    const { p, retries } = provider({ maxRetries: 3, backoff: { initialMs: 20, maxMs: 50, random: () => 0.5 } });
    await p.chat(ask());
    // base 20, 40, min(80, 50); equal jitter at 0.5 → 3/4 of the base
    expect(retries.map((r) => r.delayMs)).toEqual([15, 30, 38]);
  });

  it('stays within [base/2, base] for any jitter', () => {
    const e = new ProviderError('UNAVAILABLE', 'x', { provider: 'p' });
    for (const r of [0, 0.25, 0.999]) {
      const d = retryDelay(e, 3, { initialMs: 100, maxMs: 10_000, random: () => r })!;
      expect(d).toBeGreaterThanOrEqual(200);
      expect(d).toBeLessThanOrEqual(400);
    }
    expect(retryDelay(new ProviderError('AUTH', 'x', { provider: 'p' }), 1)).toBeUndefined();
  });

  it('parses Retry-After forms', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter({ 'retry-after': '3' }, now)).toBe(3000);
    expect(parseRetryAfter({ 'Retry-After': '0.5' }, now)).toBe(500);
    expect(parseRetryAfter({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }, now)).toBe(5000);
    expect(parseRetryAfter({ 'retry-after': 'Wed, 31 Dec 2025 00:00:05 GMT' }, now)).toBe(0);
    expect(parseRetryAfter({ 'retry-after-ms': '42', 'retry-after': '9' }, now)).toBe(42);
    expect(parseRetryAfter({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(parseRetryAfter(new Headers({ 'retry-after': '2' }), now)).toBe(2000);
  });

  it('can be aborted while waiting to retry', async () => {
    server.reset();
    server.enqueue(reply.rateLimited({ retryAfter: 30 }), reply.text('unused'));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const e = await rejectionOf(provider().p.chat(ask('x', { signal: controller.signal })));
    expect(e.code).toBe('ABORTED');
    expect(Date.now() - started).toBeLessThan(5000);
    server.reset();
  });
});

describe('stream retries', () => {
  it('retries a stream that failed before its first event', async () => {
    server.reset();
    server.enqueue(reply.error(503), reply.cut(0), reply.text('streamed fine'));
    const { p, retries } = provider({ maxRetries: 2 });
    const { response } = await streamAll(p, ask());
    expect(response.text).toBe('streamed fine');
    expect(server.chatRequests).toHaveLength(3);
    expect(retries.map((r) => r.error.code)).toEqual(['UNAVAILABLE', 'UNAVAILABLE']);
  });

  it('does not retry once events were yielded (the caller has seen them)', async () => {
    server.reset();
    server.enqueue(reply.cut(3, reply.text('abcdefghijklmnopqrstuvwxyz', { chunkSize: 4 })), reply.text('unused'));
    const seen: string[] = [];
    const e = await rejectionOf(
      (async () => {
        for await (const ev of provider({ maxRetries: 3 }).p.stream(ask())) if (ev.type === 'text-delta') seen.push(ev.text);
      })(),
    );
    expect(e.code).toBe('UNAVAILABLE');
    expect(seen).toEqual(['abcd', 'efgh']);
    expect(server.chatRequests).toHaveLength(1);
    server.reset();
  });

  it('does not retry a stream on AUTH', async () => {
    server.reset();
    server.enqueue(reply.error(401), reply.text('unused'));
    const e = await rejectionOf(collect(provider().p.stream(ask())));
    expect(e.code).toBe('AUTH');
    expect(server.chatRequests).toHaveLength(1);
    server.reset();
  });
});

describe('concurrency', () => {
  it('serves 50 concurrent calls (chat and stream), each getting its own answer', async () => {
    server.reset();
    server.setScript((req) => reply.text(`echo:${req.body.messages[0].content}`, { chunkSize: 3, delayMs: 5 }));
    const { p } = provider();
    const calls = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? p.chat(ask(`q${i}`)) : streamAll(p, ask(`q${i}`)).then((s) => s.response)));
    const results = await Promise.all(calls);
    results.forEach((r, i) => expect(r.text).toBe(`echo:q${i}`));
    expect(server.chatRequests).toHaveLength(50);
    server.setScript([]);
  });
});
