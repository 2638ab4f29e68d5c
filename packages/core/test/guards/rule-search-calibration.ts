/**
 * Measures, per injection rule, how much slower the sticky window search is per start tried
 * than the forward search per character scanned, and prints the `STICKY_COST_RATIOS` table of
 * `src/guards/rule-search-costs.ts`. Not a test (timings): run it by hand on a quiet machine
 * when rules change, and paste the table.
 *
 *   node --import tsx packages/core/test/guards/rule-search-calibration.ts
 *
 * It times both strategies on the development splits only (held-out texts stay out of the
 * tuning), joined into 1, 4 and 16 KB inputs, on the windows the trigger scan opens; a ratio
 * is the median sticky time per start (window starts plus `STICKY_WINDOW_COST` per window)
 * over the median forward time per character, from searches that find no match (those scan
 * everything they would). Rules with fewer than {@link MIN_SAMPLES} such searches are left out
 * and keep the default ratio.
 * @module
 */
import { readFileSync } from 'node:fs';
import { guardDefaults, INJECTION_RULES } from '@graft/core';
import { RULE_REACH } from '../../src/guards/rule-reach.js';
import { STICKY_WINDOW_COST } from '../../src/guards/rule-search-costs.js';
import { findRuleMatch } from '../../src/guards/rule-search.js';
import { TriggerIndex } from '../../src/guards/trigger-index.js';

const MIN_SAMPLES = 3;
const ROUNDS = 7;
const LOOKBACK = guardDefaults.RULE_LOOKBACK_CHARS;
const evalDir = new URL('../../eval/', import.meta.url).pathname;
const DEV = ['pii.rw.dev', 'injection.rw.dev', 'pii.dev', 'injection.dev', 'injection.hard.dev', 'pii.hard.dev'].flatMap((f) =>
  readFileSync(`${evalDir}${f}.jsonl`, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { text: string }).text),
);
const REACH = Int32Array.from(INJECTION_RULES, (r) => Math.min(LOOKBACK, RULE_REACH[r.id] ?? LOOKBACK));
const index = new TriggerIndex(INJECTION_RULES.map((r) => r.triggers));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

interface Job {
  rule: number;
  text: string;
  windows: number[];
  sticky: number[];
  forward: number[];
}

const jobs: Job[] = [];
for (const [size, count] of [
  [1024, 32],
  [4096, 32],
  [16384, 8],
] as const) {
  let next = 7;
  for (let c = 0; c < count; c++) {
    let raw = '';
    while (raw.length < size) raw += DEV[next++ % DEV.length] + '\n';
    let text = raw.slice(0, size).toLowerCase();
    if (text.includes('  ') || /[\t\r\v\f]/.test(text)) text = text.replace(/[^\S\n]+/g, ' ');
    const scan = index.scan(text, LOOKBACK, REACH);
    for (let rule = 0; rule < INJECTION_RULES.length; rule++) {
      if (scan.hits[rule] === 1) jobs.push({ rule, text, windows: scan.windows[rule]!, sticky: [], forward: [] });
    }
  }
}
for (let round = 0; round < ROUNDS; round++) {
  for (const job of jobs) {
    const reps = Math.max(3, Math.round((24 * 1024) / job.text.length));
    for (const strategy of ['sticky', 'forward'] as const) {
      for (let q = 0; q < 2; q++) findRuleMatch(job.rule, job.text, job.windows, strategy);
      const t0 = performance.now();
      for (let q = 0; q < reps; q++) findRuleMatch(job.rule, job.text, job.windows, strategy);
      job[strategy].push((performance.now() - t0) / reps);
    }
  }
}
const perStart = new Map<number, number[]>();
const perChar = new Map<number, number[]>();
for (const job of jobs) {
  if (findRuleMatch(job.rule, job.text, job.windows) !== undefined) continue;
  let starts = 0;
  for (let w = 0; w < job.windows.length; w += 2) starts += job.windows[w + 1]! - job.windows[w]! + 1 + STICKY_WINDOW_COST;
  (perStart.get(job.rule) ?? perStart.set(job.rule, []).get(job.rule)!).push(median(job.sticky) / starts);
  (perChar.get(job.rule) ?? perChar.set(job.rule, []).get(job.rule)!).push(median(job.forward) / (job.text.length - job.windows[0]!));
}
const lines: string[] = [];
INJECTION_RULES.forEach((r, i) => {
  const s = perStart.get(i);
  if (!s || s.length < MIN_SAMPLES) return;
  lines.push(`  '${r.id}': ${(median(s) / median(perChar.get(i)!)).toFixed(1)},`);
});
console.log(`export const STICKY_COST_RATIOS: Readonly<Record<string, number>> = {\n${lines.join('\n')}\n};`);
