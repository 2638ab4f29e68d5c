/** Surface keys: a request word present as itself outweighs a different word that only shares its Porter stem. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool, lexicalRanker, tokenize, type Tool } from '@graft/core';
import { singular, surfaceKeys } from '../../src/tools/retrieval/tokenize.js';

const mk = (name: string, description: string): Tool => defineTool({ name, description, input: z.object({}), execute: () => null });

describe('surface keys', () => {
  it('drop only plural endings', () => {
    expect(['categories', 'boxes', 'runs', 'address', 'status', 'analysis', 'running', 'general'].map(singular)).toEqual([
      'category',
      'box',
      'run',
      'address',
      'status',
      'analysis',
      'running',
      'general',
    ]);
    expect(surfaceKeys('Generate the general reports')).toEqual(['=generate', '=general', '=report']);
  });

  it('tell apart words Porter joins', () => {
    expect(tokenize('general')).toEqual(tokenize('generator'));
    const tools = [mk('qr__make_qr_code', 'QR code generator for a link.'), mk('chat__post_general', 'Post to the general channel.')];
    const ranked = lexicalRanker().rank('general', tools, 2);
    expect(ranked.map((r) => r.name)).toEqual(['chat__post_general', 'qr__make_qr_code']);
    expect(ranked[1].score).toBeLessThan(ranked[0].score * 0.8);
  });
});

describe('everyday words by category', () => {
  const tools = [
    mk('dict__synonyms', 'Synonyms and antonyms of a word (thesaurus).'),
    mk('qr__make_qr_code', 'QR code generator for a link.'),
    mk('learn__study_progress', 'Learning streak, XP and course progress.'),
    mk('calc__compute_answer', 'Compute math, unit conversions and factual answers.'),
  ];
  const top = (q: string) => lexicalRanker().rank(q, tools, 1)[0]?.name;

  it('reach the tool of their category', () => {
    expect(top('opposite of generous?')).toBe('dict__synonyms');
    // "how many" also asks the calculator: the streak tool comes second, not lost
    expect(
      lexicalRanker()
        .rank('how many days in a row have i practiced spanish', tools, 2)
        .map((r) => r.name),
    ).toContain('learn__study_progress');
  });
});
