/**
 * Tuning aid for the hybrid ranker with a real sentence model (see `sentence-embedder.ts`):
 * recall@5/10/20 of the embedding ranker over the mock server's `/v1/embeddings`, for each cosine
 * weight given, on the `dev` split only (the split weights may be tuned on); `--all` also prints
 * the other development splits for those weights, and `--alone` adds cosine alone. Never `fresh4`.
 *
 *   node --conditions=@graft/source --import tsx bench/tool-retrieval/sentence-fusion.ts 0.1 0.3 1 [--all] [--alone]
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStore, embeddingRanker, type Tool, type ToolRanker } from '@graft/core';
import { openaiCompatible } from '@graft/providers';
import { createMockServer } from '@graft/providers/testing';
import type { EvalDataset } from './generate.js';
import { loadSentenceEmbedder, SENTENCE_MODEL } from './sentence-embedder.js';

const here = dirname(fileURLToPath(import.meta.url));
const data = JSON.parse(readFileSync(join(here, 'dataset.json'), 'utf8')) as EvalDataset;
const tools: Tool[] = data.tools.map((t) => ({ ...t, parse: (a: unknown) => ({ ok: true as const, value: a }), execute: () => null }));
const SPLITS = process.argv.includes('--all') ? ['dev', 'held-out', 'fresh', 'fresh2', 'fresh3'] : ['dev'];
const weights = process.argv
  .slice(2)
  .filter((a) => !a.startsWith('--'))
  .map(Number);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

async function recall(ranker: ToolRanker, split: string): Promise<string> {
  const reqs = data.requests.filter((r) => r.split === split);
  const sum: Record<number, number> = { 5: 0, 10: 0, 20: 0 };
  for (const q of reqs) {
    const ranked = (await ranker.rank(q.text, tools, 20)).map((r) => r.name);
    for (const k of [5, 10, 20]) {
      const top = new Set(ranked.slice(0, k));
      sum[k] += q.relevant.filter((n) => top.has(n)).length / Math.min(q.relevant.length, k);
    }
  }
  return `${split} n=${reqs.length} @5 ${pct(sum[5] / reqs.length)} @10 ${pct(sum[10] / reqs.length)} @20 ${pct(sum[20] / reqs.length)}`;
}

const embedder = loadSentenceEmbedder();
if (!embedder) {
  console.log('skipped: install the sentence model first (see bench/tool-retrieval/sentence-embedder.ts)');
  process.exit(0);
}
const server = await createMockServer({ embeddings: (inputs) => embedder.embed(inputs) });
const provider = openaiCompatible({ baseURL: server.url, model: 'mock-model', embeddingModel: SENTENCE_MODEL });
const embed = async (t: string[]) => (await provider.embed(t)).vectors;
const store = createStore();
const onError = (e: unknown) => {
  throw e;
};
const rankers: Array<[string, ToolRanker]> = weights.map((w) => [
  `hybrid w=${w}`,
  embeddingRanker({ embed, model: SENTENCE_MODEL, store, cosineWeight: w, onError }),
]);
if (process.argv.includes('--alone')) rankers.push(['cosine alone', embeddingRanker({ embed, model: SENTENCE_MODEL, store, hybrid: false, onError })]);
for (const [name, ranker] of rankers) {
  const line: string[] = [];
  for (const split of SPLITS) line.push(await recall(ranker, split));
  console.log(`${name.padEnd(14)} ${line.join(' | ')}`);
}
embedder.save();
await server.close();
