import { createSandbox } from '@graft/sandbox';
const s = await createSandbox();
const f = { ping: () => 1 };
for (const [label, src, lim] of [
  ['10 awaited', `export default async (x, ctx) => { for (let i = 0; i < 10; i++) await ctx.functions.ping(i); return 1 }`, {}],
  ['1000 refused', `export default async (x, ctx) => { const all = []; for (let i = 0; i < 1000; i++) all.push(ctx.functions.ping(i).then(() => 'ok', (e) => 'no')); await Promise.all(all); return 1 }`, { functionCalls: 1 }],
  ['1000 undefined name', `export default async (x, ctx) => { const all = []; for (let i = 0; i < 1000; i++) all.push(ctx.functions.ping(i).then(() => 'ok', (e) => 'no')); await Promise.all(all); return 1 }`, { functionCalls: 1000 }],
] as const) {
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    const r = await s.run(src, { capabilities: { functions: f }, limits: { ...lim, timeMs: 20000 } });
    console.log(label, r.ok, (performance.now() - t).toFixed(1), 'ms');
  }
}
await s.dispose();
