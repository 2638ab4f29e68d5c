/** Time cues: words that say when re-rank the tools a request's other words match, and pull in no domain of their own. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool, lexicalRanker, type Tool } from '@graft/core';
import { splitCues } from '../../src/tools/retrieval/cues.js';

const mk = (name: string, description: string): Tool => defineTool({ name, description, input: z.object({}), execute: () => null });
const names = (tools: Tool[], query: string, limit: number) =>
  lexicalRanker()
    .rank(query, tools, limit)
    .map((r) => r.name);

describe('time cues', () => {
  it('splits a request into the words that say what and the cues that say when', () => {
    expect(splitCues('What meetings do I have tomorrow?')).toEqual({ what: 'What meetings do I have  ?', cues: ['tomorrow'] });
    expect(splitCues('list my calendar events')).toEqual({ what: 'list my calendar events', cues: [] });
  });

  it('a past year or "since" is the cue "past"; this or a later year is not a cue', () => {
    expect(splitCues('snow in Denver on christmas day 2022', 2026).cues).toEqual(['past', 'christmas']);
    expect(splitCues('how has the stock moved since march', 2026).cues).toEqual(['past', 'march']);
    expect(splitCues('public holidays in Japan 2027', 2026).cues).toEqual([]);
  });

  it('a past year prefers the history tool of the domain the request is about, and no other domain', () => {
    const history = [
      mk('sky__current_weather', 'Weather right now: snow, rain and temperature.'),
      mk('sky__historical_weather', 'Historical weather on a past date: snow, rain and temperature.'),
      mk('fin__price_history', 'Historical daily prices of a stock.'),
    ];
    expect(names(history, 'how much snow fell in Denver on christmas day 2019', 1)).toEqual(['sky__historical_weather']);
    expect(names(history, 'how much snow fell in Denver on christmas day 2019', 3)).not.toContain('fin__price_history');
  });

  const tools = [
    mk('sky__forecast', 'Weather forecast for tomorrow and the next days.'),
    mk('sky__current_weather', 'Weather right now.'),
    mk('tomorrow_io__forecast', 'Weather forecast for the next days.'),
    mk('cal__list_events', 'List the meetings and events of a calendar.'),
  ];

  it('a cue does not pull in a domain (nor a module) its request is not about', () => {
    expect(names(tools, 'what meetings do I have tomorrow', 1)).toEqual(['cal__list_events']);
    expect(names(tools, 'what meetings do I have tomorrow', 4)).toEqual(['cal__list_events']);
  });

  it('a cue still tells sibling operations of the matched domain apart', () => {
    expect(names(tools, 'weather in Oslo tomorrow', 2).sort()).toEqual(['sky__forecast', 'tomorrow_io__forecast']);
    expect(names(tools, 'weather in Oslo', 1)).toEqual(['sky__current_weather']);
  });

  it('a request of cues alone still finds what they match', () => {
    expect(names(tools, 'tomorrow', 4)).toContain('sky__forecast');
  });
});
