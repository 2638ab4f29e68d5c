/**
 * Reciprocal-rank fusion (RRF): the standard way to merge rankings whose scores are not
 * comparable, such as BM25 and embedding cosine (the hybrid ranker).
 */
import type { RankedTool } from './types.js';

/** Reciprocal-rank-fusion constant (the usual 60): damps the head so agreement counts more than one first place. */
export const RRF_K = 60;
/** One ranking to fuse and how much its ranks count. */
export interface WeightedRanking {
  /** Tools, best first. */
  ranking: readonly RankedTool[];
  /** Multiplier of this ranking's reciprocal ranks (1 = equal say). */
  weight: number;
}

/** Reciprocal-rank fusion: each tool scores the sum of `weight / (RRF_K + rank)` over the rankings; best `limit` first (ties by name). */
export function fuseRanks(rankings: readonly WeightedRanking[], limit: number): RankedTool[] {
  const fused = new Map<string, number>();
  for (const { ranking, weight } of rankings) {
    ranking.forEach((r, i) => fused.set(r.name, (fused.get(r.name) ?? 0) + weight / (RRF_K + i + 1)));
  }
  return [...fused]
    .map(([name, score]) => ({ name, score }))
    .sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, limit);
}
