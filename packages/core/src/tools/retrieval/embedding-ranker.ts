/**
 * `embeddingRanker()`: ranks tools by cosine similarity between the query's embedding and each
 * tool's, fused with BM25 (hybrid, the default: lexical-dominant score fusion, so what BM25
 * finds is never lost and cosine breaks its ties and adds what it missed), through any
 * `embed(texts)` function — typically an OpenAI-compatible provider's `/embeddings`. Tool
 * vectors are cached in memory and, with a store, persisted by model and text hash; when the
 * tool list changes (a module installed or removed) only new tools are embedded and vectors of
 * tools that left are deleted. If embedding fails, the step falls back to BM25: a ranking
 * outage never breaks a run.
 */
import { createHash } from 'node:crypto';
import type { GraftStore } from '../../store/index.js';
import type { Tool, ToolSource } from '../types.js';
import { EMBEDDING_BATCH_SIZE } from '../../defaults.js';
import { LexicalRanker, toolText } from './lexical-ranker.js';
import type { RankedTool, ToolRanker } from './types.js';
import { fuseScores, interleaveParts, queryParts } from './fusion.js';
import { buildCosineMatrix, cosineScores, topByScore, type CosineMatrix } from './cosine-matrix.js';
import { HYBRID_COSINE_WEIGHT } from '../../defaults.js';

/** How deep each ranking goes into the hybrid fusion (at least; `4 × limit` when larger). */
const FUSION_DEPTH = 50;
/** Tools of the whole query's ranking per round of a multi-intent interleave (as the lexical ranker). */
const WHOLE_SHARE = 1;

/** Turns texts into vectors (one per text, same order). */
export type EmbedFunction = (texts: string[], signal?: AbortSignal) => Promise<number[][]>;

/** Options of {@link embeddingRanker}. */
export interface EmbeddingRankerOptions {
  /** The embedder, e.g. `(texts) => provider.embed(texts).then((r) => r.vectors)`. */
  embed: EmbedFunction;
  /** The embedding model's name (part of the cache key, so a model change re-embeds). */
  model: string;
  /** Persist tool vectors here (a namespace `tool-embeddings` is used). Default: memory only. */
  store?: GraftStore;
  /** Fuse with BM25 (default `true`); `false` ranks by cosine alone. */
  hybrid?: boolean;
  /**
   * Weight of the cosine score next to the BM25 score in the hybrid fusion (both scaled to 0..1;
   * default `HYBRID_COSINE_WEIGHT`, tuned with a real sentence-embedding model). Raise it for a
   * strong embedding model whose ranking beats BM25's on your tools; lower it for a weak one.
   */
  cosineWeight?: number;
  /** Called when embedding failed and the step fell back to BM25 (for logs/metrics). */
  onError?: (error: unknown) => void;
}

function hashText(model: string, text: string): string {
  return createHash('sha256').update(model).update('\0').update(text).digest('hex').slice(0, 32);
}

function normalize(v: number[]): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  const inv = n > 0 ? 1 / Math.sqrt(n) : 0;
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i] * inv;
  return out;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

/** An embedding ranker (see {@link embeddingRanker}). */
export class EmbeddingRanker implements ToolRanker {
  readonly id: string;
  readonly #opts: EmbeddingRankerOptions;
  readonly #store: GraftStore | undefined;
  readonly #lexical = new LexicalRanker();
  /** key (model+text hash) → unit vector */
  readonly #vectors = new Map<string, Float32Array>();
  readonly #keyOf = new WeakMap<Tool, string>();
  #synced: readonly Tool[] = [];
  #syncing: Promise<void> | undefined;
  /** The ranked tools' vectors as one matrix (`rows` undefined if lengths differ); dropped whenever `#vectors` changes. */
  #matrix: { tools: readonly Tool[]; rows: CosineMatrix | undefined } | undefined;

  constructor(options: EmbeddingRankerOptions) {
    this.#opts = options;
    this.id = options.hybrid === false ? 'embedding' : 'hybrid';
    this.#store = options.store?.namespace('tool-embeddings');
  }

  #key(tool: Tool): string {
    let k = this.#keyOf.get(tool);
    if (!k) this.#keyOf.set(tool, (k = hashText(this.#opts.model, toolText(tool))));
    return k;
  }

  /**
   * Make sure every tool of `tools` has a vector (from memory, the store, or the embedder), and
   * forget vectors of tools no longer listed. Call it after installs/uninstalls to pre-warm;
   * `rank` calls it too.
   */
  async sync(tools: readonly Tool[]): Promise<void> {
    if (tools === this.#synced) return;
    while (this.#syncing) await this.#syncing;
    if (tools === this.#synced) return;
    this.#syncing = this.#doSync(tools).finally(() => (this.#syncing = undefined));
    await this.#syncing;
  }

  async #doSync(tools: readonly Tool[]): Promise<void> {
    const wanted = new Map<string, Tool>();
    for (const t of tools) wanted.set(this.#key(t), t);
    let missing = [...wanted.keys()].filter((k) => !this.#vectors.has(k));
    if (missing.length && this.#store) {
      const stored = await this.#store.getMany<number[]>(missing);
      missing.forEach((k, i) => {
        const v = stored[i];
        if (Array.isArray(v)) this.#setVector(k, Float32Array.from(v));
      });
      missing = missing.filter((k) => !this.#vectors.has(k));
    }
    for (let i = 0; i < missing.length; i += EMBEDDING_BATCH_SIZE) {
      const batch = missing.slice(i, i + EMBEDDING_BATCH_SIZE);
      const vectors = await this.#opts.embed(batch.map((k) => toolText(wanted.get(k)!)));
      if (!Array.isArray(vectors) || vectors.length !== batch.length)
        throw new Error(`the embedder returned ${Array.isArray(vectors) ? vectors.length : 'no'} vectors for ${batch.length} texts`);
      const entries = batch.map((k, j) => {
        const unit = normalize(vectors[j]);
        this.#setVector(k, unit);
        return { key: k, value: Array.from(unit) };
      });
      if (this.#store) await this.#store.setMany(entries);
    }
    const gone = [...this.#vectors.keys()].filter((k) => !wanted.has(k));
    for (const k of gone) this.#vectors.delete(k);
    if (gone.length) this.#matrix = undefined;
    if (this.#store && this.#synced.length) await Promise.all(gone.map((k) => this.#store!.delete(k)));
    this.#synced = tools;
  }

  #setVector(key: string, unit: Float32Array): void {
    this.#vectors.set(key, unit);
    this.#matrix = undefined;
  }

  /**
   * Keep vectors in step with a tool source: embed new tools and delete vectors of removed ones
   * as soon as it reports a change (a module installed or uninstalled), not at the next step.
   * Returns a function that stops watching. Failures go to `onError`; the next `rank` retries.
   */
  watch(source: ToolSource): () => void {
    const update = () => void this.sync(source.list()).catch((error: unknown) => this.#opts.onError?.(error));
    update();
    return source.subscribe(update);
  }

  /**
   * Rank `tools` for `query` (embedding the query; BM25 only if embedding fails). A multi-intent
   * query ("…, then …") also ranks each part on its own (one embedding call for all), and the
   * parts' rankings are interleaved with the whole query's, as the lexical ranker does.
   */
  async rank(query: string, tools: readonly Tool[], limit: number): Promise<RankedTool[]> {
    const parts = queryParts(query);
    const texts = [query, ...parts];
    let qs: Float32Array[];
    try {
      const [, vectors] = await Promise.all([this.sync(tools), this.#opts.embed(texts)]);
      if (!Array.isArray(vectors) || vectors.length !== texts.length)
        throw new Error(`the embedder returned ${Array.isArray(vectors) ? vectors.length : 'no'} vectors for ${texts.length} texts`);
      qs = vectors.map(normalize);
    } catch (error) {
      this.#opts.onError?.(error);
      return this.#lexical.rank(query, tools, limit);
    }
    const depth = Math.max(limit * 4, FUSION_DEPTH);
    const ranked = texts.map((text, i) => {
      const cos = this.#cosine(qs[i], tools, this.#opts.hybrid === false ? limit : depth);
      if (this.#opts.hybrid === false) return cos;
      return fuseScores(this.#lexical.rank(text, tools, depth), cos, this.#opts.cosineWeight ?? HYBRID_COSINE_WEIGHT, limit);
    });
    return parts.length ? interleaveParts(ranked[0], ranked.slice(1), limit, WHOLE_SHARE) : ranked[0];
  }

  /** The best `limit` tools by cosine with the unit query vector `q` (a stable sort by score, best first). */
  #cosine(q: Float32Array, tools: readonly Tool[], limit: number): RankedTool[] {
    if (this.#matrix?.tools !== tools) this.#matrix = { tools, rows: buildCosineMatrix(tools, (t) => this.#vectors.get(this.#key(t))) };
    const rows = this.#matrix.rows;
    const scores = rows && Number.isInteger(limit) && limit >= 0 ? cosineScores(rows, q) : undefined;
    const top = scores && topByScore(scores, tools, limit);
    if (top) return top;
    // vectors of mixed lengths, a NaN score or an odd limit: score tool by tool and sort all
    const cos: RankedTool[] = tools.map((t, i) => ({
      name: t.name,
      score: scores ? scores[i] : dot(q, this.#vectors.get(this.#key(t)) ?? new Float32Array(0)),
    }));
    cos.sort((a, b) => b.score - a.score);
    return cos.slice(0, limit);
  }
}

/**
 * An embedding ranker over any embedder (hybrid with BM25 by default).
 * @example
 * ```ts
 * const provider = openaiCompatible({ baseURL, apiKey, model: 'gpt-4o-mini', embeddingModel: 'text-embedding-3-small' });
 * const agent = new Agent({ provider, toolRetrieval: { ranker: embeddingRanker({ embed: async (t) => (await provider.embed(t)).vectors, model: 'text-embedding-3-small', store }) } });
 * ```
 */
export function embeddingRanker(options: EmbeddingRankerOptions): EmbeddingRanker {
  return new EmbeddingRanker(options);
}
