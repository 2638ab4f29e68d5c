/** Time orientation: a request about another time than a tool's operation ranks that tool lower than its sibling operation of the request's time. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool, lexicalRanker, type Tool } from '@graft/core';
import { requestTense, toolTenses } from '../../src/tools/retrieval/tense.js';

const mk = (name: string, description: string): Tool => defineTool({ name, description, input: z.object({ city: z.string() }), execute: () => null });
const names = (tools: Tool[], query: string, limit: number) =>
  lexicalRanker()
    .rank(query, tools, limit)
    .map((r) => r.name);

// made-up modules: each operation's words are the request's, only its time words differ
const sky = [
  mk('sky__now_conditions', 'Sky conditions in a city at the moment: current readings.'),
  mk('sky__outlook', 'Sky conditions in a city for the next days: a forecast.'),
  mk('sky__archive', 'Sky conditions in a city on a past date: historical readings.'),
];

describe('tenses', () => {
  it('a tool speaks of the times its name and description name, of none without time words', () => {
    expect([...toolTenses('sky__now_conditions', 'Sky conditions at the moment: current readings.')]).toEqual(['present']);
    expect([...toolTenses('sky__outlook', 'Conditions for the next days.')]).toEqual(['future']);
    expect([...toolTenses('sky__archive', 'Historical readings.')]).toEqual(['past']);
    expect([...toolTenses('transit__departures', 'Live and upcoming departures.')].sort()).toEqual(['future', 'present']);
    expect(toolTenses('notes__create_note', 'Create a note.').size).toBe(0);
  });

  it('a request is in the past, the future or the present by its time words; the past wins; a past year is the past, a date is not', () => {
    expect(requestTense('sky conditions in Oslo last july')).toBe('past');
    expect(requestTense('what was it like in Oslo on tuesday')).toBe('past');
    expect(requestTense('sky in Oslo in 2019', 2026)).toBe('past');
    expect(requestTense('sky in Oslo on 2019-05-01', 2026)).toBeUndefined();
    expect(requestTense('is it gonna be clear in Oslo on saturday')).toBe('future');
    expect(requestTense('sky conditions in Oslo tomorrow')).toBe('future');
    expect(requestTense('will you check the sky in Oslo')).toBeUndefined();
    expect(requestTense('sky conditions in Oslo right now')).toBe('present');
    expect(requestTense('sky conditions in Oslo')).toBeUndefined();
  });

  it('the operation of the request’s time ranks first; without time words the order is the words’ alone', () => {
    expect(names(sky, 'sky conditions in Oslo on saturday', 1)).toEqual(['sky__outlook']);
    expect(names(sky, 'sky conditions in Oslo last july', 1)).toEqual(['sky__archive']);
    expect(names(sky, 'sky conditions in Oslo right now', 1)).toEqual(['sky__now_conditions']);
    const plain = lexicalRanker().rank('sky conditions in Oslo', sky, 3);
    const mismatch = lexicalRanker().rank('sky conditions in Oslo on saturday', sky, 3);
    // the other operations keep their words' score times TENSE_MISMATCH_FACTOR: lower, not gone
    expect(mismatch.map((r) => r.name).sort()).toEqual(plain.map((r) => r.name).sort());
  });

  it('an operation has the times of its siblings in other modules ("live" in one, "next" in another)', () => {
    const tools = [
      mk('a__departures', 'Live departures from a station.'),
      mk('b__departures', 'Next departures from a station.'),
      mk('c__station_board', 'Departures board of a station.'),
    ];
    // no lift between siblings here: only their shared tenses keep `a__departures` up
    const ranked = lexicalRanker({ siblingFactor: 0 })
      .rank('departures from the station tomorrow', tools, 3)
      .map((r) => r.name);
    expect(ranked.slice(0, 2).sort()).toEqual(['a__departures', 'b__departures']);
  });
});
