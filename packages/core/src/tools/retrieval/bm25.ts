/**
 * A small in-memory BM25F index: each document has weighted fields of kinds (name, module,
 * description, property); a term's frequency in a field is length-normalised against that
 * kind's average length, weighted, and summed over the fields before Okapi saturation (k1).
 * Per-kind normalisation means a long description does not dilute a name match, and a short
 * tool (`quota`) does not win on its module name alone. Built once per tool-list change; a
 * query touches only its terms' postings.
 */
import { tokenize, tokenizeWithSurface } from './tokenize.js';

/** One field of a document and how much a term in it counts. */
export interface WeightedField {
  /** The field's text. */
  text: string;
  /** Multiplier of each occurrence (names count more than descriptions). */
  weight: number;
  /** The field's kind: lengths are normalised against the average of fields of the same kind. */
  kind: string;
}

/** BM25 term-frequency saturation. */
const K1 = 0.8;
/** BM25 length normalisation. */
const B = 0.3;

/** One kind of field of a document: its weight, token count and term counts. */
export interface FieldCounts {
  /** The kind (see {@link WeightedField.kind}). */
  kind: string;
  /** Weight of each occurrence. */
  weight: number;
  /** Tokens in the document's fields of this kind. */
  length: number;
  /** Occurrences per term. */
  counts: Map<string, number>;
}

/** Term counts of one document, per field kind (cached per tool by the ranker). */
export type TermCounts = FieldCounts[];

/** Count the terms of a document's fields, per kind. */
export function countTerms(fields: readonly WeightedField[]): TermCounts {
  const byKind = new Map<string, FieldCounts>();
  for (const f of fields) {
    let k = byKind.get(f.kind);
    if (!k) byKind.set(f.kind, (k = { kind: f.kind, weight: f.weight, length: 0, counts: new Map() }));
    const { tokens, surface } = tokenizeWithSurface(f.text);
    for (const t of tokens) {
      k.counts.set(t, (k.counts.get(t) ?? 0) + 1);
      k.length++;
    }
    for (const t of surface) k.counts.set(t, (k.counts.get(t) ?? 0) + 1);
  }
  return [...byKind.values()];
}

/** An immutable BM25 index over documents given as weighted term counts. */
export class Bm25Index {
  readonly size: number;
  readonly #postings = new Map<string, { docs: Int32Array; tf: Float32Array; idf: number }>();
  readonly #scores: Float64Array;

  constructor(docs: readonly TermCounts[]) {
    this.size = docs.length;
    const totals = new Map<string, number>();
    for (const doc of docs) for (const f of doc) totals.set(f.kind, (totals.get(f.kind) ?? 0) + f.length);
    const lists = new Map<string, { docs: number[]; tf: number[] }>();
    docs.forEach((doc, i) => {
      const tf = new Map<string, number>();
      for (const f of doc) {
        const avg = (totals.get(f.kind) ?? 0) / docs.length || 1;
        const scale = f.weight / (1 - B + (B * f.length) / avg);
        for (const [term, n] of f.counts) tf.set(term, (tf.get(term) ?? 0) + n * scale);
      }
      for (const [term, n] of tf) {
        let list = lists.get(term);
        if (!list) lists.set(term, (list = { docs: [], tf: [] }));
        list.docs.push(i);
        list.tf.push(n);
      }
    });
    for (const [term, list] of lists) {
      const df = list.docs.length;
      const idf = Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
      this.#postings.set(term, { docs: Int32Array.from(list.docs), tf: Float32Array.from(list.tf), idf });
    }
    this.#scores = new Float64Array(docs.length);
  }

  /** Whether any document has the (tokenized) term. */
  has(term: string): boolean {
    return this.#postings.has(term);
  }

  /**
   * The best `limit` documents for `query` (text, or weighted terms), best first, as
   * `[docIndex, score]` (only scores > 0). Terms in `contextOnly` add only to documents the
   * other terms match (all documents when those match none).
   */
  search(query: string | ReadonlyMap<string, number>, limit: number, contextOnly?: ReadonlySet<string>): Array<[number, number]> {
    const scores = this.#scores;
    const touched: number[] = [];
    const terms = typeof query === 'string' ? new Map(tokenize(query).map((t) => [t, 1])) : query;
    const add = (term: string, weight: number, open: boolean): void => {
      const p = this.#postings.get(term);
      if (!p) return;
      for (let j = 0; j < p.docs.length; j++) {
        const d = p.docs[j];
        const tf = p.tf[j];
        if (scores[d] === 0) {
          if (!open) continue;
          touched.push(d);
        }
        scores[d] += (weight * p.idf * tf * (K1 + 1)) / (tf + K1);
      }
    };
    for (const [term, weight] of terms) if (!contextOnly?.has(term)) add(term, weight, true);
    if (contextOnly) {
      const open = touched.length === 0;
      for (const [term, weight] of terms) if (contextOnly.has(term)) add(term, weight, open);
    }
    const out: Array<[number, number]> = touched.map((d) => [d, scores[d]]);
    for (const d of touched) scores[d] = 0;
    out.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return out.length > limit ? out.slice(0, limit) : out;
  }
}
