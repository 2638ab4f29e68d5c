/** The hybrid ranker's default cosine weight: how far a semantic match may move BM25's order. */
import { describe, expect, it } from 'vitest';
import { HYBRID_COSINE_WEIGHT } from '@graft/core';
import { fuseScores } from '../../src/tools/retrieval/fusion.js';

const r = (...xs: Array<[string, number]>) => xs.map(([name, score]) => ({ name, score }));
const fuse = (lexical: Array<[string, number]>, cosine: Array<[string, number]>) =>
  fuseScores(r(...lexical), r(...cosine), HYBRID_COSINE_WEIGHT, 5).map((t) => t.name);

describe('hybrid fusion with the default cosine weight', () => {
  it("lets a real model's best match overtake a lexical lead of a fifth (a sibling operation BM25 put first)", () => {
    // BM25: current weather 10, forecast 8; the sentence model reads "this weekend" as the forecast
    expect(
      fuse(
        [
          ['weather_now', 10],
          ['weather_forecast', 8],
        ],
        [
          ['weather_forecast', 0.62],
          ['pollen', 0.4],
          ['weather_now', 0.35],
        ],
      )[0],
    ).toBe('weather_forecast');
  });

  it('keeps a clear lexical winner first: cosine cannot lift a tool BM25 scores at half the best', () => {
    expect(
      fuse(
        [
          ['bank_csv_parse', 10],
          ['csv_to_json', 5],
        ],
        [
          ['csv_to_json', 0.7],
          ['pdf_parse', 0.5],
          ['bank_csv_parse', 0.3],
        ],
      )[0],
    ).toBe('bank_csv_parse');
  });

  it('adds a tool BM25 missed below what BM25 found', () => {
    expect(
      fuse(
        [
          ['a', 10],
          ['b', 9],
        ],
        [
          ['missed', 0.9],
          ['a', 0.5],
          ['b', 0.2],
        ],
      ),
    ).toEqual(['a', 'b', 'missed']);
  });
});
