/**
 * Measures what the guest prelude costs per run, as medians against a baseline measured in the
 * same process (a fresh context evaluating `0`). Run:
 *   node --conditions=@graft/source --expose-gc --import tsx packages/sandbox/test/guest/prelude-cost.ts
 * Kept short (a few seconds). Not a vitest file: speed is never asserted in tests.
 */
import variant from '@jitl/quickjs-wasmfile-release-sync';
import { newQuickJSWASMModuleFromVariant, type QuickJSContext } from 'quickjs-emscripten-core';
import { GUEST_INSTALLER_SOURCE, GUEST_PRELUDE_SOURCE, guestUnitSource } from '../../src/guest/prelude.js';

const ROUNDS = 400;
const module = await newQuickJSWASMModuleFromVariant(variant);
const runtime = module.newRuntime();

function run(context: QuickJSContext, code: string): void {
  const result = context.evalCode(code, 'bench.js', { type: 'global' });
  if (result.error) {
    const err = context.dump(result.error);
    result.error.dispose();
    throw new Error(JSON.stringify(err));
  }
  result.value.dispose();
}

function installFast(context: QuickJSContext): void {
  const source = context.newFunction('source', (h) => {
    const text = guestUnitSource(context.getString(h));
    return text === undefined ? context.undefined : context.newString(text);
  });
  const install = context.unwrapResult(context.evalCode(GUEST_INSTALLER_SOURCE, 'installer.js'));
  context.unwrapResult(context.callFunction(install, context.undefined, source)).dispose();
  install.dispose();
  source.dispose();
}

/** Median microseconds of `measured` in a fresh context after `setup` ran in it. */
function median(setup: (c: QuickJSContext) => void, measured: (c: QuickJSContext) => void): number {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const context = runtime.newContext();
    setup(context);
    const start = process.hrtime.bigint();
    measured(context);
    times.push(Number(process.hrtime.bigint() - start) / 1000);
    context.dispose();
  }
  times.sort((a, b) => a - b);
  return times[ROUNDS >> 1];
}

const none = () => {};
const full = (c: QuickJSContext) => run(c, GUEST_PRELUDE_SOURCE);
const rows: [string, number][] = [];
const baseline = median(none, (c) => run(c, '0'));
const fresh = median(none, (c) => c.dispose === undefined || run(c, '0')) + 0;
void fresh;
rows.push(['baseline: evaluate `0` in a fresh context', baseline]);
rows.push(['create + dispose a context (for scale)', (() => {
  const t: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const s = process.hrtime.bigint();
    runtime.newContext().dispose();
    t.push(Number(process.hrtime.bigint() - s) / 1000);
  }
  return t.sort((a, b) => a - b)[ROUNDS >> 1];
})()]);
rows.push(['GUEST_PRELUDE_SOURCE (self-contained)', median(none, full)]);
rows.push(['GUEST_INSTALLER_SOURCE + host unit source', median(none, installFast)]);
const firstUse: Record<string, string> = {
  'first btoa/atob': "btoa('hello')",
  'first TextEncoder+TextDecoder': "new TextDecoder().decode(new TextEncoder().encode('hé'))",
  'first structuredClone': 'structuredClone({a:[1,2]})',
  'first URL (+URLSearchParams)': "new URL('/v1/items?limit=10','https://api.example.com').href",
};
for (const [name, code] of Object.entries(firstUse)) {
  rows.push([name + ' after the full prelude', median(full, (c) => run(c, code))]);
  rows.push([name + ' after the installer (includes unit transfer)', median(installFast, (c) => run(c, code))]);
}
const WARM = "for(var i=0;i<100;i++){var u=new URL('/v1/items?limit='+i,'https://api.example.com');u.searchParams.set('q','a b');u.href}";
rows.push(['100 x (new URL + searchParams.set + href), URL already loaded', median((c) => { full(c); run(c, "new URL('http://a')"); }, (c) => run(c, WARM))]);

console.log('guest prelude cost (median of ' + ROUNDS + ' fresh contexts, microseconds; ratio vs baseline)');
for (const [name, us] of rows) console.log(`${name.padEnd(80)} ${us.toFixed(1).padStart(9)} us  x${(us / baseline).toFixed(1)}`);
console.log('GUEST_PRELUDE_SOURCE chars: ' + GUEST_PRELUDE_SOURCE.length + ', GUEST_INSTALLER_SOURCE chars: ' + GUEST_INSTALLER_SOURCE.length);
runtime.dispose();
