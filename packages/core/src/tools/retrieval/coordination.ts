/**
 * Coordination: a tool that matches more of a request's words ranks above one that matches
 * fewer as strongly. BM25 sums each word's evidence, so one word a tool's name repeats ("play"
 * in `play_music`, "stock" in `stock_quote`) can outscore a tool that matches three of the
 * request's words through its description ("wildfire smoke — ok to let the kids play outside").
 * Each of the request's content words is one concept (its own terms and the one-word synonym
 * groups it triggers), and the terms only phrases or token shapes bring are one more; a tool's
 * score is multiplied by `((matched + 1) / (concepts + 1)) ^ COORDINATION_POWER`, where only
 * concepts some tool matches count. Nothing in it names a tool or a domain.
 */
import type { Bm25Index } from './bm25.js';

/**
 * Multiplies each hit's score (`[docIndex, score]`, in place) by its coordination factor over
 * `concepts` (each a list of index terms; a concept no document has is left out). Does nothing
 * with fewer than two concepts that some document has.
 */
export function coordinate(index: Bm25Index, hits: Array<[number, number]>, concepts: ReadonlyArray<Iterable<string>>, power: number): void {
  if (!hits.length || power <= 0) return;
  const at = new Map<number, number>();
  hits.forEach(([d], i) => at.set(d, i));
  const matched = new Int32Array(hits.length);
  // the last concept each hit was counted for (a concept's terms may share documents)
  const last = new Int32Array(hits.length).fill(-1);
  let n = 0;
  for (const terms of concepts) {
    let any = false;
    for (const term of terms) {
      const docs = index.docsWith(term);
      if (docs.length) any = true;
      for (let j = 0; j < docs.length; j++) {
        const i = at.get(docs[j]);
        if (i === undefined || last[i] === n) continue;
        last[i] = n;
        matched[i]++;
      }
    }
    if (any) n++;
    // a concept no document has counted no hit: its id is reused by the next one
  }
  if (n < 2) return;
  for (let i = 0; i < hits.length; i++) hits[i][1] *= Math.pow((matched[i] + 1) / (n + 1), power);
}
