/** The lexical ranker's index: shared per tool list, postings built on first use, one vocabulary for every index. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool, lexicalRanker, type Tool } from '@graft/core';
import { Bm25Index, docFields } from '../../src/tools/retrieval/bm25.js';
import { toolIndex } from '../../src/tools/retrieval/tool-index.js';
import { vocabularyForBuild } from '../../src/tools/retrieval/vocabulary.js';
import { BM25_K1 } from '../../src/defaults.js';

const mk = (name: string, description: string): Tool =>
  defineTool({ name, description, input: z.object({ city: z.string().describe('City name') }), execute: () => null });
const catalog = (): Tool[] => [
  mk('weather_a__forecast', 'Weather forecast for the next days'),
  mk('weather_b__get_forecast', 'Daily forecast: rain, wind and temperature'),
  mk('weather_a__current', 'Current weather conditions'),
  mk('calendar__create_event', 'Create an event on the calendar'),
  mk('calendar__list_events', 'List the events on the calendar'),
  mk('notes__create_note', 'Write down a note'),
  mk('fx__convert', 'Convert an amount between currencies'),
];
const requests = [
  'will it rain tomorrow in Paris',
  'put lunch with Sam on my calendar friday',
  "what's on my calendar",
  'jot down: buy milk',
  'how many yen is 40 EUR',
  'current temperature in Oslo, then add a note',
];

describe('tool index', () => {
  it('is shared by rankers given the same tools, and rebuilt for another list', () => {
    const tools = catalog();
    const first = toolIndex(tools);
    expect(toolIndex([...tools])).toBe(first);
    expect(toolIndex([...tools, mk('x__y', 'another tool')])).not.toBe(first);
    expect(toolIndex(catalog())).not.toBe(first); // new tool objects: a source changed them
  });

  it('keeps its own copy of the list (a caller changing its array changes nothing)', () => {
    const tools = catalog();
    const index = toolIndex(tools);
    tools.pop();
    expect(index.tools).toHaveLength(catalog().length);
  });

  it('ranks the same whichever terms were searched first (postings are built on first use)', () => {
    const forward = lexicalRanker();
    const backward = lexicalRanker();
    const a = catalog();
    const b = catalog(); // other tool objects: another index, its postings built in the other order
    const ranked = requests.map((q) => forward.rank(q, a, 5));
    const reversed = [...requests].reverse().map((q) => backward.rank(q, b, 5));
    expect(reversed.reverse()).toEqual(ranked);
  });
});

describe('Bm25Index', () => {
  const field = (text: string, kind = 'description', weight = 1) => ({ text, kind, weight });

  it("knows only its own documents' terms, though every index shares one vocabulary", () => {
    const vocabulary = vocabularyForBuild();
    const mine = new Bm25Index([docFields([field('Translate text between languages')], vocabulary)], vocabulary);
    const other = new Bm25Index([docFields([field('Shorten a long hyperlink')], vocabulary)], vocabulary);
    expect(other.has('shorten')).toBe(true);
    expect(mine.has('shorten')).toBe(false);
    expect(mine.search('shorten hyperlink', 5)).toEqual([]);
    expect(mine.search('translate', 5).map(([d]) => d)).toEqual([0]);
  });

  it('saturates term frequency with BM25_K1: twice the word scores 2(k1 + 1) / (2 + k1) times once, at equal lengths', () => {
    const docs = ['alpha alpha', 'alpha beta', 'gamma delta', 'epsilon zeta'].map((t) => docFields([field(t)]));
    const scores = new Map(new Bm25Index(docs).search('alpha', 5));
    expect(scores.get(0)! / scores.get(1)!).toBeCloseTo((2 * (BM25_K1 + 1)) / (2 + BM25_K1), 6);
  });

  it('counts a term once per occurrence across fields of a kind, and a heavier kind more', () => {
    const vocabulary = vocabularyForBuild();
    const docs = [
      docFields([field('report'), field('quarterly report', 'property', 0.5), field('report format', 'property', 0.5)], vocabulary),
      docFields([field('report'), field('quarterly figures', 'property', 0.5)], vocabulary),
      docFields([field('figures', 'name', 3), field('report')], vocabulary),
    ];
    const index = new Bm25Index(docs, vocabulary);
    const scores = new Map(index.search('report', 3));
    expect(scores.get(0)).toBeGreaterThan(scores.get(1)!); // two more occurrences in properties
    const byName = new Map(index.search('figures', 3));
    expect(byName.get(2)).toBeGreaterThan(byName.get(1)!); // a name counts more than a property
  });
});
