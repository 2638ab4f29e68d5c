import { describe, expect, it } from 'vitest';
import { ScriptedProvider } from '@graft/providers/testing';
import type { ChatRequest } from '@graft/providers';
import { createRouter, type ClassifierFn } from '@graft/core';

const tiers = () => ({ standard: new ScriptedProvider([], { id: 'std' }), heavy: new ScriptedProvider([], { id: 'big' }) });
const ask = (text: string): ChatRequest => ({ messages: [{ role: 'user', content: text }] });

describe('classifier function', () => {
  it("is asked only when rules are unsure, with the candidate categories and the rules' guess", async () => {
    const calls: Array<Parameters<ClassifierFn>[1]> = [];
    const router = createRouter({
      tiers: tiers(),
      categories: { legal: 'heavy' },
      classify: (_request, ctx) => {
        calls.push(ctx);
        return 'legal';
      },
    });
    const sure = await router.resolve(ask('Write a function that sorts an array'));
    expect(sure).toMatchObject({ category: 'coding', source: 'rule' });
    expect(calls).toHaveLength(0);

    const unsure = await router.resolve(ask('Is this clause enforceable in France?'));
    expect(unsure).toMatchObject({ category: 'legal', tier: 'heavy', source: 'model' });
    expect(unsure.reason).toMatch(/classifier function chose "legal" \(rules said chat at 0.4\)/);
    expect(calls).toHaveLength(1);
    expect(calls[0].categories).toEqual(expect.arrayContaining(['coding', 'module_generation', 'chat', 'legal']));
    expect(calls[0].rules).toEqual({ category: 'chat', confidence: 0.4 });
  });

  it('consults the classifier for a bare language mention (weak rule) but not for a hint', async () => {
    let asked = 0;
    const router = createRouter({ tiers: tiers(), classify: () => ((asked += 1), 'chat') });
    expect(await router.resolve(ask('What is Python, the snake?'))).toMatchObject({ category: 'chat', source: 'model' });
    expect(await router.resolve(ask('anything'), { category: 'summarization' })).toMatchObject({ category: 'summarization', source: 'hint' });
    expect(asked).toBe(1);
    // Rules alone still route it to coding.
    expect(router.decide(ask('What is Python, the snake?'))).toMatchObject({ category: 'coding', confidence: 0.55 });
  });

  it("keeps the rules' answer when the function abstains or throws", async () => {
    const abstains = createRouter({ tiers: tiers(), classify: () => undefined });
    const a = await abstains.resolve(ask('Tell me about Rome'));
    expect(a).toMatchObject({ category: 'chat', source: 'default' });
    expect(a.reason).toMatch(/abstained, kept the rules' answer/);

    const throws = createRouter({
      tiers: tiers(),
      classify: async () => {
        throw new Error('classifier down');
      },
    });
    const t = await throws.resolve(ask('Tell me about Rome'));
    expect(t).toMatchObject({ category: 'chat', source: 'default' });
    expect(t.reason).toMatch(/threw, kept the rules' answer/);
  });
});
