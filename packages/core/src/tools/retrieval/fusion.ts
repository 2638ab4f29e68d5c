/**
 * Reciprocal-rank fusion (RRF): the standard way to merge rankings whose scores are not
 * comparable, such as BM25 and embedding cosine (the hybrid ranker).
 */
import { tokenize } from './tokenize.js';
import type { RankedTool } from './types.js';
import { MAX_QUERY_PARTS } from '../../defaults.js';
import { MIN_PART_TERMS } from '../../defaults.js';
import { RRF_K } from '../../defaults.js';
export { RRF_K };
export { MAX_QUERY_PARTS };

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

/** A joiner that starts another request: after punctuation (". Also", ", then", "; plus", ") and then"), with a colon ("… Also: …"), or "and also" / "and then" anywhere. */
const PART_BREAK =
  /(?<=[.!?)])\s+(?:also|and then|and also|then|plus)\b[:,]?\s*|[,;:]\s+(?:also|and then|and also|then|plus)\b[:,]?\s*|\s+(?:also|then|plus):\s*|\s+(?:and also|and then)\s+/i;

/**
 * The parts of a multi-intent query ("Refund order 12, then email the customer"), or `[]` for
 * one intent. Splits only where punctuation is followed by "also", "then", "and then" or
 * "plus", at "also:", or at "and also" / "and then"; a part of fewer than `MIN_PART_TERMS` content words stays with the part before.
 */
export function queryParts(query: string): string[] {
  const parts: string[] = [];
  for (const raw of query.split(PART_BREAK)) {
    const text = raw.trim();
    if (!text) continue;
    if (parts.length && (tokenize(text).length < MIN_PART_TERMS || parts.length >= MAX_QUERY_PARTS)) parts[parts.length - 1] += ` ${text}`;
    else parts.push(text);
  }
  if (parts.length > 1 && tokenize(parts[0]).length < MIN_PART_TERMS) parts.splice(0, 2, `${parts[0]} ${parts[1]}`);
  return parts.length > 1 ? parts : [];
}

/**
 * Interleave the ranking of a whole query with its parts' rankings: per round, `wholeShare`
 * tools of the whole ranking, then the next tool of each part (skipping tools already taken),
 * so every part's best tools reach the top `limit`. Scores are synthetic (decreasing).
 */
export function interleaveParts(whole: readonly RankedTool[], parts: ReadonlyArray<readonly RankedTool[]>, limit: number, wholeShare: number): RankedTool[] {
  const out: RankedTool[] = [];
  const taken = new Set<string>();
  const cursors = new Array<number>(parts.length + 1).fill(0);
  const lists = [whole, ...parts];
  const take = (li: number): boolean => {
    const list = lists[li];
    while (cursors[li] < list.length) {
      const r = list[cursors[li]++];
      if (taken.has(r.name)) continue;
      taken.add(r.name);
      out.push({ name: r.name, score: 0 });
      return true;
    }
    return false;
  };
  while (out.length < limit) {
    let any = false;
    for (let s = 0; s < wholeShare && out.length < limit; s++) any = take(0) || any;
    for (let p = 1; p < lists.length && out.length < limit; p++) any = take(p) || any;
    if (!any) break;
  }
  return out.map((r, i) => ({ name: r.name, score: out.length - i }));
}
