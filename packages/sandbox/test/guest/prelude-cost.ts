/**
 * Measures what the guest prelude costs per run: medians over fresh contexts, each scenario
 * interleaved round by round with a baseline (a fresh context evaluating `0`) so machine load
 * hits both alike, each scenario in its own QuickJS runtime; printed as microseconds and as a ratio to that baseline. Run:
 *   node --conditions=@graft/source --import tsx packages/sandbox/test/guest/prelude-cost.ts
 * A few seconds. Not a vitest file: speed is never asserted in tests.
 */
import variant from '@jitl/quickjs-wasmfile-release-sync';
import { newQuickJSWASMModuleFromVariant, type QuickJSContext } from 'quickjs-emscripten-core';
import { GUEST_INSTALLER_SOURCE, GUEST_PRELUDE_SOURCE, installGuestPrelude } from '../../src/guest/index.js';

const ROUNDS = Number(process.env.ROUNDS ?? 200);
const WARMUP = Number(process.env.WARMUP ?? 100);
const module = await newQuickJSWASMModuleFromVariant(variant);

function run(context: QuickJSContext, code: string): void {
  const result = context.evalCode(code, 'bench.js', { type: 'global' });
  if (result.error) {
    const err = context.dump(result.error);
    result.error.dispose();
    throw new Error(JSON.stringify(err));
  }
  result.value.dispose();
}

interface Scenario {
  name: string;
  setup: (c: QuickJSContext) => void;
  measured: (c: QuickJSContext) => void;
}
const none = () => {};
const full = (c: QuickJSContext) => run(c, GUEST_PRELUDE_SOURCE);
const scenarios: Scenario[] = [
  { name: 'baseline: evaluate `0` in a fresh context', setup: none, measured: (c) => run(c, '0') },
  { name: 'GUEST_PRELUDE_SOURCE (self-contained, evalCode)', setup: none, measured: full },
  { name: 'installGuestPrelude (fast path)', setup: none, measured: installGuestPrelude },
];
const FIRST_USE: Record<string, string> = {
  btoa: "btoa('hello')",
  'TextEncoder+TextDecoder': "new TextDecoder().decode(new TextEncoder().encode('hé'))",
  structuredClone: 'structuredClone({a:[1,2]})',
  'URL, ASCII, no searchParams': "new URL('/v1/items?limit=10','https://api.example.com').href",
  'URL + searchParams.set': "(function(){var u=new URL('/v1/items','https://api.example.com');u.searchParams.set('q','a b');return u.href})()",
};
for (const [name, code] of Object.entries(FIRST_USE)) {
  scenarios.push({ name: 'first ' + name + ' (fast path; unit transfer + compile)', setup: installGuestPrelude, measured: (c) => run(c, code) });
}
const WARM = "for(var i=0;i<100;i++){var u=new URL('/v1/items?limit='+i,'https://api.example.com');u.searchParams.set('q','a b');u.href}";
scenarios.push({
  name: '100 x (new URL + searchParams.set + href), units loaded',
  setup: (c) => {
    full(c);
    run(c, "new URL('http://a').searchParams");
  },
  measured: (c) => run(c, WARM),
});

// One runtime per scenario, so garbage left by one scenario never triggers a GC in another.
const runtimes = scenarios.map(() => module.newRuntime());
const wall = scenarios.map(() => [] as number[]);
const cpu = scenarios.map(() => [] as number[]);
// Warm-up rounds first: V8 tiers the QuickJS WebAssembly up (Liftoff to TurboFan) in the
// background, and until then the interpreter runs several times slower.
for (let round = -WARMUP; round < ROUNDS; round++) {
  scenarios.forEach((s, i) => {
    const context = runtimes[i].newContext();
    s.setup(context);
    const cpu0 = process.cpuUsage();
    const start = process.hrtime.bigint();
    s.measured(context);
    const elapsed = Number(process.hrtime.bigint() - start) / 1000;
    const used = process.cpuUsage(cpu0);
    if (round >= 0) {
      wall[i].push(elapsed);
      cpu[i].push(used.user + used.system);
    }
    context.dispose();
  });
}
const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
const baseline = median(wall[0]);
console.log(`guest prelude cost: median of ${ROUNDS} fresh contexts after ${WARMUP} warm-up rounds`);
console.log('microseconds of wall time (and of process CPU time), ratio of wall time to the baseline');
scenarios.forEach((s, i) => {
  const us = median(wall[i]);
  const cpuUs = median(cpu[i]);
  console.log(`${s.name.padEnd(72)} ${us.toFixed(1).padStart(9)} us (cpu ${cpuUs.toFixed(0).padStart(6)})  x${(us / baseline).toFixed(1)}`);
});
console.log(`GUEST_PRELUDE_SOURCE: ${GUEST_PRELUDE_SOURCE.length} chars; GUEST_INSTALLER_SOURCE: ${GUEST_INSTALLER_SOURCE.length} chars`);
for (const r of runtimes) r.dispose();
