/** Typo repair: an unknown request word one inner edit from a known word is read as that word. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool, lexicalRanker, type Tool } from '@graft/core';
import { oneInnerEdit, repairTypos, SpellingIndex } from '../../src/tools/retrieval/spelling.js';

const mk = (name: string, description: string): Tool => defineTool({ name, description, input: z.object({}), execute: () => null });

describe('one inner edit', () => {
  it('accepts one letter missing, extra, changed or two neighbours swapped inside the word', () => {
    expect(oneInnerEdit('umbrela', 'umbrella')).toBe(true);
    expect(oneInnerEdit('recipie', 'recipe')).toBe(true);
    expect(oneInnerEdit('calender', 'calendar')).toBe(true);
    expect(oneInnerEdit('restuarant', 'restaurant')).toBe(true);
  });

  it('rejects equal words, two edits, and edits of the first or last letter', () => {
    expect(oneInnerEdit('recipe', 'recipe')).toBe(false);
    expect(oneInnerEdit('calendr', 'calendar2')).toBe(false);
    expect(oneInnerEdit('tower', 'power')).toBe(false);
    expect(oneInnerEdit('germany', 'german')).toBe(false);
    expect(oneInnerEdit('streamer', 'streamed')).toBe(false);
    expect(oneInnerEdit('abcd', 'abdc')).toBe(false);
  });
});

describe('typo repair', () => {
  const index = new SpellingIndex(['umbrella', 'calendar', 'calendar', 'calender', 'restaurant', 'rain']);

  it('replaces an unknown word by the most frequent known word one edit away, keeping known and short words', () => {
    const known = (w: string) => ['rain', 'tomorrow', 'need'].includes(w);
    expect(repairTypos('need an umbrela tomorrow', index, known)).toBe('need an umbrella tomorrow');
    expect(repairTypos('my calandar', index, known)).toBe('my calendar');
    expect(repairTypos('rian', index, known)).toBe('rian');
    expect(repairTypos('a quiet restuarant', index, known)).toBe('a quiet restaurant');
  });

  it('finds the tool a misspelt request asks for', () => {
    const tools = [mk('food__find_restaurants', 'Find restaurants nearby by cuisine.'), mk('food__search_recipes', 'Search recipes by ingredient.')];
    const top = (q: string) => lexicalRanker().rank(q, tools, 1)[0]?.name;
    expect(top('a recipie with chickpeas')).toBe('food__search_recipes');
    expect(top('restuarants open late')).toBe('food__find_restaurants');
  });
});
