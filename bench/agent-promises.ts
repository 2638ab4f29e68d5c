/**
 * Promises created per agent turn (async_hooks `PROMISE` inits, which with the hook on include
 * each `await`'s throwaway promise), beside the bare loop, in process: the current `@graft/core`
 * build, or the saved one (`packages/core/ab/dist`, see `agent-ab.ts`). DETAIL=1 lists where they
 * are made (first two frames; empty stacks are the harness's own). The agent's count holds 2 of the
 * harness's own (its async turn function and its await), the bare loop's none. Not part of `npm run bench`:
 *
 *   node --import tsx bench/agent-promises.ts [after|before] [scripted|http] [agent|bare]
 */
import { createHook } from 'node:async_hooks';
import { z } from 'zod';
import { bareTurn, weatherModel } from './agent-bare-loop.js';

const WARMUP = 50;
const TURNS = 20;
const which = process.argv[2] ?? 'after';
// (a computed path: a clean checkout has no saved build)
const path = which === 'before' ? '../packages/core/ab/dist/index.js' : '../packages/core/dist/index.js';
const core = (await import(path)) as typeof import('../packages/core/dist/index.js');
const tool = core.defineTool({
  name: 'get_weather',
  description: 'Current weather for a city',
  input: z.object({ city: z.string() }),
  execute: ({ city }: { city: string }) => ({ city, tempC: 21 }),
});
const { server, provider } = await weatherModel(process.argv[3] ?? 'scripted');
const agent = new core.Agent({ provider, tools: [tool], tracer: false });
const detail = !!process.env.DETAIL;
let counting = false;
let count = 0;
const sites = new Map<string, number>();
createHook({
  init(_id, type) {
    if (!counting || type !== 'PROMISE') return;
    count++;
    if (!detail) return;
    const frames = (new Error().stack ?? '').split('\n').slice(2);
    const site = frames
      .filter((l) => !l.includes('node:internal') && !l.includes('agent-promises'))
      .slice(0, 2)
      .map((l) => l.trim().replace(/.*\/(packages|node_modules)\//, ''))
      .join(' <- ');
    sites.set(site || '(harness)', (sites.get(site || '(harness)') ?? 0) + 1);
  },
}).enable();
let thread = 0;
const turn =
  process.argv[4] === 'bare'
    ? () => bareTurn(provider, tool, false)
    : async () => {
        const r = await agent.run('Weather in Paris?', { threadId: `t${thread++}` });
        if (r.status !== 'done') throw new Error(r.status);
      };
for (let i = 0; i < WARMUP; i++) await turn();
counting = true;
for (let i = 0; i < TURNS; i++) await turn();
counting = false;
console.log(`${which} ${process.argv[4] ?? 'agent'}: ${(count / TURNS).toFixed(1)} promises per turn`);
if (detail) for (const [site, n] of [...sites].sort((a, b) => b[1] - a[1])) console.log(String(n / TURNS).padStart(5), site);
await server.close();
