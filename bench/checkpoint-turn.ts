/**
 * The checkpoint part of one agent turn on the default (in-memory) checkpointer, alone: what a
 * direct-loop turn asks of the saver (counted on a real turn), what the turn-start read
 * (`getTuple`) and the exit write (`putExitCheckpoint`) cost on a new thread and on the 2nd and
 * 20th turn of a thread (CPU µs, medians of batches), and the memory each new thread keeps.
 * Not part of `npm run bench` (the name does not end in `.bench.ts`):
 *
 *   node --expose-gc --conditions=@graft/source --import tsx bench/checkpoint-turn.ts
 */
import { z } from 'zod';
import type { CheckpointTuple } from '@langchain/langgraph';
import { Agent, createCheckpointer, createStore, defineTool, type GraftCheckpointSaver } from '@graft/core';
import { putExitCheckpoint, stateOf } from '../packages/core/src/agent/direct-checkpoint.js';
import type { AgentState } from '../packages/core/src/agent/state.js';
import { median, weatherModel } from './agent-bare-loop.js';

const BATCHES = 15;
const BATCH = 2_000;
const RETAINED_THREADS = 20_000;
const tool = defineTool({
  name: 'get_weather',
  description: 'Current weather for a city',
  input: z.object({ city: z.string() }),
  execute: ({ city }) => ({ city, tempC: 21 }),
});

// 1. what one turn asks of the saver
const { server, provider } = await weatherModel('scripted');
const calls = new Map<string, number>();
const saver = createCheckpointer(createStore());
const counting = new Proxy(saver, {
  get(target, key, receiver) {
    const value = Reflect.get(target, key, receiver) as unknown;
    if (typeof value !== 'function' || typeof key !== 'string') return value;
    return (...args: unknown[]) => {
      calls.set(key, (calls.get(key) ?? 0) + 1);
      return (value as (...a: unknown[]) => unknown).apply(target, args);
    };
  },
});
const agent = new Agent({ provider, tools: [tool], tracer: false, checkpointer: counting });
await agent.run('Weather in Paris?', { threadId: 'warm' });
calls.clear();
const done = await agent.run('Weather in Paris?', { threadId: 'count' });
console.log('saver calls, turn on a new thread:', JSON.stringify(Object.fromEntries(calls)));
calls.clear();
await agent.run('And in Rome?', { threadId: 'count' });
console.log('saver calls, 2nd turn on the thread:', JSON.stringify(Object.fromEntries(calls)));
await server.close();

// 2. the cost of the read and the write, alone
const written = new Set(['messages', 'input', 'step', 'usage', 'repairs', 'issues', '__pregel_tasks']);
const config = (id: string) => ({ configurable: { thread_id: id, checkpoint_ns: '' } });
/** The exit state of one more weather turn on a thread whose checkpoint is `tuple`. */
const exitState = (tuple: CheckpointTuple | undefined): AgentState => {
  const prior = stateOf(tuple);
  return { ...prior, messages: [...prior.messages, ...done.messages], step: 2, usage: done.usage };
};
/** One turn's checkpoint work on `id`: the read, then the write. */
async function turn(s: GraftCheckpointSaver, id: string): Promise<void> {
  const tuple = await s.getTuple(config(id));
  await putExitCheckpoint(s, id, tuple, exitState(tuple), 3, written);
}
const cpuMicros = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return c.user + c.system;
};
let run = 0;
/** CPU µs per thread of the reads of a batch of threads, then of their writes (medians over batches). */
async function measure(label: string, priorTurns: number): Promise<void> {
  const reads: number[] = [];
  const writes: number[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const s = createCheckpointer(createStore());
    const ids = Array.from({ length: BATCH }, (_, i) => `m${run}-${b}-${i}`);
    for (const id of ids) for (let t = 0; t < priorTurns; t++) await turn(s, id);
    let c = process.cpuUsage();
    const tuples: Array<CheckpointTuple | undefined> = [];
    for (const id of ids) tuples.push(await s.getTuple(config(id)));
    const read = cpuMicros(c);
    const states = tuples.map(exitState);
    c = process.cpuUsage();
    for (let i = 0; i < BATCH; i++) await putExitCheckpoint(s, ids[i]!, tuples[i], states[i]!, 3, written);
    const write = cpuMicros(c);
    if (b > 0) (reads.push(read / BATCH), writes.push(write / BATCH)); // the first batch warms up
  }
  run++;
  console.log(`${label.padEnd(22)} getTuple ${median(reads).toFixed(1)} µs   putExitCheckpoint ${median(writes).toFixed(1)} µs (CPU, incl. GC)`);
}
await measure('new thread', 0);
await measure('2nd turn', 1);
await measure('20th turn', 19);

// 3. what each new thread keeps
const gc = (globalThis as { gc?: () => void }).gc;
if (gc) {
  const s = createCheckpointer(createStore());
  await turn(s, 'warm');
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < RETAINED_THREADS; i++) await turn(s, `r${i}`);
  gc();
  const kept = (process.memoryUsage().heapUsed - before) / RETAINED_THREADS;
  if (!(await s.getTuple(config('r0')))) throw new Error('the threads were not kept'); // (and keeps the store alive until measured)
  console.log(`kept per new thread     ${kept.toFixed(0)} bytes`);
} else console.log('(run with --expose-gc for the memory each thread keeps)');
