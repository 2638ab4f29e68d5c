import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageMeter, costOf, findPrice, openaiCompatible, type PriceTable } from '@graft/providers';
import { ScriptedProvider, createMockServer, reply, type MockServer } from '@graft/providers/testing';
import { ask, streamAll } from './helpers.js';

const prices: PriceTable = {
  'gpt-4.1-nano': { inputPerMTok: 0.1, outputPerMTok: 0.4, cachedInputPerMTok: 0.025 },
  'gpt-4.1': { inputPerMTok: 2, outputPerMTok: 8 },
};

let server: MockServer;
beforeAll(async () => {
  server = await createMockServer();
});
afterAll(() => server.close());

describe('cost accounting', () => {
  it('prices the answering model by the longest matching prefix (chat and stream)', async () => {
    const p = openaiCompatible({ baseURL: server.url, model: 'gpt-4.1-nano', prices, maxRetries: 0 });
    server.enqueue(reply.text('hi', { model: 'gpt-4.1-nano-2025-04-14', usage: { prompt: 1_000_000, completion: 500_000, cached: 200_000 } }));
    const r = await p.chat(ask());
    // 800k fresh × 0.1 + 200k cached × 0.025 + 500k × 0.4 = 0.08 + 0.005 + 0.2
    expect(r.usage.costUsd).toBeCloseTo(0.285, 10);
    server.enqueue(reply.text('hi', { model: 'gpt-4.1-2025-04-14', usage: { prompt: 1000, completion: 1000 }, usagePlacement: 'final' }));
    const { events, response } = await streamAll(p, ask());
    expect(response.usage.costUsd).toBeCloseTo((1000 * 2 + 1000 * 8) / 1e6, 12);
    expect(events.find((e) => e.type === 'usage')).toEqual({ type: 'usage', usage: response.usage });
  });

  it('leaves costUsd unset for unpriced models', async () => {
    const p = openaiCompatible({ baseURL: server.url, model: 'llama3', prices, maxRetries: 0 });
    server.enqueue(reply.text('hi'));
    expect((await p.chat(ask())).usage.costUsd).toBeUndefined();
  });

  it('finds prices exactly first, then by longest prefix', () => {
    expect(findPrice(prices, 'gpt-4.1')).toBe(prices['gpt-4.1']);
    expect(findPrice(prices, 'gpt-4.1-nano-x')).toBe(prices['gpt-4.1-nano']);
    expect(findPrice(prices, 'claude')).toBeUndefined();
    expect(costOf({ inputTokens: 10, outputTokens: 0, totalTokens: 10, cachedInputTokens: 50 }, prices['gpt-4.1'])).toBeCloseTo(20 / 1e6, 12);
  });
});

describe('UsageMeter', () => {
  it('adds up calls in total and per provider/model, through wrap()', async () => {
    const meter = new UsageMeter();
    const scripted = new ScriptedProvider(
      [
        { text: 'a', usage: { inputTokens: 10, outputTokens: 5, costUsd: 0.01 } },
        { text: 'b', usage: { inputTokens: 20, outputTokens: 7, reasoningTokens: 3, cachedInputTokens: 4 }, model: 'other' },
        'estimated one',
      ],
      { id: 'sp', model: 'm1' },
    );
    const p = meter.wrap(scripted);
    await p.chat(ask());
    await streamAll(p, ask());
    await p.chat(ask());
    const t = meter.total;
    expect(t.calls).toBe(3);
    expect(t.inputTokens).toBeGreaterThan(30);
    expect(t.outputTokens).toBeGreaterThan(12);
    expect([t.reasoningTokens, t.cachedInputTokens, t.estimatedCalls, t.unpricedCalls]).toEqual([3, 4, 1, 2]);
    expect(t.costUsd).toBeCloseTo(0.01, 12);
    const by = meter.byModel();
    expect(Object.keys(by).sort()).toEqual(['sp/m1', 'sp/other']);
    expect(by['sp/m1'].calls).toBe(2);
    expect(by['sp/other']).toMatchObject({ calls: 1, inputTokens: 20, outputTokens: 7, totalTokens: 27 });
    meter.reset();
    expect(meter.total.calls).toBe(0);
  });

  it('records HTTP responses with server usage', async () => {
    const meter = new UsageMeter();
    const p = meter.wrap(openaiCompatible({ baseURL: server.url, model: 'gpt-4.1', prices, maxRetries: 0, id: 'oa' }));
    server.enqueue(
      reply.text('x', { usage: { prompt: 100, completion: 50 } }),
      reply.text('y', { usage: { prompt: 10, completion: 5 }, usagePlacement: 'final' }),
    );
    await p.chat(ask());
    await streamAll(p, ask());
    expect(meter.total).toMatchObject({ calls: 2, inputTokens: 110, outputTokens: 55, totalTokens: 165, estimatedCalls: 0, unpricedCalls: 0 });
    expect(meter.total.costUsd).toBeCloseTo((110 * 2 + 55 * 8) / 1e6, 12);
  });
});
