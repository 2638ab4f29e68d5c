/** The embedding ranker's cosine order on hand-made vectors: best first, equal scores in tool order. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool, embeddingRanker, type Tool } from '@graft/core';

/** Each text carries its vector as `vec[x,y,z]`; the embedder reads it back. */
const embed = async (texts: string[]) => texts.map((t) => JSON.parse(/vec(\[[^\]]*\])/.exec(t)![1]) as number[]);

// names run against the alphabet, so a tie broken by name would show
const VECTORS: Array<[string, number[]]> = [
  ['zeta', [0, 1, 0]], // cosine 0
  ['yak', [1, 0, 0]], // 1
  ['xenon', [1, 1, 0]], // 0.707…
  ['walrus', [2, 0, 0]], // 1
  ['vole', [1, 1, 0]], // 0.707…
  ['urchin', [-1, 0, 0]], // -1
  ['tapir', [0, 0, 0]], // 0 (no direction)
  ['stoat', [3, 0, 0]], // 1
  ['raven', [5, 5, 0]], // 0.707…
];

const tool = (name: string, v: number[]): Tool => defineTool({ name, description: `animal vec${JSON.stringify(v)}`, input: z.object({}), execute: () => name });
const tools = VECTORS.map(([name, v]) => tool(name, v));
const names = (r: Array<{ name: string }>) => r.map((t) => t.name);
/** A ranker over the hand-made vectors (cosine only unless `hybrid`) that throws instead of falling back to BM25. */
const cosineRanker = (hybrid = false) =>
  embeddingRanker({
    embed,
    model: 'hand',
    hybrid,
    onError: (e) => {
      throw e;
    },
  });

describe('embeddingRanker cosine order', () => {
  it('ranks best cosine first and keeps the tool order among equal scores, at any limit', async () => {
    const ranker = cosineRanker();
    const all = await ranker.rank('vec[1,0,0]', tools, 20);
    expect(names(all)).toEqual(['yak', 'walrus', 'stoat', 'xenon', 'vole', 'raven', 'zeta', 'tapir', 'urchin']);
    expect(all.map((r) => r.score)).toEqual([1, 1, 1, Math.SQRT1_2, Math.SQRT1_2, Math.SQRT1_2, 0, 0, -1].map((s) => expect.closeTo(s, 6)));
    // a limit cutting through a tie keeps the earlier tools of it
    expect(names(await ranker.rank('vec[1,0,0]', tools, 2))).toEqual(['yak', 'walrus']);
    expect(names(await ranker.rank('vec[1,0,0]', tools, 5))).toEqual(['yak', 'walrus', 'stoat', 'xenon', 'vole']);
    expect(await ranker.rank('vec[1,0,0]', tools, 0)).toEqual([]);
    // another query direction
    expect(names(await ranker.rank('vec[0,1,0]', tools, 4))).toEqual(['zeta', 'xenon', 'vole', 'raven']);
  });

  it('follows a new tool list: reordered tools reorder ties, and an installed tool is ranked', async () => {
    const ranker = cosineRanker();
    expect(names(await ranker.rank('vec[1,0,0]', tools, 3))).toEqual(['yak', 'walrus', 'stoat']);
    const reversed = [...tools].reverse();
    expect(names(await ranker.rank('vec[1,0,0]', reversed, 3))).toEqual(['stoat', 'walrus', 'yak']);
    const installed = [tool('quail', [1, 0, 0]), ...tools.filter((t) => t.name !== 'walrus')];
    expect(names(await ranker.rank('vec[1,0,0]', installed, 4))).toEqual(['quail', 'yak', 'stoat', 'xenon']);
  });

  it('matches a stable full sort of every cosine on vectors of mixed lengths', async () => {
    const ranker = cosineRanker();
    const mixed = [...tools, tool('otter', [1, 0, 0, 7]), tool('newt', [1, 0])];
    // a plain dot over the shorter vector: otter's unit vector starts 1/√50, newt's is [1, 0]
    expect(names(await ranker.rank('vec[1,0,0]', mixed, 5))).toEqual(['yak', 'walrus', 'stoat', 'newt', 'xenon']);
  });

  it('the hybrid ranker returns the same tools as before for equal cosines (ties by name after fusion)', async () => {
    const ranker = cosineRanker(true);
    // every tool matches "animal" equally, so the cosine decides; fusion breaks its own ties by name
    expect(names(await ranker.rank('animal vec[1,0,0]', tools, 4))).toEqual(['stoat', 'walrus', 'yak', 'raven']);
  });
});
