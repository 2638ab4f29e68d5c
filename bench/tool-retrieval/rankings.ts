/**
 * Ranking identity check: for every request of `dataset.json` (dev, held-out, fresh, fresh2,
 * fresh3, fresh4, fresh5; never the unscored fresh6), the top 20 tools of the default lexical ranker, saved from one version of the code
 * and compared against another, so a speed change can prove it ranks exactly as before.
 * Rankings are written to a file OUTSIDE the repository (fresh3 is unseen: only "the lists
 * match" may be committed, never its rankings). Four passes, each a different path through
 * the ranker's caches: one ranker in dataset order; a new ranker in reverse order; an agent's
 * `ToolRetrieval.select` (what a step sends); and a ranker over every other tool (another
 * tool list, so another index) after the full list.
 *
 *   node --conditions=@graft/source --import tsx bench/tool-retrieval/rankings.ts --save /tmp/before.json
 *   node --conditions=@graft/source --import tsx bench/tool-retrieval/rankings.ts --check /tmp/before.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lexicalRanker, ToolRegistry, ToolRetrieval, type Tool } from '@graft/core';
import type { EvalDataset } from './generate.js';

const here = dirname(fileURLToPath(import.meta.url));
const dataset = JSON.parse(readFileSync(join(here, 'dataset.json'), 'utf8')) as EvalDataset;
/** The unscored `fresh6` (fresh6.ts) is never ranked before its one scoring by the bench. */
const data: EvalDataset = { ...dataset, requests: dataset.requests.filter((r) => r.split !== 'fresh6') };
const tools: Tool[] = data.tools.map((t) => ({ ...t, parse: (a: unknown) => ({ ok: true as const, value: a }), execute: () => null }));
/** Tools per ranked list compared. */
const TOP = 20;

/** One pass: request id → its ranked names and scores. */
type Pass = Record<string, { names: string[]; scores: number[] }>;

async function passes(): Promise<Record<string, Pass>> {
  const inOrder: Pass = {};
  const one = lexicalRanker();
  for (const q of data.requests) {
    const r = one.rank(q.text, tools, TOP);
    inOrder[q.id] = { names: r.map((x) => x.name), scores: r.map((x) => x.score) };
  }
  const reverse: Pass = {};
  const other = lexicalRanker();
  for (const q of [...data.requests].reverse()) {
    const r = other.rank(q.text, tools, TOP);
    reverse[q.id] = { names: r.map((x) => x.name), scores: r.map((x) => x.score) };
  }
  const step: Pass = {};
  const registry = new ToolRegistry(tools);
  const retrieval = new ToolRetrieval({}, () => registry.list());
  for (const q of data.requests) {
    const sel = await retrieval.select(registry.snapshot(), [{ role: 'user', content: q.text }]);
    step[q.id] = { names: sel.specs.map((s) => s.name), scores: [] };
  }
  const subset: Pass = {};
  const half = tools.filter((_, i) => i % 2 === 0);
  for (const q of data.requests) {
    const r = one.rank(q.text, half, TOP);
    subset[q.id] = { names: r.map((x) => x.name), scores: r.map((x) => x.score) };
  }
  return { inOrder, reverse, step, subset };
}

const [mode, file] = process.argv.slice(2);
if ((mode !== '--save' && mode !== '--check') || !file) {
  console.error('usage: rankings.ts --save FILE | --check FILE');
  process.exit(2);
}
const now = await passes();
if (mode === '--save') {
  writeFileSync(file, JSON.stringify(now));
  console.log(`saved ${Object.keys(now).length} passes of ${data.requests.length} requests to ${file}`);
} else {
  const before = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Pass>;
  let failed = 0;
  for (const [pass, ranked] of Object.entries(now)) {
    const bySplit = new Map<string, { n: number; same: number; sameScores: number }>();
    for (const q of data.requests) {
      const s = bySplit.get(q.split) ?? { n: 0, same: 0, sameScores: 0 };
      bySplit.set(q.split, s);
      const a = before[pass]?.[q.id];
      const b = ranked[q.id];
      s.n++;
      if (a && JSON.stringify(a.names) === JSON.stringify(b.names)) s.same++;
      if (a && JSON.stringify(a.scores) === JSON.stringify(b.scores)) s.sameScores++;
    }
    const line = [...bySplit].map(([split, s]) => `${split} ${s.same}/${s.n}${s.sameScores === s.n ? '' : ` (scores ${s.sameScores}/${s.n})`}`).join(', ');
    const ok = [...bySplit.values()].every((s) => s.same === s.n);
    if (!ok) failed++;
    console.log(`${ok ? 'identical' : 'DIFFERENT'} ${pass.padEnd(8)} top ${TOP} names: ${line}`);
  }
  process.exit(failed ? 1 : 0);
}
