/**
 * Same-process A/B of the default guards: an OLD copy of `packages/core/src` against the
 * current one. Not part of `npm run bench` (not a `*.bench.ts`).
 *
 * 1. dump: verdicts, scores, rule ids, spans, placeholders and redacted text of `detectInjection`
 *    (both origins), `detectPII` and `createGuards().inspectInputSync` compared byte for byte on
 *    ~4,000 texts (every eval text, the same with long whitespace runs, and runs of 6 joined).
 * 2. time: the held-out chunks of 1/4/16 KB (as in `guards.bench.ts`: 61, 24, 24), old and new called alternately call by call;
 *    prints p50/p95 of each and the median per-call new/old ratio (rely on the ratios when the
 *    machine is loaded).
 *
 *   git archive <rev> packages/core/src | tar -x -C /tmp/ab && cp -r /tmp/ab/packages/core/src packages/core/.ab-old/
 *   node --import tsx bench/guards-ab.ts [dump|time|both] [detectInjection|detectPII|default]
 *
 * (`packages/core/.ab-old/` is a scratch copy: keep it out of commits, e.g. in `.git/info/exclude`.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as NEW from '../packages/core/src/index.js';

const OLD = (await import(process.env.GUARDS_AB_OLD ?? '../packages/core/.ab-old/src/index.js')) as typeof NEW;

const evalDir = new URL('../packages/core/eval/', import.meta.url).pathname;
const read = (f: string) =>
  readFileSync(evalDir + f, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { text: string }).text);
const ALL = readdirSync(evalDir)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap(read);
const HELD = ['pii.rw.test', 'injection.rw.test', 'pii.test', 'injection.test'].flatMap((f) => read(`${f}.jsonl`));
const mode = process.argv[2] ?? 'both';

// ── 1. accuracy dump ─────────────────────────────────────────────
if (mode !== 'time') {
  let rnd = 4242;
  const next = () => (rnd = (rnd * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const texts = [...ALL];
  for (const t of ALL) texts.push(t.replace(/ /g, () => (next() < 0.2 ? '\n \n'.repeat(1 + Math.floor(next() * 20)) : ' ')));
  for (let k = 0; k < ALL.length; k += 3) texts.push(ALL.slice(k, k + 6).join('\n'));
  const og = OLD.createGuards();
  const ng = NEW.createGuards();
  let diff = 0;
  for (const t of texts) {
    const a = JSON.stringify([OLD.detectInjection(t), OLD.detectPII(t), og.inspectInputSync(t), OLD.detectInjection(t, { origin: 'user' })]);
    const b = JSON.stringify([NEW.detectInjection(t), NEW.detectPII(t), ng.inspectInputSync(t), NEW.detectInjection(t, { origin: 'user' })]);
    if (a !== b) {
      diff++;
      if (diff < 4) console.log('DIFF', JSON.stringify(t.slice(0, 200)), '\n', a.slice(0, 400), '\n', b.slice(0, 400));
    }
  }
  console.log(`dump: ${texts.length} texts, ${diff} differ`);
}

/** Wall times (ms) of `first(text)` and then `second(text)`, back to back. */
function timePair(first: (text: string) => unknown, second: (text: string) => unknown, text: string): [number, number] {
  const t0 = performance.now();
  first(text);
  const t1 = performance.now();
  second(text);
  return [t1 - t0, performance.now() - t1];
}

// ── 2. timing, alternating old/new call by call ─────────────────
if (mode !== 'dump') {
  const KB = 1024;
  // as in guards.bench.ts: chunks until every held-out text starts in one, at least 24
  const chunks = (size: number) => {
    const out: string[] = [];
    let i = 0;
    while (i < HELD.length || out.length < 24) {
      let s = '';
      while (s.length < size) s += HELD[i++ % HELD.length] + '\n';
      out.push(s.slice(0, size));
    }
    return out;
  };
  const og = OLD.createGuards();
  const ng = NEW.createGuards();
  const fns: Array<[string, (t: string) => unknown, (t: string) => unknown]> = [
    ['default guards', (t) => og.inspectInputSync(t), (t) => ng.inspectInputSync(t)],
    ['detectInjection', (t) => OLD.detectInjection(t), (t) => NEW.detectInjection(t)],
    ['detectPII', (t) => OLD.detectPII(t), (t) => NEW.detectPII(t)],
  ];
  const only = process.argv[3];
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
  console.log(
    `load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  for (const size of [1, 4, 16]) {
    const inputs = chunks(size * KB);
    for (const [name, a, b] of fns) {
      if (only && !name.includes(only)) continue;
      const calls = Math.round((3000 * 1) / size);
      for (let i = 0; i < 100; i++) (a(inputs[i % inputs.length]!), b(inputs[i % inputs.length]!));
      const ta: number[] = [];
      const tb: number[] = [];
      const ratios: number[] = [];
      for (let i = 0; i < calls; i++) {
        const t = inputs[i % inputs.length]!;
        // old first on odd calls, new first on even ones
        const [x, y] = i & 1 ? timePair(a, b, t) : timePair(b, a, t).reverse();
        ta.push((x * 1000) / size);
        tb.push((y * 1000) / size);
        ratios.push(y / x);
      }
      console.log(
        `${size} KB ${name.padEnd(16)} old p50 ${pct(ta, 50).toFixed(1)} p95 ${pct(ta, 95).toFixed(1)} | new p50 ${pct(tb, 50).toFixed(1)} p95 ${pct(tb, 95).toFixed(1)} µs/KB | median new/old ${pct(ratios, 50).toFixed(3)} p50-ratio ${(pct(tb, 50) / pct(ta, 50)).toFixed(3)} p95-ratio ${(pct(tb, 95) / pct(ta, 95)).toFixed(3)}`,
      );
    }
  }
}
