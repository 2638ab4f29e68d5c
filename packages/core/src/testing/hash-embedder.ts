/**
 * `hashEmbedder()`: a deterministic STAND-IN for an embedding model, for tests and benchmarks
 * (no network, no weights). A text's vector sums hashed features of its tokens (`tokenize`:
 * split names, stems, abbreviations spelled out), each weighted by 1 + ln(count) so a word
 * repeated in a tool's text does not drown the rest: the word stem and its character trigrams (so
 * near spellings meet), plus a "concept" feature per synonym group the text mentions (a crude
 * version of what a real model learns). Not a semantic model: use a real `/embeddings`
 * endpoint in production; figures measured with it say nothing about a real model's.
 */
import { createHash } from 'node:crypto';
import { SYNONYM_GROUPS, tokenize } from '../tools/retrieval/index.js';
import { ConceptMatcher } from '../tools/retrieval/concepts.js';

/** Options of {@link hashEmbedder}. */
export interface HashEmbedderOptions {
  /** Vector length (default `DEFAULT_DIMENSIONS`). */
  dimensions?: number;
}

/** Default vector length (large enough that hashed features rarely collide). */
const DEFAULT_DIMENSIONS = 1024;
/** Weight of a word's character trigram next to the word itself (1). */
const TRIGRAM_WEIGHT = 0.2;
/** Weight of a word's synonym-group ("concept") feature next to the word itself (1). */
const CONCEPT_WEIGHT = 1;

function bucket(feature: string, dims: number): [number, number] {
  const h = createHash('md5').update(feature).digest();
  return [h.readUInt32LE(0) % dims, h[4] & 1 ? 1 : -1];
}

/** A deterministic `embed(texts)` function (see the module comment). */
export function hashEmbedder(options: HashEmbedderOptions = {}): (texts: string[]) => Promise<number[][]> {
  const dims = options.dimensions ?? DEFAULT_DIMENSIONS;
  const concepts = new ConceptMatcher(SYNONYM_GROUPS);
  const cache = new Map<string, [number, number]>();
  const add = (v: number[], feature: string, weight: number) => {
    let b = cache.get(feature);
    if (!b) cache.set(feature, (b = bucket(feature, dims)));
    v[b[0]] += b[1] * weight;
  };
  const one = (text: string): number[] => {
    const v = new Array<number>(dims).fill(0);
    const tokens = tokenize(text);
    const counts = new Map<string, number>();
    for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [t, n] of counts) {
      const w = 1 + Math.log(n);
      add(v, `w:${t}`, w);
      const padded = `^${t}$`;
      for (let i = 0; i + 3 <= padded.length; i++) add(v, `g:${padded.slice(i, i + 3)}`, TRIGRAM_WEIGHT * w);
    }
    for (const [g, n] of concepts.match(tokens)) add(v, `c:${g}`, CONCEPT_WEIGHT * (1 + Math.log(n)));
    return v;
  };
  return async (texts) => texts.map(one);
}
