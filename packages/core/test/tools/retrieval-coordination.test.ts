/** Coordination: a tool matching more of a request's words ranks above one matching a single word strongly. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool, lexicalRanker, type Tool } from '@graft/core';
import { Bm25Index, docFields } from '../../src/tools/retrieval/bm25.js';
import { coordinate } from '../../src/tools/retrieval/coordination.js';

const mk = (name: string, description: string): Tool => defineTool({ name, description, input: z.object({}), execute: () => null });

describe('coordination', () => {
  it('scales each hit by ((matched + 1) / (concepts + 1)) ^ power, counting a concept once however many of its terms match', () => {
    const index = new Bm25Index(['alpha beta', 'alpha', 'gamma delta'].map((text) => docFields([{ text, weight: 1, kind: 'description' }])));
    const hits: Array<[number, number]> = [
      [0, 1],
      [1, 1],
      [2, 1],
    ];
    // three concepts some document has (the second's two terms both in doc 2), one no document has
    coordinate(index, hits, [['alpha'], ['beta'], ['gamma', 'delta'], ['zeta']], 1);
    expect(hits.map(([, s]) => s)).toEqual([3 / 4, 2 / 4, 2 / 4]);
  });

  it('changes nothing with fewer than two concepts a document has', () => {
    const index = new Bm25Index(['alpha beta'].map((text) => docFields([{ text, weight: 1, kind: 'description' }])));
    const hits: Array<[number, number]> = [[0, 2]];
    coordinate(index, hits, [['alpha'], ['zeta']], 1);
    expect(hits).toEqual([[0, 2]]);
  });

  it('a tool matching three of the request’s words outranks one matching two of them strongly', () => {
    // made-up modules: "kids" and "play" are all over the music tool's name and description; the
    // smoke tool's long description matches three other words once each (without coordination
    // the music tool scores higher)
    const tools = [
      mk('tunes__kids_play', 'Kids play songs: play music for kids, play albums for kids.'),
      mk('haze__smoke_levels', 'Wildfire smoke levels in the air outside a home, school or park, by district, by the hour, with readings and alerts.'),
      mk('notes__create_note', 'Create a note.'),
    ];
    expect(
      lexicalRanker()
        .rank('wildfire smoke, can the kids play outside', tools, 2)
        .map((r) => r.name),
    ).toEqual(['haze__smoke_levels', 'tunes__kids_play']);
  });
});
