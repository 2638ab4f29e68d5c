/**
 * The embedding ranker's cosine step: the tools' unit vectors as the rows of one contiguous
 * matrix, every cosine in one loop, and the best `limit` rows picked with a bounded heap instead
 * of sorting every tool. The order is exactly a stable sort by score, best first: equal scores
 * keep the tools' order.
 */
import type { Tool } from '../types.js';
import type { RankedTool } from './types.js';

/** The tools' unit vectors, row `i` for `tools[i]` (see {@link buildCosineMatrix}). */
export interface CosineMatrix {
  /** `tools.length × dim` values, row-major. */
  readonly data: Float32Array;
  /** Values per row. */
  readonly dim: number;
  /** 1 where the tool has a vector; a tool without one scores 0. */
  readonly present: Uint8Array;
}

/**
 * The matrix of `tools`' vectors (`vectorOf` gives a tool's unit vector, or `undefined`), or
 * `undefined` when the vectors differ in length (callers then score tool by tool).
 */
export function buildCosineMatrix(tools: readonly Tool[], vectorOf: (tool: Tool) => Float32Array | undefined): CosineMatrix | undefined {
  const rows = tools.map(vectorOf);
  let dim = -1;
  for (const v of rows) {
    if (!v) continue;
    if (dim < 0) dim = v.length;
    else if (v.length !== dim) return undefined;
  }
  dim = Math.max(dim, 0);
  const data = new Float32Array(tools.length * dim);
  const present = new Uint8Array(tools.length);
  rows.forEach((v, i) => {
    if (!v) return;
    data.set(v, i * dim);
    present[i] = 1;
  });
  return { data, dim, present };
}

/**
 * Cosines of the unit query vector `q` with every row, each summed in the same order as a plain
 * dot product over the shorter of the two vectors (so scores are bit-identical to it). Four rows
 * go through the loop together: four independent sums, not one long chain of additions.
 */
export function cosineScores(matrix: CosineMatrix, q: Float32Array): Float64Array {
  const { data, dim, present } = matrix;
  const rows = present.length;
  const n = Math.min(q.length, dim);
  const out = new Float64Array(rows);
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const b0 = r * dim;
    const b1 = b0 + dim;
    const b2 = b1 + dim;
    const b3 = b2 + dim;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = 0; i < n; i++) {
      const x = q[i];
      s0 += x * data[b0 + i];
      s1 += x * data[b1 + i];
      s2 += x * data[b2 + i];
      s3 += x * data[b3 + i];
    }
    out[r] = present[r] ? s0 : 0;
    out[r + 1] = present[r + 1] ? s1 : 0;
    out[r + 2] = present[r + 2] ? s2 : 0;
    out[r + 3] = present[r + 3] ? s3 : 0;
  }
  for (; r < rows; r++) {
    if (!present[r]) continue;
    const base = r * dim;
    let s = 0;
    for (let i = 0; i < n; i++) s += q[i] * data[base + i];
    out[r] = s;
  }
  return out;
}

/**
 * The best `limit` of `scores` as ranked tools (names from `tools`), best first, equal scores
 * in index order: the same as a stable sort of all by score, descending, then `slice(0, limit)`,
 * in O(n log limit). `limit` must be a non-negative integer. `undefined` if a score is NaN (a
 * sort's order is then unspecified; callers sort as before).
 */
export function topByScore(scores: Float64Array, tools: readonly Tool[], limit: number): RankedTool[] | undefined {
  const k = Math.min(limit, scores.length);
  if (k <= 0) return scores.some(Number.isNaN) ? undefined : [];
  // a heap of row indexes whose root is the worst kept row (lowest score; on a tie, the later row)
  const heap = new Int32Array(k);
  let size = 0;
  const worse = (a: number, b: number) => scores[a] < scores[b] || (scores[a] === scores[b] && a > b);
  const siftDown = (from: number) => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) return;
      const r = l + 1;
      const c = r < size && worse(heap[r], heap[l]) ? r : l;
      if (!worse(heap[c], heap[i])) return;
      const t = heap[c];
      heap[c] = heap[i];
      heap[i] = t;
      i = c;
    }
  };
  for (let row = 0; row < scores.length; row++) {
    const s = scores[row];
    if (s !== s) return undefined;
    if (size < k) {
      let i = size++;
      heap[i] = row;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!worse(heap[i], heap[p])) break;
        const t = heap[p];
        heap[p] = heap[i];
        heap[i] = t;
        i = p;
      }
    } else if (s > scores[heap[0]]) {
      // a later row with an equal score ranks after the kept one, so only a higher score enters
      heap[0] = row;
      siftDown(0);
    }
  }
  const best = Array.from(heap).sort((a, b) => scores[b] - scores[a] || a - b);
  return best.map((row) => ({ name: tools[row].name, score: scores[row] }));
}
