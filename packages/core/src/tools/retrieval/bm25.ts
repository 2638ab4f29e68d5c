/**
 * A small in-memory BM25F index: each document has weighted fields of kinds (name, module,
 * description, property); a term's frequency in a field is length-normalised against that
 * kind's average length, weighted, and summed over the fields before Okapi saturation (k1).
 * Per-kind normalisation means a long description does not dilute a name match, and a short
 * tool (`quota`) does not win on its module name alone. Built once per tool-list change; a
 * query touches only its terms' postings.
 */
import { tokenize } from './tokenize.js';
import { vocabularyForBuild, type Vocabulary } from './vocabulary.js';

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

/**
 * Term counts of one document, per field kind (cached per tool by the ranker): `kinds[k]` in
 * the order the fields first name them, with its weight and token count; `terms` the distinct
 * term ids, and `counts[j * kinds.length + k]` the occurrences of `terms[j]` in kind `k`.
 */
export interface TermCounts {
  /** The vocabulary of the ids. */
  readonly vocabulary: Vocabulary;
  /** Field kinds (see {@link WeightedField.kind}). */
  readonly kinds: readonly string[];
  /** Weight of each occurrence, per kind (the first field of the kind says). */
  readonly weights: readonly number[];
  /** Tokens in the document's fields of each kind. */
  readonly lengths: readonly number[];
  /** Distinct term ids. */
  readonly terms: Int32Array;
  /** Occurrences per term and kind. */
  readonly counts: Int32Array;
}

/** Row of each term id in the document being counted (+1; 0: not yet in it); grows with the vocabulary. */
let rows = new Int32Array(1024);

/** Count the terms of a document's fields, per kind. */
export function countTerms(fields: readonly WeightedField[], vocabulary: Vocabulary = vocabularyForBuild()): TermCounts {
  const kinds: string[] = [];
  const weights: number[] = [];
  const lengths: number[] = [];
  const kindOf: number[] = [];
  for (const f of fields) {
    let k = kinds.indexOf(f.kind);
    if (k < 0) {
      k = kinds.push(f.kind) - 1;
      weights.push(f.weight);
      lengths.push(0);
    }
    kindOf.push(k);
  }
  const K = kinds.length;
  const terms: number[] = [];
  const counts: number[] = [];
  fields.forEach((f, i) => {
    const k = kindOf[i];
    const { ids, length } = vocabulary.textTerms(f.text);
    lengths[k] += length;
    if (rows.length < vocabulary.size) {
      const grown = new Int32Array(Math.max(vocabulary.size, rows.length * 2));
      grown.set(rows);
      rows = grown;
    }
    for (let j = 0; j < ids.length; j++) {
      const id = ids[j];
      let r = rows[id];
      if (r === 0) {
        r = rows[id] = terms.push(id);
        for (let q = 0; q < K; q++) counts.push(0);
      }
      counts[(r - 1) * K + k]++;
    }
  });
  for (const id of terms) rows[id] = 0;
  return { vocabulary, kinds, weights, lengths, terms: Int32Array.from(terms), counts: Int32Array.from(counts) };
}

/**
 * An immutable BM25 index over documents given as weighted term counts, as postings in one
 * pair of typed arrays: the documents of term id `t` and their weighted term frequencies are
 * at `start[t]` to `start[t + 1]`, in document order.
 */
export class Bm25Index {
  readonly size: number;
  readonly #vocabulary: Vocabulary;
  readonly #start: Int32Array;
  readonly #docs: Int32Array;
  readonly #tf: Float32Array;
  readonly #idf: Float64Array;
  readonly #scores: Float64Array;

  /** @param docs term counts, all counted with one vocabulary (`vocabulary`, by default the first document's). */
  constructor(docs: readonly TermCounts[], vocabulary: Vocabulary = docs[0]?.vocabulary ?? vocabularyForBuild()) {
    const n = (this.size = docs.length);
    this.#vocabulary = vocabulary;
    const V = n ? vocabulary.size : 0;
    const totals = new Map<string, number>();
    const start = (this.#start = new Int32Array(V + 1));
    for (const doc of docs) {
      doc.kinds.forEach((kind, k) => totals.set(kind, (totals.get(kind) ?? 0) + doc.lengths[k]));
      for (const t of doc.terms) start[t + 1]++;
    }
    const idf = (this.#idf = new Float64Array(V));
    for (let t = 0; t < V; t++) {
      const df = start[t + 1];
      if (df) idf[t] = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      start[t + 1] += start[t];
    }
    const docIds = (this.#docs = new Int32Array(start[V]));
    const tfs = (this.#tf = new Float32Array(start[V]));
    const next = start.slice(0, V);
    const scales: number[] = [];
    docs.forEach((doc, i) => {
      const K = doc.kinds.length;
      doc.kinds.forEach((kind, k) => {
        const avg = (totals.get(kind) ?? 0) / n || 1;
        scales[k] = doc.weights[k] / (1 - B + (B * doc.lengths[k]) / avg);
      });
      const { terms, counts } = doc;
      for (let j = 0; j < terms.length; j++) {
        // summed kind by kind, in the kinds' order (the same floating-point sums as one map per document)
        let tf = 0;
        for (let k = 0; k < K; k++) {
          const c = counts[j * K + k];
          if (c) tf += c * scales[k];
        }
        const at = next[terms[j]]++;
        docIds[at] = i;
        tfs[at] = tf;
      }
    });
    this.#scores = new Float64Array(n);
  }

  /** Whether any document has the (tokenized) term. */
  has(term: string): boolean {
    const t = this.#vocabulary.find(term);
    return t !== undefined && t < this.#idf.length && this.#start[t + 1] > this.#start[t];
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
      const t = this.#vocabulary.find(term);
      if (t === undefined || t >= this.#idf.length) return;
      const idf = this.#idf[t];
      for (let j = this.#start[t], end = this.#start[t + 1]; j < end; j++) {
        const d = this.#docs[j];
        const tf = this.#tf[j];
        if (scores[d] === 0) {
          if (!open) continue;
          touched.push(d);
        }
        scores[d] += (weight * idf * tf * (K1 + 1)) / (tf + K1);
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
