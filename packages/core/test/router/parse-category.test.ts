import { describe, expect, it } from 'vitest';
import { classifierRequest, parseCategory } from '../../src/router/model-classifier.js';

const categories = ['coding', 'module_generation', 'chat', 'extraction', 'classification', 'summarization', 'long_context'];

describe("reading the model classifier's answer", () => {
  it.each([
    ['coding', 'coding'],
    ['  Summarization.  ', 'summarization'],
    ['"extraction"', 'extraction'],
    ['**module_generation**', 'module_generation'],
    ['module generation', 'module_generation'],
    ['{"category":"classification"}', 'classification'],
    ['"chat"\n', 'chat'],
    ['The category is long_context because the text is huge.', 'long_context'],
    ['I would say chat, maybe coding', 'chat'],
  ])('%j → %s', (answer, expected) => {
    expect(parseCategory(answer, categories)).toBe(expected);
  });

  it.each([['I am not sure.'], [''], ['{"category":"weather"}'], ['chatter and codings']])('%j → no category', (answer) => {
    expect(parseCategory(answer, categories)).toBeUndefined();
  });

  it('caps the user text the classifier sees', () => {
    const request = classifierRequest('x'.repeat(10_000), categories);
    expect(request.messages).toHaveLength(2);
    expect(request.messages[1].content.length).toBeLessThanOrEqual(4_001);
    expect(request.maxTokens).toBeGreaterThan(0);
  });
});
