/**
 * Cost of serving a run as an AI SDK UI message stream: the same streamed agent turn (2 model
 * calls + 1 tool call against the mock server over HTTP) read as plain events, and read as the
 * SSE body of `run.toUIMessageStreamResponse()` (chunk mapping + JSON + SSE encoding). Turns
 * alternate so drift hits both alike. Target: the UI stream adds ≤ 5% to a streamed turn.
 */
import { z } from 'zod';
import { Agent, defineTool } from '@graft/core';
import { openaiCompatible } from '@graft/providers';
import { createMockServer, reply } from '@graft/providers/testing';

const TURNS = 200;
const WARMUP = 60;
/** Rounds of interleaved turns; the ratio quoted is the median of the rounds' ratios. */
const ROUNDS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  let n = 0;
  const server = await createMockServer({
    script: () =>
      n++ % 2 === 0
        ? reply.toolCalls([{ name: 'lookup', args: { id: 'ord_1' } }])
        : reply.text('Order ord_1 has shipped and arrives on Tuesday.', { chunkSize: 8 }),
  });
  const lookup = defineTool({
    name: 'lookup',
    description: 'Look up an order',
    input: z.object({ id: z.string() }),
    execute: ({ id }) => ({ id, status: 'shipped' }),
  });
  const agent = new Agent({ provider: openaiCompatible({ baseURL: server.url, model: 'm', maxRetries: 0 }), tools: [lookup] });

  let thread = 0;
  const plain = async () => {
    for await (const _ of agent.stream('where is ord_1?', { threadId: `p${thread++}` })) void _;
  };
  const ui = async () => {
    const body = agent.stream('where is ord_1?', { threadId: `u${thread++}` }).toUIMessageStreamResponse().body!;
    const reader = body.getReader();
    while (!(await reader.read()).done);
  };

  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const times = { plain: [] as number[], ui: [] as number[] };
    // process CPU (this process runs the mock server too, alike for both): steadier than wall time on a busy machine
    const cpu = { plain: [] as number[], ui: [] as number[] };
    for (let i = 0; i < (round === 0 ? WARMUP : 0) + TURNS; i++) {
      for (const [name, fn] of (i % 2
        ? [
            ['plain', plain],
            ['ui', ui],
          ]
        : [
            ['ui', ui],
            ['plain', plain],
          ]) as Array<['plain' | 'ui', () => Promise<void>]>) {
        const c = process.cpuUsage();
        const t = performance.now();
        await fn();
        const used = process.cpuUsage(c);
        if (round > 0 || i >= WARMUP) {
          times[name].push(performance.now() - t);
          cpu[name].push((used.user + used.system) / 1000);
        }
      }
    }
    const p = median(times.plain);
    const u = median(times.ui);
    ratios.push(u / p);
    const cp = cpu.plain.reduce((a, b) => a + b, 0);
    const cu = cpu.ui.reduce((a, b) => a + b, 0);
    cpuRatios.push(cu / cp);
    console.log(
      `round ${round + 1}: events only ${p.toFixed(3)} ms, as UI message stream ${u.toFixed(3)} ms (medians of ${TURNS} turns): ${(u / p).toFixed(3)}×; ` +
        `CPU ${((cp / cpu.plain.length) * 1000).toFixed(0)} vs ${((cu / cpu.ui.length) * 1000).toFixed(0)} µs/turn: ${(cu / cp).toFixed(3)}×`,
    );
  }
  await server.close();
  console.log(
    `UI message stream / events only, median of ${ROUNDS} rounds: wall ${median(ratios).toFixed(3)}×, CPU ${median(cpuRatios).toFixed(3)}× (target ≤ 1.05×)`,
  );
}

await main();
