/**
 * A small in-memory BM25F index: each document has weighted fields of kinds (name, module,
 * description, property); a term's frequency in a field is length-normalised against that
 * kind's average length, weighted, and summed over the fields before Okapi saturation (k1).
 * Per-kind normalisation means a long description does not dilute a name match, and a short
 * tool (`quota`) does not win on its module name alone. Built once per tool-list change, lazily:
 * building reads each field's length and where each text occurs; a term's postings are computed
 * when a request first uses it (from the words that add it and the texts they occur in, see
 * `vocabulary.ts`) and kept, so a step touches only its terms' postings.
 */
import { tokenize } from './tokenize.js';
import { BM25_K1 } from '../../defaults.js';
import { vocabularyForBuild, type TextTerms, type Vocabulary } from './vocabulary.js';

/** One field of a document and how much a term in it counts. */
export interface WeightedField {
  /** The field's text. */
  text: string;
  /** Multiplier of each occurrence (names count more than descriptions). */
  weight: number;
  /** The field's kind: lengths are normalised against the average of fields of the same kind. */
  kind: string;
}

const K1 = BM25_K1;
/** BM25 length normalisation. */
const B = 0.3;

/** A document's fields as the index reads them (cached per tool by the ranker). */
export interface DocFields {
  /** The vocabulary of the texts. */
  readonly vocabulary: Vocabulary;
  /** Each field's text. */
  readonly texts: readonly TextTerms[];
  /** Each field's kind, as an index into `kinds`. */
  readonly kindOf: readonly number[];
  /** Field kinds (see {@link WeightedField.kind}), in the order the fields first name them. */
  readonly kinds: readonly string[];
  /** Weight of each occurrence, per kind (the first field of the kind says). */
  readonly weights: readonly number[];
  /** Tokens in the document's fields of each kind. */
  readonly lengths: readonly number[];
}

/** Read a document's fields (tokenizing each distinct text once per vocabulary). */
export function docFields(fields: readonly WeightedField[], vocabulary: Vocabulary = vocabularyForBuild()): DocFields {
  const kinds: string[] = [];
  const weights: number[] = [];
  const lengths: number[] = [];
  const kindOf: number[] = [];
  const texts: TextTerms[] = [];
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    let k = kinds.indexOf(f.kind);
    if (k < 0) {
      k = kinds.push(f.kind) - 1;
      weights.push(f.weight);
      lengths.push(0);
    }
    const text = vocabulary.textTerms(f.text);
    lengths[k] += text.length;
    kindOf.push(k);
    texts.push(text);
  }
  return { vocabulary, texts, kindOf, kinds, weights, lengths };
}

/** The documents of one term and their weighted term frequencies, in first-found order. */
interface Postings {
  readonly docs: Int32Array;
  readonly tf: Float32Array;
  readonly idf: number;
}

const NO_POSTINGS: Postings = { docs: new Int32Array(0), tf: new Float32Array(0), idf: 0 };

/**
 * An immutable BM25 index over documents. Building it computes each document's length
 * normalisation per kind and where each field text occurs; a term's postings are computed on
 * its first search (the same floating-point sums, kind by kind, as counting every term up
 * front) and kept.
 */
export class Bm25Index {
  readonly size: number;
  readonly #vocabulary: Vocabulary;
  /** Per document: its kinds' scales start at `#scaleAt[d]` in `#scales` (`#scaleAt[d + 1] - #scaleAt[d]` kinds). */
  readonly #scaleAt: Int32Array;
  readonly #scales: Float64Array;
  /** Where each text (by id) occurs: `#occAt[id]` to `#occAt[id + 1]` in `#occDoc`/`#occKind`. */
  readonly #occAt: Int32Array;
  readonly #occDoc: Int32Array;
  readonly #occKind: Int32Array;
  /** Most kinds of one document (the stride of the scratch counts). */
  readonly #maxKinds: number;
  readonly #postings = new Map<number, Postings>();
  /** Scratch counts per document and kind (all zero between calls). */
  #counts: Int32Array | undefined;
  readonly #scores: Float64Array;

  /** @param docs the documents, all read with one vocabulary (`vocabulary`, by default the first document's). */
  constructor(docs: readonly DocFields[], vocabulary: Vocabulary = docs[0]?.vocabulary ?? vocabularyForBuild()) {
    const n = (this.size = docs.length);
    this.#vocabulary = vocabulary;
    const totals = new Map<string, number>();
    let kindsInAll = 0;
    let fieldsInAll = 0;
    let maxKinds = 0;
    for (let d = 0; d < n; d++) {
      const doc = docs[d];
      const K = doc.kinds.length;
      for (let k = 0; k < K; k++) totals.set(doc.kinds[k], (totals.get(doc.kinds[k]) ?? 0) + doc.lengths[k]);
      kindsInAll += K;
      fieldsInAll += doc.texts.length;
      if (K > maxKinds) maxKinds = K;
    }
    this.#maxKinds = maxKinds;
    const scaleAt = (this.#scaleAt = new Int32Array(n + 1));
    const scales = (this.#scales = new Float64Array(kindsInAll));
    const textCount = n ? vocabulary.texts : 0;
    const occAt = (this.#occAt = new Int32Array(textCount + 1));
    let s = 0;
    for (let d = 0; d < n; d++) {
      const doc = docs[d];
      scaleAt[d] = s;
      for (let k = 0; k < doc.kinds.length; k++) {
        const avg = (totals.get(doc.kinds[k]) ?? 0) / n || 1;
        scales[s++] = doc.weights[k] / (1 - B + (B * doc.lengths[k]) / avg);
      }
      for (let f = 0; f < doc.texts.length; f++) occAt[doc.texts[f].id + 1]++;
    }
    scaleAt[n] = s;
    for (let t = 0; t < textCount; t++) occAt[t + 1] += occAt[t];
    const next = occAt.slice(0, textCount);
    const occDoc = (this.#occDoc = new Int32Array(fieldsInAll));
    const occKind = (this.#occKind = new Int32Array(fieldsInAll));
    for (let d = 0; d < n; d++) {
      const { texts, kindOf } = docs[d];
      for (let f = 0; f < texts.length; f++) {
        const at = next[texts[f].id]++;
        occDoc[at] = d;
        occKind[at] = kindOf[f];
      }
    }
    this.#scores = new Float64Array(n);
  }

  /** The postings of term id `t` (computed on first use). */
  #postingsOf(t: number): Postings {
    let p = this.#postings.get(t);
    if (p) return p;
    const stride = this.#maxKinds;
    // occurrences per document and kind, summed as integers first (as a per-kind count is); zeroed again below
    const counts = (this.#counts ??= new Int32Array(this.size * stride));
    const docs: number[] = [];
    const texts = this.#occAt.length - 1;
    for (const word of this.#vocabulary.wordsWith(t)) {
      // how often the word adds the term (an abbreviation may repeat its own stem)
      let n = 0;
      for (const u of word.terms) if (u === t) n++;
      for (const text of word.texts) {
        if (text >= texts) continue; // a text no document of this index has
        for (let o = this.#occAt[text], end = this.#occAt[text + 1]; o < end; o++) {
          const d = this.#occDoc[o];
          const base = d * stride;
          let fresh = true;
          for (let k = 0; k < stride && fresh; k++) fresh = counts[base + k] === 0;
          if (fresh) docs.push(d);
          counts[base + this.#occKind[o]] += n;
        }
      }
    }
    const tf = new Float32Array(docs.length);
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i];
      const from = this.#scaleAt[d];
      const K = this.#scaleAt[d + 1] - from;
      // summed kind by kind, in the document's kinds' order
      let sum = 0;
      for (let k = 0; k < K; k++) {
        const c = counts[d * stride + k];
        if (c) sum += c * this.#scales[from + k];
      }
      counts.fill(0, d * stride, d * stride + stride);
      tf[i] = sum;
    }
    const df = docs.length;
    p = df ? { docs: Int32Array.from(docs), tf, idf: Math.log(1 + (this.size - df + 0.5) / (df + 0.5)) } : NO_POSTINGS;
    this.#postings.set(t, p);
    return p;
  }

  /** The documents that have the (tokenized) term, in first-found order (empty when none). */
  docsWith(term: string): Int32Array {
    const t = this.#vocabulary.find(term);
    return t === undefined || this.size === 0 ? NO_POSTINGS.docs : this.#postingsOf(t).docs;
  }

  /** Whether any document has the (tokenized) term. */
  has(term: string): boolean {
    const t = this.#vocabulary.find(term);
    return t !== undefined && this.size > 0 && this.#postingsOf(t).docs.length > 0;
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
      if (t === undefined || this.size === 0) return;
      const p = this.#postingsOf(t);
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
