/**
 * Where the agent's per-turn overhead over a bare loop goes: the bare loop, the default agent,
 * and agents without spotlighting (and with only its system-prompt sentence), with a no-op
 * checkpointer, and with both, interleaved turn by
 * turn in a shuffled order in one process (medians of wall time, means of process CPU time).
 * Not part of `npm run bench` (the name does not end in `.bench.ts`):
 *
 *   node --conditions=@graft/source --import tsx bench/agent-overhead.ts [run|stream] [http|scripted]
 */
import { z } from 'zod';
import type { BaseCheckpointSaver } from '@langchain/langgraph';
import { bareTurn, mean, measureShuffled, median, weatherModel } from './agent-bare-loop.js';
import { Agent, defineTool, SPOTLIGHT_INSTRUCTIONS, type AgentOptions } from '@graft/core';

const TURNS = 2000;
const WARMUP = 500;
const streaming = process.argv[2] === 'stream';
const tool = defineTool({
  name: 'get_weather',
  description: 'Current weather for a city',
  input: z.object({ city: z.string() }),
  execute: ({ city }) => ({ city, tempC: 21 }),
});

const { server, provider } = await weatherModel(process.argv[3]);
/** Keeps nothing: what a turn costs without its checkpoint. */
const noopSaver = {
  getTuple: async () => undefined,
  put: async () => ({}),
  getNextVersion: (v: number | undefined) => (v ?? 0) + 1,
} as unknown as BaseCheckpointSaver;
let nextId = 0;
const agentTurn = (options: Partial<AgentOptions>) => {
  const agent = new Agent({ provider, tools: [tool], tracer: false, ...options } as AgentOptions);
  return async () => {
    const threadId = `t${nextId++}`;
    if (!streaming) return void (await agent.run('Weather in Paris?', { threadId }));
    for await (const _ of agent.stream('Weather in Paris?', { threadId }));
  };
};
const variants: Array<[string, () => Promise<void>]> = [
  ['bare loop', () => bareTurn(provider, tool, streaming)],
  ['agent (defaults)', agentTurn({})],
  ['spotlight: false', agentTurn({ spotlight: false })],
  // spotlighting's system-prompt sentence alone (no marked results): what the bigger requests cost
  ['prompt sentence only', agentTurn({ spotlight: false, instructions: SPOTLIGHT_INSTRUCTIONS })],
  ['no-op checkpointer', agentTurn({ checkpointer: noopSaver })],
  ['both', agentTurn({ spotlight: false, checkpointer: noopSaver })],
];
const { wall, cpu } = await measureShuffled(variants, WARMUP, TURNS);
await server.close();
const [bareWall, bareCpu] = [median(wall.get('bare loop')!), mean(cpu.get('bare loop')!)];
console.log(
  `${streaming ? 'stream' : 'run'}, ${process.argv[3] === 'scripted' ? 'scripted' : 'http'}: ${TURNS} turns each (load ${(await import('node:os')).loadavg()[0].toFixed(1)})`,
);
for (const [name] of variants) {
  const w = median(wall.get(name)!);
  const c = mean(cpu.get(name)!);
  console.log(`${name.padEnd(20)} wall ${w.toFixed(3)} ms (${(w / bareWall).toFixed(2)}×)   CPU ${c.toFixed(3)} ms (${(c / bareCpu).toFixed(2)}×)`);
}
