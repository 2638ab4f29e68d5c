/**
 * Error analysis of the tool-retrieval evaluation: recall@5/10/20 per split and, with `--misses`,
 * every request whose labelled tools are not all in the top 10 (request, gold, top 10), for the
 * development splits `dev`, `held-out` and `fresh` to `fresh5` (each scored once, then open to
 * analysis). Never the unseen `fresh6` (committed unscored on 2026-12-08; scored once, by the
 * bench, with the next ranker change; never analysed before then):
 *
 *   node --conditions=@graft/source --import tsx bench/tool-retrieval/misses.ts [--misses] [--hybrid]
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { embeddingRanker, lexicalRanker, type Tool, type ToolRanker } from '@graft/core';
import { hashEmbedder } from '@graft/core/testing';
import type { EvalDataset } from './generate.js';

const here = dirname(fileURLToPath(import.meta.url));
const data = JSON.parse(readFileSync(join(here, 'dataset.json'), 'utf8')) as EvalDataset;
const tools: Tool[] = data.tools.map((t) => ({ ...t, parse: (a: unknown) => ({ ok: true as const, value: a }), execute: () => null }));
const showMisses = process.argv.includes('--misses');
const ranker: ToolRanker = process.argv.includes('--hybrid') ? embeddingRanker({ embed: hashEmbedder(), model: 'hash-stand-in' }) : lexicalRanker();
/** Splits the ranker may be tuned on (each scored once already); the unscored `fresh6` is not among them and is never listed here. */
const DEVELOPMENT_SPLITS = ['dev', 'held-out', 'fresh', 'fresh2', 'fresh3', 'fresh4', 'fresh5'] as const;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

const out: string[] = [];
const perRequest: string[] = [];
for (const split of DEVELOPMENT_SPLITS) {
  const reqs = data.requests.filter((r) => r.split === split);
  const recall: Record<number, number> = { 5: 0, 10: 0, 20: 0 };
  const named = [0, 0];
  const unnamed = [0, 0];
  for (const q of reqs) {
    const ranked = (await ranker.rank(q.text, tools, 20)).map((r) => r.name);
    for (const k of [5, 10, 20]) {
      const top = new Set(ranked.slice(0, k));
      const r = q.relevant.filter((n) => top.has(n)).length / Math.min(q.relevant.length, k);
      recall[k] += r;
      if (process.env.DUMP) perRequest.push(`${q.id}\t${k}\t${r.toFixed(3)}\t${q.text}`);
      if (k === 10) {
        const g = q.named ? named : unnamed;
        g[0] += r;
        g[1]++;
        if (r < 1 && showMisses) {
          const gold = [...new Set(q.relevant.map((n) => n.split('__')[1]))].join(',');
          out.push(
            `[${split}] ${q.id} ${pct(r)} "${q.text}"\n   gold: ${q.named ? q.relevant.join(',') : gold}\n   got:  ${ranked
              .slice(0, 10)
              .map((n) => (q.relevant.includes(n) ? '*' : '') + n)
              .join(' ')}`,
          );
        }
      }
    }
  }
  console.log(
    `${split.padEnd(9)} n=${reqs.length} r@5 ${pct(recall[5] / reqs.length)} r@10 ${pct(recall[10] / reqs.length)} r@20 ${pct(recall[20] / reqs.length)} [named ${pct(named[0] / named[1])}, unnamed ${pct(unnamed[0] / unnamed[1])}]`,
  );
}
if (showMisses) console.log(out.join('\n'));
if (process.env.DUMP) (await import('node:fs')).writeFileSync(process.env.DUMP, perRequest.join('\n'));
