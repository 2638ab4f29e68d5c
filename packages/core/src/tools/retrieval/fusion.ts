/**
 * Fusion of rankings: the hybrid ranker's lexical-dominant score fusion, and the interleave of a
 * multi-intent query's parts.
 */
import { tokenize } from './tokenize.js';
import type { RankedTool } from './types.js';
import { MAX_QUERY_PARTS } from '../../defaults.js';
import { MIN_PART_TERMS } from '../../defaults.js';
import { PART_VERBS } from './operations.js';
export { MAX_QUERY_PARTS };

/**
 * Lexical-dominant score fusion (the hybrid ranker): each tool scores its lexical score over the
 * best lexical score (0..1), plus `cosineWeight` times its cosine rescaled over the cosine
 * ranking's range (0..1); the candidates are both rankings' tools; best `limit` first (ties by
 * name). With a small weight, what BM25 finds keeps its order and cosine breaks its ties and
 * adds tools BM25 missed; when BM25 finds nothing, cosine ranks alone.
 */
export function fuseScores(lexical: readonly RankedTool[], cosine: readonly RankedTool[], cosineWeight: number, limit: number): RankedTool[] {
  const fused = new Map<string, number>();
  const top = lexical.length ? lexical[0].score : 0;
  if (top > 0) for (const r of lexical) fused.set(r.name, r.score / top);
  if (cosine.length) {
    const hi = cosine[0].score;
    const lo = cosine[cosine.length - 1].score;
    const span = hi - lo;
    for (const r of cosine) fused.set(r.name, (fused.get(r.name) ?? 0) + cosineWeight * (span > 0 ? (r.score - lo) / span : 1));
  }
  return [...fused]
    .map(([name, score]) => ({ name, score }))
    .sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, limit);
}

/** A joiner that starts another request: after punctuation (". Also", ", then", "; plus", ") and then"), with a colon ("… Also: …"), or "and also" / "and then" anywhere. */
const PART_BREAK =
  /(?<=[.!?)])\s+(?:also|and then|and also|then|plus)\b[:,]?\s*|[,;:]\s+(?:also|and then|and also|then|plus)\b[:,]?\s*|\s+(?:also|then|plus):\s*|\s+(?:and also|and then)\s+/i;

/** "and" (after an optional comma) before a verb that starts another request ("… and set the heat to 65"). */
const AND_BREAK = new RegExp(`,?\\s+and\\s+(?=(?:${PART_VERBS.join('|')})\\s+\\S)`, 'i');

/**
 * The parts of a multi-intent query ("Refund order 12, then email the customer"), or `[]` for
 * one intent. Splits only where punctuation is followed by "also", "then", "and then" or
 * "plus", at "also:", at "and also" / "and then", or at "and" before a verb that starts a
 * request ("… and set the heat to 65", "… and do I have anything on"); a part of fewer than `MIN_PART_TERMS` content words stays with the part before.
 */
export function queryParts(query: string): string[] {
  const parts: string[] = [];
  for (const raw of query.split(PART_BREAK).flatMap((p) => p.split(AND_BREAK))) {
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
