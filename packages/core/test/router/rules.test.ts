import { describe, expect, it } from 'vitest';
import { ScriptedProvider } from '@graft/providers/testing';
import type { ChatRequest, ToolSpec } from '@graft/providers';
import { createRouter } from '@graft/core';

const tiers = () => ({
  standard: new ScriptedProvider([], { id: 'std', model: 'small-model' }),
  heavy: new ScriptedProvider([], { id: 'big', model: 'large-model' }),
});
const ask = (text: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  messages: [
    { role: 'system', content: 'You are helpful.' },
    { role: 'user', content: text },
  ],
  ...extra,
});
const tool = (name: string): ToolSpec => ({ name, description: name, parameters: { type: 'object' } });

const table: Array<[prompt: string, category: string, tier: 'standard' | 'heavy']> = [
  ['```ts\nconst x: number = "a";\n```\nwhy does this not compile?', 'coding', 'heavy'],
  ['Write a function that parses ISO dates in TypeScript', 'coding', 'heavy'],
  ['Can you refactor this class to use composition?', 'coding', 'heavy'],
  ['TypeError: x is not a function\n    at main (/app/index.js:10:5)\n    at run (/app/run.js:3:1)', 'coding', 'heavy'],
  ['Traceback (most recent call last):\n  File "app.py", line 3, in <module>\nKeyError: "a"', 'coding', 'heavy'],
  ['how do I reverse a list in python?', 'coding', 'heavy'],
  ['Build me a module for my Clash Royale stats', 'module_generation', 'heavy'],
  ['Please create an integration with the Strava API', 'module_generation', 'heavy'],
  ['can you make a plugin that reads my calendar', 'module_generation', 'heavy'],
  ['Summarize this article in three sentences: The quick brown fox…', 'summarization', 'standard'],
  ['tl;dr of the meeting notes please', 'summarization', 'standard'],
  ['Extract all email addresses from the text below', 'extraction', 'standard'],
  ['Classify these reviews by sentiment', 'classification', 'standard'],
  ['Categorize the following tickets', 'classification', 'standard'],
  ['Hello! How are you today?', 'chat', 'standard'],
  ['What is the capital of Australia?', 'chat', 'standard'],
];

describe('rule classification', () => {
  const router = createRouter({ tiers: tiers() });

  it.each(table)('%j → %s on %s', (prompt, category, tier) => {
    const decision = router.decide(ask(prompt));
    expect(decision.category).toBe(category);
    expect(decision.tier).toBe(tier);
    expect(decision.provider).toBe(tier === 'heavy' ? 'big' : 'std');
    expect(decision.model).toBe(tier === 'heavy' ? 'large-model' : 'small-model');
    expect(decision.reason).not.toBe('');
  });

  it('routes long context by total characters, over any keyword', () => {
    const router = createRouter({ tiers: tiers(), longContextChars: 1_000 });
    const long = ask(`Summarize: ${'lorem ipsum '.repeat(200)}`);
    expect(router.decide(long)).toMatchObject({ category: 'long_context', tier: 'heavy', confidence: 1 });
    expect(router.decide(ask('Summarize: short text'))).toMatchObject({ category: 'summarization' });
  });

  it('routes module building when the build_module tool is offered and the user asks for a new capability', () => {
    const request = ask('add Spotify to my assistant, connect to its API', { tools: [tool('build_module')] });
    expect(router.decide(request)).toMatchObject({ category: 'module_generation', tier: 'heavy' });
    // The tool alone does not make every chat a module request.
    expect(router.decide(ask('what time is it in Tokyo?', { tools: [tool('build_module')] }))).toMatchObject({ category: 'chat' });
  });

  it('marks requests no rule matched as low-confidence chat', () => {
    const decision = router.decide(ask('Tell me about the history of the Roman empire'));
    expect(decision).toMatchObject({ category: 'chat', source: 'default' });
    expect(decision.confidence).toBeLessThan(0.6);
  });

  it('moves one tier up when many tools are offered', () => {
    const router = createRouter({ tiers: tiers(), manyToolsThreshold: 5 });
    const tools = Array.from({ length: 6 }, (_, i) => tool(`t${i}`));
    const decision = router.decide(ask('What is the weather?', { tools }));
    expect(decision).toMatchObject({ category: 'chat', tier: 'heavy' });
    expect(decision.reason).toMatch(/6 tools >= 5/);
    expect(router.decide(ask('What is the weather?'), { toolCount: 9 }).tier).toBe('heavy');
    expect(router.decide(ask('What is the weather?'), { toolCount: 2 }).tier).toBe('standard');
  });

  it('honours a category hint and explicit escalation', () => {
    expect(router.decide(ask('hello'), { category: 'coding' })).toMatchObject({ category: 'coding', tier: 'heavy', source: 'hint', confidence: 1 });
    const escalated = router.decide(ask('hello'), { escalate: true });
    expect(escalated).toMatchObject({ category: 'chat', tier: 'heavy', escalatedFrom: 'standard' });
    expect(escalated.reason).toMatch(/escalate hint/);
  });

  it('tries user rules first, with user-defined categories', () => {
    const router = createRouter({
      tiers: tiers(),
      categories: { legal: 'heavy' },
      rules: [
        { name: 'contract review', category: 'legal', match: /\bcontract\b/i },
        { name: 'ticket triage', category: 'classification', match: (ctx) => ctx.toolNames.includes('triage'), confidence: 0.7 },
      ],
    });
    expect(router.decide(ask('Write a function to review this contract'))).toMatchObject({ category: 'legal', tier: 'heavy', confidence: 0.9 });
    expect(router.decide(ask('new ticket', { tools: [tool('triage')] }))).toMatchObject({ category: 'classification', confidence: 0.7 });
  });

  it('a global-flag user pattern matches on every call, not every other one', () => {
    const router = createRouter({ tiers: tiers(), categories: { legal: 'heavy' }, rules: [{ name: 'contract', category: 'legal', match: /contract/gi }] });
    const results = [1, 2, 3].map(() => router.decide(ask('review this contract')).category);
    expect(results).toEqual(['legal', 'legal', 'legal']);
  });

  it('applies per-category overrides', () => {
    const router = createRouter({ tiers: tiers(), categories: { coding: 'standard', summarization: 'heavy' } });
    expect(router.decide(ask('Write a function that adds two numbers')).tier).toBe('standard');
    expect(router.decide(ask('Summarize this')).tier).toBe('heavy');
  });

  it('decide() is synchronous, emits nothing and calls no provider', () => {
    const t = tiers();
    const seen: unknown[] = [];
    const router = createRouter({ tiers: t, classify: 'model', onDecision: (d) => seen.push(d) });
    router.on('decision', (d) => seen.push(d));
    const decision = router.decide(ask('Tell me a story'));
    expect(decision).not.toBeInstanceOf(Promise);
    expect(seen).toEqual([]);
    expect(t.standard.requests.length + t.heavy.requests.length).toBe(0);
  });
});
