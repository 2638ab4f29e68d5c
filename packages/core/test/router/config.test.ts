import { describe, expect, it } from 'vitest';
import { ScriptedProvider } from '@graft/providers/testing';
import { createRouter, GraftCoreError, RouterConfigError, RouterError, type RouterConfig } from '@graft/core';

const std = () => new ScriptedProvider(['from standard'], { id: 'std', model: 'small' });
const big = () => new ScriptedProvider(['from heavy'], { id: 'big', model: 'large' });
const ask = (text: string) => ({ messages: [{ role: 'user' as const, content: text }] });

function configError(config: unknown): RouterConfigError {
  try {
    createRouter(config as RouterConfig);
  } catch (error) {
    expect(error).toBeInstanceOf(RouterConfigError);
    return error as RouterConfigError;
  }
  throw new Error('expected RouterConfigError');
}

describe('router configuration', () => {
  it('rejects a category mapped to an unknown tier, naming the path', () => {
    const error = configError({ tiers: { standard: std(), heavy: big() }, categories: { coding: 'huge' } });
    expect(error.code).toBe('ROUTER_CONFIG_INVALID');
    expect(error).toBeInstanceOf(GraftCoreError);
    expect(error.name).toBe('RouterConfigError');
    expect(error.issues).toEqual([{ path: 'categories.coding', message: 'tier "huge" is not one of: standard, heavy' }]);
    expect(error.message).toMatch(/categories\.coding: tier "huge"/);
  });

  it('reports every bad field with its zod path', () => {
    const error = configError({
      tiers: { standard: { id: 'x' } },
      classify: 'magic',
      classifierThreshold: 2,
      escalation: { order: ['standard', 'standard', 'heavy'], onError: 'sometimes' },
      unknownOption: true,
    });
    const paths = error.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['tiers.standard', 'classify', 'classifierThreshold', 'escalation.onError', '']));
    expect(error.issues.find((i) => i.path === 'tiers.standard')?.message).toMatch(/ChatProvider/);
  });

  it('rejects an empty tier set and bad tier references in order, defaultTier and classifierTier', () => {
    expect(configError({ tiers: {} }).issues[0]).toMatchObject({ path: 'tiers' });
    const error = configError({
      tiers: { standard: std() },
      defaultTier: 'nope',
      classifierTier: 'gone',
      escalation: { order: ['standard', 'standard', 'heavy'] },
    });
    expect(error.issues.map((i) => i.path)).toEqual(['defaultTier', 'classifierTier', 'escalation.order.1', 'escalation.order.2']);
  });

  it('maps default heavy categories to the top tier when there is no "heavy"', () => {
    const router = createRouter({ tiers: { fast: std(), smart: big() }, escalation: { order: ['fast', 'smart'] } });
    expect(router.tierOrder).toEqual(['fast', 'smart']);
    expect(router.decide(ask('Write a function that sorts')).tier).toBe('smart');
    expect(router.decide(ask('hello there')).tier).toBe('fast');
  });

  it("gives direct access to a tier or a category's tier", () => {
    const standard = std();
    const heavy = big();
    const router = createRouter({ tiers: { standard, heavy } });
    expect(router.provider('heavy')).toBe(heavy);
    expect(router.provider('coding')).toBe(heavy);
    expect(router.provider('chat')).toBe(standard);
    expect(() => router.provider('quantum')).toThrow(RouterError);
    expect(() => router.provider('quantum')).toThrow(/neither a tier/);
  });
});

describe('router.update (hot swap)', () => {
  it('changes routing at runtime without a new router', async () => {
    const standard = new ScriptedProvider(['s1', 's2', 's3'], { id: 'std', model: 'small' });
    const heavy = new ScriptedProvider(['h1', 'h2'], { id: 'big', model: 'large' });
    const router = createRouter({ tiers: { standard, heavy } });
    const asProvider = router.asProvider();
    expect((await router.chat(ask('Write a function to add'))).decision.tier).toBe('heavy');

    router.update({ categories: { coding: 'standard' } });
    const after = await router.chat(ask('Write a function to add'));
    expect(after.decision.tier).toBe('standard');
    expect(after.text).toBe('s1');

    // Swap a tier's provider; the provider view follows.
    const heavier = new ScriptedProvider(['H!'], { id: 'bigger', model: 'xl' });
    router.update({ tiers: { heavy: heavier }, categories: { coding: 'heavy' } });
    const swapped = await asProvider.chat(ask('Write a function to add'));
    expect(swapped.text).toBe('H!');
    expect(router.provider('heavy')).toBe(heavier);
    expect(heavy.requests.length).toBe(1);
  });

  it('keeps the old configuration when an update is invalid', () => {
    const router = createRouter({ tiers: { standard: std(), heavy: big() } });
    expect(() => router.update({ categories: { chat: 'missing' } })).toThrow(RouterConfigError);
    expect(router.decide(ask('hello')).tier).toBe('standard');
    expect(router.decide(ask('Write a function that sorts')).tier).toBe('heavy');
  });
});
