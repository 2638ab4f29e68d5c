/**
 * A small in-memory BM25F-style index: each document has weighted fields whose term
 * frequencies are summed with their weights; scoring is Okapi BM25 (k1, b) over the weighted
 * counts. Built once per tool-list change; a query touches only its terms' postings.
 */
import { tokenize } from './tokenize.js';

/** One field of a document and how much a term in it counts. */
export interface WeightedField {
  /** The field's text. */
  text: string;
  /** Multiplier of each occurrence (names count more than descriptions). */
  weight: number;
}

/** BM25 term-frequency saturation. */
const K1 = 1.2;
/** BM25 length normalisation. */
const B = 0.75;

/** Weighted term counts of one document (cached per tool by the ranker). */
export type TermCounts = Map<string, number>;

/** Count the weighted terms of a document's fields. */
export function countTerms(fields: readonly WeightedField[]): TermCounts {
  const counts: TermCounts = new Map();
  for (const f of fields) for (const t of tokenize(f.text)) counts.set(t, (counts.get(t) ?? 0) + f.weight);
  return counts;
}

/** An immutable BM25 index over documents given as weighted term counts. */
export class Bm25Index {
  readonly size: number;
  readonly #postings = new Map<string, { docs: Int32Array; tf: Float32Array; idf: number }>();
  readonly #norm: Float32Array;
  readonly #scores: Float64Array;

  constructor(docs: readonly TermCounts[]) {
    this.size = docs.length;
    const lengths = new Float32Array(docs.length);
    const lists = new Map<string, { docs: number[]; tf: number[] }>();
    let total = 0;
    docs.forEach((counts, i) => {
      let len = 0;
      for (const [term, n] of counts) {
        len += n;
        let list = lists.get(term);
        if (!list) lists.set(term, (list = { docs: [], tf: [] }));
        list.docs.push(i);
        list.tf.push(n);
      }
      lengths[i] = len;
      total += len;
    });
    const avg = docs.length ? total / docs.length || 1 : 1;
    this.#norm = new Float32Array(docs.length);
    for (let i = 0; i < docs.length; i++) this.#norm[i] = K1 * (1 - B + (B * lengths[i]) / avg);
    for (const [term, list] of lists) {
      const df = list.docs.length;
      const idf = Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
      this.#postings.set(term, { docs: Int32Array.from(list.docs), tf: Float32Array.from(list.tf), idf });
    }
    this.#scores = new Float64Array(docs.length);
  }

  /** The best `limit` documents for `query` (text, or weighted terms), best first, as `[docIndex, score]` (only scores > 0). */
  search(query: string | ReadonlyMap<string, number>, limit: number): Array<[number, number]> {
    const scores = this.#scores;
    const touched: number[] = [];
    const terms = typeof query === 'string' ? new Map(tokenize(query).map((t) => [t, 1])) : query;
    for (const [term, weight] of terms) {
      const p = this.#postings.get(term);
      if (!p) continue;
      for (let j = 0; j < p.docs.length; j++) {
        const d = p.docs[j];
        const tf = p.tf[j];
        if (scores[d] === 0) touched.push(d);
        scores[d] += (weight * p.idf * tf * (K1 + 1)) / (tf + this.#norm[d]);
      }
    }
    const out: Array<[number, number]> = touched.map((d) => [d, scores[d]]);
    for (const d of touched) scores[d] = 0;
    out.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return out.length > limit ? out.slice(0, limit) : out;
  }
}
