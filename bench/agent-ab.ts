/**
 * A/B of two `@graft/core` builds in one process: a saved earlier build (`packages/core/ab/dist`,
 * ignored by git) against the current one (`packages/core/dist`), beside the bare loop, turn by
 * turn in a shuffled order (wall medians, CPU means and medians, ratios to the bare loop).
 * Not part of `npm run bench` (the name does not end in `.bench.ts`):
 *
 *   mkdir -p packages/core/ab && cp -r packages/core/dist packages/core/ab/   # before the change
 *   (cd packages/core && npx tsup)                                          # after it
 *   node --import tsx bench/agent-ab.ts [run|stream] [http|scripted] [turns]
 *
 * Caution (measured): with extra variants on, the saved build read 1.37–1.43× against 1.20× for
 * the current one even when both were the same build; compare builds without extra variants
 * (a same-build run agrees within ~0.3%), and use the extra variants only against each other.
 * Extra variants of the current build: AB_PARTS=1 (no-op checkpointer, spotlighting off),
 * AB_SPOT=1 (the spotlighting sentence alone, and an ASCII copy of it), AB_SIGNAL=1 (the bare
 * loop with an abort signal), AB_RESET=1 (the mock server forgets its recorded requests before each turn),
 * AB_THREAD_TURNS=<n> (each agent runs n turns on a thread before it starts a new one: reads of stored threads).
 */
import { z } from 'zod';
import { bareTurn, mean, measureShuffled, median, weatherModel } from './agent-bare-loop.js';
import * as after from '../packages/core/dist/index.js';
// a copy of an earlier build, loaded by a computed path so a clean checkout (which has none) still type-checks;
// its types are the current ones at best
const BEFORE_BUILD = '../packages/core/ab/dist/index.js';
const before = (await import(BEFORE_BUILD)) as typeof after;

const TURNS = Number(process.argv[4] ?? 1500);
const WARMUP = 400;
const streaming = process.argv[2] === 'stream';
const tool = after.defineTool({
  name: 'get_weather',
  description: 'Current weather for a city',
  input: z.object({ city: z.string() }),
  execute: ({ city }) => ({ city, tempC: 21 }),
});
const toolB = before.defineTool({
  name: 'get_weather',
  description: 'Current weather for a city',
  input: z.object({ city: z.string() }),
  execute: ({ city }: { city: string }) => ({ city, tempC: 21 }),
});
const { server, provider } = await weatherModel(process.argv[3]);
const THREAD_TURNS = Number(process.env.AB_THREAD_TURNS ?? 1);
const turnOf = (agent: { run: Function; stream: Function }) => {
  let turns = 0; // (per agent: each keeps its own threads)
  return () => agentTurn(agent, `t${Math.floor(turns++ / THREAD_TURNS)}`);
};
const agentTurn = async (agent: { run: Function; stream: Function }, threadId: string) => {
  if (!streaming) {
    const r = await agent.run('Weather in Paris?', { threadId });
    if (r.status !== 'done') throw new Error(r.status);
    return;
  }
  for await (const _ of agent.stream('Weather in Paris?', { threadId }));
};
const variants: Array<[string, () => Promise<void>]> = [
  ['bare loop', () => bareTurn(provider, tool, streaming)],
  ['before', turnOf(new before.Agent({ provider, tools: [toolB], tracer: false }))],
  ['after', turnOf(new after.Agent({ provider, tools: [tool], tracer: false }))],
];
if (process.env.AB_PARTS) {
  const noop = { getTuple: async () => undefined, put: async () => ({}), getNextVersion: (v: number | undefined) => (v ?? 0) + 1 } as never;
  variants.push(['after, no-op checkpointer', turnOf(new after.Agent({ provider, tools: [tool], tracer: false, checkpointer: noop }))]);
  variants.push(['after, spotlight off', turnOf(new after.Agent({ provider, tools: [tool], tracer: false, spotlight: false }))]);
}
if (process.env.AB_SPOT) {
  const S = after.SPOTLIGHT_INSTRUCTIONS;
  const ascii = S.replace(/[^\x00-\x7f]/g, '.');
  variants.push(['after, spotlight off', turnOf(new after.Agent({ provider, tools: [tool], tracer: false, spotlight: false }))]);
  variants.push(['after, sentence only', turnOf(new after.Agent({ provider, tools: [tool], tracer: false, spotlight: false, instructions: S }))]);
  variants.push(['after, ascii sentence only', turnOf(new after.Agent({ provider, tools: [tool], tracer: false, spotlight: false, instructions: ascii }))]);
}
if (process.env.AB_SIGNAL) variants.push(['bare + signal', () => bareTurn(provider, tool, streaming, new AbortController().signal)]);
if (process.env.AB_FRESH) {
  let agent = new after.Agent({ provider, tools: [tool], tracer: false });
  let n = 0;
  variants.push([
    'after, fresh store per 50',
    () => {
      if (++n % 50 === 0) agent = new after.Agent({ provider, tools: [tool], tracer: false });
      return turnOf(agent)();
    },
  ]);
}
const { wall, cpu } = await measureShuffled(variants, WARMUP, TURNS, () => {
  if (process.env.AB_RESET) server.reset();
});
await server.close();
const [bw, bc] = [median(wall.get('bare loop')!), mean(cpu.get('bare loop')!)];
console.log(`${streaming ? 'stream' : 'run'} ${process.argv[3] ?? 'http'}: ${TURNS} turns (load ${(await import('node:os')).loadavg()[0].toFixed(1)})`);
for (const [name] of variants) {
  const w = median(wall.get(name)!);
  const c = mean(cpu.get(name)!);
  console.log(
    `${name.padEnd(26)} wall ${w.toFixed(3)} ms (${(w / bw).toFixed(3)}×)  CPU mean ${c.toFixed(3)} ms (${(c / bc).toFixed(3)}×)  CPU median ${(median(cpu.get(name)!) / median(cpu.get('bare loop')!)).toFixed(3)}×`,
  );
}
