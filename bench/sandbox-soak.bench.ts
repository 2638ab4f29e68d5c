/**
 * Soak test of the sandbox pool under load with short limits (issue 10, item 5): runs mixing
 * normal, timeout (busy loop) and memory-bomb guests at 50 ms and 1 s limits, through one
 * sandbox of 4 workers with 8 runs in flight. Prints unhandled rejections, uncaught exceptions,
 * collateral failures (normal runs that did not succeed), the outcome codes and the RSS over time;
 * exits non-zero when any bound is broken (0 unhandled, 0 crashes, < 1% collateral, flat RSS).
 *
 * `SOAK_RUNS` (default 5,000), `SOAK_WORKERS` (4) and `SOAK_IN_FLIGHT` (8) override the shape.
 * `SOAK_CONTROL=1` runs only normal guests (same limits, same shape): the timeouts a busy machine
 * alone causes, to tell them from collateral damage of the hostile guests.
 */
import { loadavg } from 'node:os';
import { createSandbox, type RunResult } from '@graft/sandbox';

const RUNS = Number(process.env.SOAK_RUNS ?? 5_000);
const WORKERS = Number(process.env.SOAK_WORKERS ?? 4);
const IN_FLIGHT = Number(process.env.SOAK_IN_FLIGHT ?? 8);
const CONTROL = process.env.SOAK_CONTROL === '1';

let unhandled = 0;
let uncaught = 0;
process.on('unhandledRejection', (reason) => {
  unhandled++;
  console.error('unhandled rejection:', reason instanceof Error ? reason.message : reason);
});
process.on('uncaughtException', (error) => {
  uncaught++;
  console.error('uncaught exception:', error.message);
});

const NORMAL = 'export default (x) => { let s = 0; for (let i = 0; i < 1000; i++) s += i; return { x, s } }';
const SPIN = 'export default () => { for (;;) {} }';
const BOMB = 'export default () => { const a = []; for (;;) a.push(new Array(100000).fill(1)) }';
type Kind = 'normal' | 'timeout' | 'bomb';
/** 6 normal : 2 timeout : 2 bomb, at alternating 50 ms / 1 s limits. */
const plan = (i: number): { kind: Kind; timeMs: number } => {
  const k = i % 10;
  const kind: Kind = CONTROL || k < 6 ? 'normal' : k < 8 ? 'timeout' : 'bomb';
  return { kind, timeMs: (i >> 1) % 2 === 0 ? 50 : 1_000 };
};
const SOURCE: Record<Kind, string> = { normal: NORMAL, timeout: SPIN, bomb: BOMB };

const sandbox = await createSandbox({ workers: WORKERS, limits: { memoryBytes: 32 * 1024 * 1024 } });
const codes = new Map<string, number>();
let normals = 0;
/** Runs whose worker the watchdog terminated (each costs a worker restart). */
let killed = 0;
let collateral = 0;
const collateralCodes = new Map<string, number>();
const rss: number[] = [];
const started = performance.now();
let next = 0;

async function lane(): Promise<void> {
  for (;;) {
    const i = next++;
    if (i >= RUNS) return;
    const { kind, timeMs } = plan(i);
    let r: RunResult;
    try {
      r = await sandbox.run(SOURCE[kind], { input: i, limits: { timeMs } });
    } catch (error) {
      codes.set('THREW', (codes.get('THREW') ?? 0) + 1);
      if (kind === 'normal') (normals++, collateral++);
      console.error('run threw:', error instanceof Error ? error.message : error);
      continue;
    }
    const code = r.ok ? 'OK' : r.error.code;
    if (!r.ok && r.error.message.includes('worker was terminated')) killed++;
    const key = `${kind}:${code}`;
    codes.set(key, (codes.get(key) ?? 0) + 1);
    if (kind === 'normal') {
      normals++;
      if (!r.ok) {
        collateral++;
        collateralCodes.set(code, (collateralCodes.get(code) ?? 0) + 1);
        if (process.env.SOAK_DEBUG)
          console.error(`normal run ${i} (${timeMs} ms): ${r.error.code} after ${r.stats.durationMs.toFixed(0)} ms: ${r.error.message.slice(0, 60)}`);
      }
    }
    if (i % 250 === 0) {
      (globalThis as { gc?: () => void }).gc?.();
      rss.push(process.memoryUsage().rss);
    }
  }
}

await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
const elapsed = performance.now() - started;
await sandbox.dispose();
await new Promise((resolve) => setTimeout(resolve, 200));

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
const quarter = Math.max(1, Math.floor(rss.length / 4));
const early = Math.max(...rss.slice(0, quarter));
const late = Math.max(...rss.slice(-quarter));
const collateralPct = normals ? (100 * collateral) / normals : 0;
console.log(
  `runs ${RUNS}${CONTROL ? ' (control: normal guests only)' : ''}, workers ${WORKERS}, in flight ${IN_FLIGHT}, ${(elapsed / 1000).toFixed(1)} s, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(
  `outcomes: ${[...codes]
    .sort()
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')}`,
);
console.log(`unhandled rejections ${unhandled}, uncaught exceptions ${uncaught}, workers terminated by the watchdog ${killed}`);
console.log(
  `collateral failures ${collateral} of ${normals} normal runs (${collateralPct.toFixed(2)}%) ${[...collateralCodes].map(([k, n]) => `${k} ${n}`).join(', ')}`,
);
console.log(`RSS max first quarter ${mb(early)}, last quarter ${mb(late)} (samples ${rss.map(mb).join(' ')})`);
const flat = late <= early * 1.25 + 64 * 1024 * 1024;
const ok = unhandled === 0 && uncaught === 0 && collateralPct < 1 && flat;
console.log(ok ? 'SOAK OK' : 'SOAK FAILED');
process.exit(ok ? 0 : 1);
