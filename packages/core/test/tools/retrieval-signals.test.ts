/** Signals the lexical ranker reads beyond plain words: per-field BM25F lengths, stop-word phrases, token shapes, "and also" splits. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool, lexicalRanker, tokenize, type Tool } from '@graft/core';
import { impliedWords } from '../../src/tools/retrieval/entities.js';
import { queryParts } from '../../src/tools/retrieval/fusion.js';

const mk = (name: string, description: string): Tool => defineTool({ name, description, input: z.object({}), execute: () => null });
const names = (tools: Tool[], query: string, limit: number) =>
  lexicalRanker()
    .rank(query, tools, limit)
    .map((r) => r.name);

describe('BM25F field lengths', () => {
  it('a short tool of a named module does not outrank the module tool that does the job', () => {
    const tools = [
      mk('acme__quota', 'Remaining quota of the Acme integration.'),
      mk('acme__update_price', 'Set a new price or a discount on an item of the Acme shop catalogue, for one product or a whole collection.'),
      mk('other__update_price', 'Set a new price on an item of the shop.'),
    ];
    expect(names(tools, 'Acme: set a new price on the summer collection', 1)).toEqual(['acme__update_price']);
  });
});

describe('stop-word phrases', () => {
  it('"who was" reaches the encyclopedia although both of its words are too common to index', () => {
    const tools = [mk('wiki__encyclopedia_summary', 'Encyclopedia summary of a topic, person or place.'), mk('energy__usage', 'Household electricity usage.')];
    expect(tokenize('who was')).not.toContain('was');
    expect(names(tools, 'who was Ada Lovelace', 1)).toEqual(['wiki__encyclopedia_summary']);
  });
});

describe('token shapes', () => {
  const known = (w: string) => ['csv', 'vat'].includes(w);
  it('an unknown all-caps word implies a stock ticker, an issue key a ticket; known acronyms imply nothing', () => {
    expect(impliedWords('how is AMZN doing today', known)).toEqual(['stock', 'ticker']);
    expect(impliedWords('set PROJ-88 to in review', known)).toEqual(['ticket', 'issue']);
    expect(impliedWords('import this CSV and show the VAT', known)).toEqual([]);
    expect(impliedWords('no capitals here', known)).toEqual([]);
    expect(impliedWords('what did people say in #incidents overnight', known)).toEqual(['channel']);
    expect(impliedWords('answer ticket #3321', known)).toEqual([]);
  });

  it('an amount of one currency in or to another implies a conversion; other amounts do not', () => {
    expect(impliedWords('how much is 40 eur in yen', known)).toEqual(['convert']);
    expect(impliedWords('$25 to euros please', known)).toEqual(['convert']);
    expect(impliedWords('3 tickets to Paris', known)).toEqual([]);
    expect(impliedWords('2 nights in Rome', known)).toEqual([]);
  });

  it('an amount of one currency in a request that names another implies a conversion; one currency alone does not', () => {
    expect(impliedWords('how many rupees is 80 euros', known)).toEqual(['convert']);
    expect(impliedWords('how many yen do I get for 300 bucks', known)).toEqual(['convert']);
    expect(impliedWords('refund $30 to the customer', known)).toEqual([]);
    expect(impliedWords('spent 45 dollars on a haircut, $10 of it on the tip', known)).toEqual([]);
  });

  it('a ticker finds the stock quote tool', () => {
    const tools = [mk('fin__stock_quote', 'Latest stock quote for a ticker symbol.'), mk('todo__list_tasks', 'Show tasks due today.')];
    expect(names(tools, 'how is NVDA doing today', 1)).toEqual(['fin__stock_quote']);
  });
});

describe('phrases around numbers', () => {
  it('a number inside a phrase does not break it ("next 10 games" mentions "next game")', () => {
    const tools = [mk('sports__fixtures', 'Upcoming fixtures of a team.'), mk('sports__standings', 'League table of a team.')];
    expect(names(tools, 'the next 10 games of Arsenal', 1)).toEqual(['sports__fixtures']);
  });
});

describe('multi-intent splits', () => {
  it('"and also" / "and then" start another request even without punctuation', () => {
    expect(queryParts('track my parcel from the shop and also tell the team in the chat channel')).toEqual([
      'track my parcel from the shop',
      'tell the team in the chat channel',
    ]);
    expect(queryParts('salt and pepper crisps')).toEqual([]);
  });

  it('"and" before a verb that starts a request splits; "and" between nouns or before a short tail does not', () => {
    expect(queryParts('turn off the lights downstairs and set the heat to 65')).toEqual(['turn off the lights downstairs', 'set the heat to 65']);
    expect(queryParts('post in the team channel that prod is down, and page whoever is on call')).toEqual([
      'post in the team channel that prod is down',
      'page whoever is on call',
    ]);
    expect(queryParts('recipes with lentils, spinach and feta cheese')).toEqual([]);
    expect(queryParts('stock and bond prices for Tesla')).toEqual([]);
    expect(queryParts('look up Tesla stock and show it')).toEqual([]);
  });

  it('each part of an "and" request brings its own best tool to the top', () => {
    const tools = [
      mk('home__set_lights', 'Turn lights on or off and set their brightness.'),
      mk('home__lights_schedule', 'Lights schedule: when lights turn on or off by themselves.'),
      mk('home__lights_scenes', 'Light scenes: turn lights on or off downstairs or upstairs together.'),
      mk('home__set_thermostat', 'Thermostat target temperature of the heating.'),
    ];
    const first = names(tools, 'turn off the lights downstairs', 1)[0];
    const second = names(tools, 'set the heating to 20 degrees', 1)[0];
    expect(first).not.toBe(second);
    expect(names(tools, 'turn off the lights downstairs and set the heating to 20 degrees', 2).sort()).toEqual([first, second].sort());
  });
});
