/**
 * Cost of serving a run as an AI SDK UI message stream: the same streamed agent turn (2 model
 * calls + 1 tool call against the mock server over HTTP) read as plain events, and read as the
 * SSE body of `run.toUIMessageStreamResponse()` (chunk mapping + JSON + SSE encoding, inside a
 * web `Response`, read the way a `useChat` client reads it: `body.getReader()` and a streaming
 * `TextDecoder`), and written by `run.pipeUIMessageStreamToResponse()` (the Express path) to a
 * sink that takes Node's `ServerResponse` calls and only counts the bytes (no socket: the
 * conversion alone). Turns alternate, in a shuffled order, so drift and the state one variant
 * leaves for the next hit every variant alike. Target: the UI stream
 * adds ≤ 5% to a streamed turn.
 *
 * Two more rows, for reading the web figure: the plain turn plus an unread
 * `new Response(new ReadableStream(…))` (what any web handler returning a stream pays on
 * Node 20: the stream's `makeTransferable` and undici's `Response`, cold once per turn), and
 * the plain turn plus a streamed `Response` carrying a turn's UI stream bytes (recorded once,
 * a fresh copy of each batch per turn, as an encoder makes) in the same reads, read the same
 * way (what reading any such body costs on Node 20, with no conversion at all). The headline
 * ratios are against the plain turn; "over the floor" divides by the first row, "over the
 * read floor" by the second: what is left there is the conversion itself. The floor's parts,
 * with no Graft code at all: `bench/web-stream-floor.ts`.
 */
import { z } from 'zod';
import { Agent, defineTool } from '@graft/core';
import { openaiCompatible } from '@graft/providers';
import { createMockServer, reply } from '@graft/providers/testing';
import { shuffled } from './shuffle.js';

const TURNS = 300;
const WARMUP = 60;
/** Rounds of interleaved turns; the ratio quoted is the median of the rounds' ratios. */
const ROUNDS = 7;

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
  const decoder = new TextDecoder();
  let decoded = 0;
  const ui = async () => {
    const body = agent.stream('where is ord_1?', { threadId: `u${thread++}` }).toUIMessageStreamResponse().body!;
    const reader = body.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) decoded += decoder.decode(r.value, { stream: true }).length;
  };
  /** The plain turn plus what returning any streamed web `Response` costs (built, not read). */
  const headers = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };
  let unread: Response | undefined;
  const floor = async () => {
    unread = new Response(new ReadableStream({ pull() {} }, { highWaterMark: 0 }), { status: 200, headers });
    for await (const _ of agent.stream('where is ord_1?', { threadId: `f${thread++}` })) void _;
  };

  /** One turn's UI stream bytes, batch by batch as a reader gets them. */
  const recorded: Uint8Array[] = [];
  {
    const reader = agent.stream('where is ord_1?', { threadId: 'recorded' }).toUIMessageStreamResponse().body!.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) recorded.push(r.value);
  }
  /** The plain turn plus reading a streamed `Response` of the same bytes in the same reads. */
  const readFloor = async () => {
    for await (const _ of agent.stream('where is ord_1?', { threadId: `r${thread++}` })) void _;
    let i = 0;
    const stream = new ReadableStream<Uint8Array>({ pull: (c) => (i < recorded.length ? c.enqueue(recorded[i++]!.slice()) : c.close()) }, { highWaterMark: 0 });
    const reader = new Response(stream, { status: 200, headers }).body!.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) decoded += decoder.decode(r.value, { stream: true }).length;
  };

  let written = 0;
  /** The `ServerResponse` calls the Node writer makes; the bytes are counted, not sent. */
  const sink = () => {
    const listeners: Array<() => void> = [];
    return {
      writableEnded: false,
      writeHead: () => undefined,
      write(chunk: Uint8Array) {
        written += chunk.byteLength;
        return true;
      },
      end() {
        this.writableEnded = true;
        for (const l of listeners) l();
      },
      on: (event: 'close' | 'drain', listener: () => void) => void (event === 'close' && listeners.push(listener)),
    };
  };
  const node = async () => {
    await agent.stream('where is ord_1?', { threadId: `n${thread++}` }).pipeUIMessageStreamToResponse(sink());
  };

  type Variant = 'plain' | 'ui' | 'node' | 'floor' | 'readFloor';
  const variants: Array<[Variant, () => Promise<void>]> = [
    ['plain', plain],
    ['ui', ui],
    ['node', node],
    ['floor', floor],
    ['readFloor', readFloor],
  ];
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  const nodeRatios: number[] = [];
  const nodeCpuRatios: number[] = [];
  const floorRatios: number[] = [];
  const floorCpuRatios: number[] = [];
  const readFloorRatios: number[] = [];
  const readFloorCpuRatios: number[] = [];
  /** Per-turn CPU medians' ratios (the sums above carry the GC pauses of whichever turn hit them). */
  const cpuMedianRatios: number[] = [];
  const nodeCpuMedianRatios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const times: Record<Variant, number[]> = { plain: [], ui: [], node: [], floor: [], readFloor: [] };
    // process CPU (this process runs the mock server too, alike for all): steadier than wall time on a busy machine
    const cpu: Record<Variant, number[]> = { plain: [], ui: [], node: [], floor: [], readFloor: [] };
    for (let i = 0; i < (round === 0 ? WARMUP : 0) + TURNS; i++) {
      // a fresh shuffled order each time: no variant always runs first or last, nor always right
      // after the same other one (a cyclic rotation put the Node writer after the web Response
      // every time, in the cold caches and GC debt that one leaves)
      for (const [name, fn] of shuffled(variants)) {
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
    cpuMedianRatios.push(median(cpu.ui) / median(cpu.plain));
    nodeCpuMedianRatios.push(median(cpu.node) / median(cpu.plain));
    const w = median(times.node);
    const cw = cpu.node.reduce((a, b) => a + b, 0);
    nodeRatios.push(w / p);
    nodeCpuRatios.push(cw / cp);
    const f = median(times.floor);
    const cf = cpu.floor.reduce((a, b) => a + b, 0);
    floorRatios.push(u / f);
    floorCpuRatios.push(cu / cf);
    const rf = median(times.readFloor);
    const crf = cpu.readFloor.reduce((a, b) => a + b, 0);
    readFloorRatios.push(u / rf);
    readFloorCpuRatios.push(cu / crf);
    console.log(
      `round ${round + 1}: events only ${p.toFixed(3)} ms, as UI message stream ${u.toFixed(3)} ms (medians of ${TURNS} turns): ${(u / p).toFixed(3)}×; ` +
        `CPU ${((cp / cpu.plain.length) * 1000).toFixed(0)} vs ${((cu / cpu.ui.length) * 1000).toFixed(0)} µs/turn: ${(cu / cp).toFixed(3)}×; ` +
        `Node writer ${w.toFixed(3)} ms: ${(w / p).toFixed(3)}×, CPU ${(cw / cp).toFixed(3)}×; ` +
        `floor ${f.toFixed(3)} ms: ${(f / p).toFixed(3)}×, CPU ${(cf / cp).toFixed(3)}×; ` +
        `read floor ${rf.toFixed(3)} ms: ${(rf / p).toFixed(3)}×, CPU ${(crf / cp).toFixed(3)}×`,
    );
  }
  await server.close();
  console.log(
    `UI message stream / events only, median of ${ROUNDS} rounds: web Response wall ${median(ratios).toFixed(3)}×, CPU ${median(cpuRatios).toFixed(3)}× (per-turn median ${median(cpuMedianRatios).toFixed(3)}×); ` +
      `Node writer wall ${median(nodeRatios).toFixed(3)}×, CPU ${median(nodeCpuRatios).toFixed(3)}× (per-turn median ${median(nodeCpuMedianRatios).toFixed(3)}×; target ≤ 1.05×; ${written} bytes written by the Node writer, ${decoded} characters read from the web bodies); ` +
      `web Response over the floor (plain turn + an unread streamed Response) wall ${median(floorRatios).toFixed(3)}×, CPU ${median(floorCpuRatios).toFixed(3)}×; ` +
      `over the read floor (plain turn + reading a streamed Response of the same bytes) wall ${median(readFloorRatios).toFixed(3)}×, CPU ${median(readFloorCpuRatios).toFixed(3)}×`,
  );
}

await main();
