/**
 * Label check of the hand-written tool-retrieval splits (no ranker, no scoring): every label of
 * `hand-written.ts` and `fresh*.ts` must be `domain/op` or `domain/op@Provider` with a catalog
 * domain, one of its operations and one of its providers, the provider must offer that operation
 * in the generated catalog, and no request of the newest split may repeat a text of any split.
 * Prints other splits' problems by position only (never their texts), then the newest split's
 * shape (size, domains covered, share naming a provider, multi-task share) — never a recall.
 * Exits 1 on any problem.
 *
 *   node --import tsx bench/tool-retrieval/check-labels.ts
 */
import { fileURLToPath } from 'node:url';
import { CATALOG_A } from './catalog-a.js';
import { CATALOG_B } from './catalog-b.js';
import { CATALOG_C } from './catalog-c.js';
import { FRESH } from './fresh.js';
import { FRESH2 } from './fresh2.js';
import { FRESH3 } from './fresh3.js';
import { FRESH4 } from './fresh4.js';
import { FRESH5 } from './fresh5.js';
import { FRESH6 } from './fresh6.js';
import { generateDataset } from './generate.js';
import { HAND_DEV, HELD_OUT, type HandRequest } from './hand-written.js';

/** Minimum size of a new unseen split. */
const MIN_REQUESTS = 250;

/** Hand-written splits by name; the last one is the newest (described at the end). */
const SPLITS: ReadonlyArray<readonly [string, readonly HandRequest[]]> = [
  ['dev (hand-written)', HAND_DEV],
  ['held-out (hand-written)', HELD_OUT],
  ['fresh', FRESH],
  ['fresh2', FRESH2],
  ['fresh3', FRESH3],
  ['fresh4', FRESH4],
  ['fresh5', FRESH5],
  ['fresh6', FRESH6],
];

/** Problems found in the splits' labels and texts (empty when all is well). */
export function labelProblems(): string[] {
  const catalog = [...CATALOG_A, ...CATALOG_B, ...CATALOG_C];
  const problems: string[] = [];
  const newest = SPLITS[SPLITS.length - 1][0];
  const seen = new Map<string, string>();
  for (const [name, list] of SPLITS) {
    list.forEach(([text, ops], i) => {
      const where = name === newest ? `${name} #${i + 1} "${text}"` : `${name} #${i + 1}`;
      const key = text.trim().toLowerCase();
      if (name === newest && seen.has(key)) problems.push(`${where}: same text as ${seen.get(key)}`);
      if (!seen.has(key)) seen.set(key, `${name} #${i + 1}`);
      if (ops.length === 0) problems.push(`${where}: no label`);
      for (const label of ops) {
        const m = /^([a-z_]+)\/([a-z_]+)(?:@(.+))?$/.exec(label);
        if (!m) {
          problems.push(`${where}: label ${label} is not domain/op or domain/op@Provider`);
          continue;
        }
        const [, domain, op, provider] = m;
        const spec = catalog.find((d) => d.domain === domain);
        if (!spec) problems.push(`${where}: no domain ${domain}`);
        else if (!spec.ops.some((o) => o.op === op)) problems.push(`${where}: domain ${domain} has no operation ${op}`);
        else if (provider !== undefined && !spec.providers.includes(provider))
          problems.push(`${where}: ${provider} is not a provider of ${domain} (${spec.providers.join(', ')})`);
      }
    });
  }
  // whether each named provider offers the operation is decided by the generator's catalog
  try {
    generateDataset();
  } catch (e) {
    problems.push((e as Error).message);
  }
  return problems;
}

/** Shape of one split: size, domain coverage, share naming a provider, multi-task share. */
export function describeSplit(list: readonly HandRequest[]): string {
  const catalog = [...CATALOG_A, ...CATALOG_B, ...CATALOG_C];
  const perDomain = new Map<string, number>(catalog.map((d) => [d.domain, 0]));
  for (const [, ops] of list) for (const d of new Set(ops.map((l) => l.split('/')[0]))) perDomain.set(d, (perDomain.get(d) ?? 0) + 1);
  const covered = [...perDomain.values()].filter((n) => n > 0).length;
  const named = list.filter(([, ops]) => ops.some((l) => l.includes('@'))).length;
  const multi = list.filter(([, ops]) => ops.length > 1).length;
  const opsPerDomain = catalog.map((d) => `${d.domain} ${perDomain.get(d.domain)}/${d.ops.length}op`).join(', ');
  const pct = (x: number) => `${((x / list.length) * 100).toFixed(1)}%`;
  return [
    `${list.length} requests; ${covered}/${catalog.length} catalog domains covered`,
    `${named} name a provider (${pct(named)}); ${multi} ask for two things (${pct(multi)})`,
    `requests per domain (domain requests/operations): ${opsPerDomain}`,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const problems = labelProblems();
  const [newest, list] = SPLITS[SPLITS.length - 1];
  if (list.length < MIN_REQUESTS) problems.push(`${newest}: ${list.length} requests, fewer than ${MIN_REQUESTS}`);
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  console.log(`all labels of ${SPLITS.map(([n]) => n).join(', ')} resolve to catalog operations and providers`);
  console.log(`${newest}: ${describeSplit(list)}`);
}
