/**
 * `hashEmbedder()`: a deterministic stand-in for an embedding model, for tests and benchmarks
 * (no network, no weights). A text's vector sums hashed features: its word stems, their
 * character trigrams (so near spellings meet) and a "concept" feature per synonym group a word
 * belongs to (a crude version of what a real model learns). Not a semantic model: use a real
 * `/embeddings` endpoint in production.
 */
import { createHash } from 'node:crypto';
import { SYNONYM_GROUPS, tokenize } from '../tools/retrieval/index.js';

/** Options of {@link hashEmbedder}. */
export interface HashEmbedderOptions {
  /** Vector length (default 512). */
  dimensions?: number;
}

function bucket(feature: string, dims: number): [number, number] {
  const h = createHash('md5').update(feature).digest();
  return [h.readUInt32LE(0) % dims, h[4] & 1 ? 1 : -1];
}

/** A deterministic `embed(texts)` function (see the module comment). */
export function hashEmbedder(options: HashEmbedderOptions = {}): (texts: string[]) => Promise<number[][]> {
  const dims = options.dimensions ?? 512;
  const concepts = new Map<string, number[]>();
  SYNONYM_GROUPS.forEach((group, gi) => {
    for (const t of new Set(group.flatMap((w) => tokenize(w)))) {
      const list = concepts.get(t) ?? [];
      list.push(gi);
      concepts.set(t, list);
    }
  });
  const cache = new Map<string, [number, number]>();
  const add = (v: number[], feature: string, weight: number) => {
    let b = cache.get(feature);
    if (!b) cache.set(feature, (b = bucket(feature, dims)));
    v[b[0]] += b[1] * weight;
  };
  const one = (text: string): number[] => {
    const v = new Array<number>(dims).fill(0);
    for (const t of tokenize(text)) {
      add(v, `w:${t}`, 1);
      const padded = `^${t}$`;
      for (let i = 0; i + 3 <= padded.length; i++) add(v, `g:${padded.slice(i, i + 3)}`, 0.3);
      for (const c of concepts.get(t) ?? []) add(v, `c:${c}`, 0.7);
    }
    return v;
  };
  return async (texts) => texts.map(one);
}
