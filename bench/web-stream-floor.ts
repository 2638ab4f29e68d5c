/**
 * What a streamed web `Response` costs on this Node version before any UI-stream conversion:
 * the floor under `toUIMessageStreamResponse` in `npm run bench -- ui-stream`. No Graft code
 * runs here. Per operation, CPU time (µs, median of rounds, each round interleaving the shapes
 * so drift and collector debt hit all alike):
 *
 * - `stream`: `new ReadableStream({ pull }, { highWaterMark: 0 })`, never read;
 * - `response`: the same stream in `new Response(stream, { status, headers })`, never read;
 * - `read (pull)`: a `Response` whose stream delivers a turn's three batches (one now, two on
 *   later event-loop turns, as `UIStreamSource` does: a pull-driven source, `highWaterMark: 0`),
 *   read like a `useChat` client (`getReader()` and a streaming `TextDecoder`);
 * - `read (bytes)`: the same with a `type: 'bytes'` stream;
 * - `read (push)`: the same with no `pull`: batches enqueued as they come (`highWaterMark: 1`);
 * - `callback`: the same three batches handed to a function (what the Node writer pays instead).
 *
 * Then an in-process CPU profile of `stream` alone, with the share of the samples in Node's
 * `makeTransferable` (Node 20 makes every `ReadableStream` transferable when it is built: a
 * native object per stream, which the collector must also finalize) and in the collector.
 *
 *   node --import tsx bench/web-stream-floor.ts
 */
import { Session } from 'node:inspector/promises';
import { setImmediate as tick } from 'node:timers/promises';

const ROUNDS = 5;
const PER_ROUND = 4_000;
const WARMUP = 2_000;
const PROFILED = 20_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const headers = new Headers({ 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-vercel-ai-ui-message-stream': 'v1' });
const init = { status: 200, headers };
const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** A turn's batches, about the sizes `ui-stream` writes (start; a tool step; the answer and the end). */
const BATCHES = [`data: {"type":"start","messageId":"${'m'.repeat(36)}"}\n\n`, 'data: {"type":"start-step"}\n\n' + 'x'.repeat(260), 'x'.repeat(1100)];

/** Reads a body to its end the way a `useChat` client does. */
async function drain(body: ReadableStream<Uint8Array>): Promise<void> {
  const reader = body.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) decoder.decode(r.value, { stream: true });
}

/** A pull-driven source: the first batch at the first pull, the others when `deliver` is called. */
class BatchSource {
  type?: 'bytes';
  #controller!: ReadableStreamDefaultController<Uint8Array>;
  #next = 0;
  constructor(type?: 'bytes') {
    if (type) this.type = type;
  }
  start(controller: ReadableStreamDefaultController<Uint8Array>): void {
    this.#controller = controller;
  }
  pull(): void {
    if (this.#next === 0) this.deliver();
  }
  deliver(): void {
    this.#controller.enqueue(encoder.encode(BATCHES[this.#next++]!));
    if (this.#next === BATCHES.length) this.#controller.close();
  }
}

/** A turn read through a pull-driven source: one batch now, two on later event-loop turns. */
async function readPulled(type?: 'bytes'): Promise<void> {
  const source = new BatchSource(type);
  const read = drain(new Response(new ReadableStream<Uint8Array>(source as UnderlyingDefaultSource<Uint8Array>, { highWaterMark: 0 }), init).body!);
  await tick();
  source.deliver();
  await tick();
  source.deliver();
  await read;
}

const shapes: Array<[string, () => unknown]> = [
  ['stream', () => new ReadableStream({ pull() {} }, { highWaterMark: 0 })],
  ['response', () => new Response(new ReadableStream({ pull() {} }, { highWaterMark: 0 }), init)],
  ['read (pull)', () => readPulled()],
  ['read (bytes)', () => readPulled('bytes')],
  [
    'read (push)',
    async () => {
      let controller!: ReadableStreamDefaultController<Uint8Array>;
      const stream = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) }, { highWaterMark: 1 });
      controller.enqueue(encoder.encode(BATCHES[0]!));
      const read = drain(new Response(stream, init).body!);
      await tick();
      controller.enqueue(encoder.encode(BATCHES[1]!));
      await tick();
      controller.enqueue(encoder.encode(BATCHES[2]!));
      controller.close();
      await read;
    },
  ],
  [
    'callback',
    async () => {
      let bytes = 0;
      const write = (chunk: Uint8Array) => void (bytes += chunk.byteLength);
      write(Buffer.from(BATCHES[0]!));
      await tick();
      write(Buffer.from(BATCHES[1]!));
      await tick();
      write(Buffer.from(BATCHES[2]!));
      return bytes;
    },
  ],
];

/** CPU µs per call of `fn` over `n` calls (awaited one by one). */
async function cpuPerCall(fn: () => unknown, n: number): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < n; i++) await fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / n;
}

async function main(): Promise<void> {
  for (const [, fn] of shapes) await cpuPerCall(fn, WARMUP);
  const cpu = new Map<string, number[]>(shapes.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) for (const [name, fn] of shapes) cpu.get(name)!.push(await cpuPerCall(fn, PER_ROUND));
  console.log(`Node ${process.version}, CPU µs per operation (median of ${ROUNDS} rounds of ${PER_ROUND}):`);
  for (const [name, xs] of cpu) console.log(`  ${name.padEnd(14)} ${median(xs).toFixed(2)}`);

  // where the time of building a stream goes
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 50 });
  await session.post('Profiler.start');
  await cpuPerCall(shapes[0]![1], PROFILED);
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  const deltas = new Map<number, number>();
  profile.samples!.forEach((id, i) => deltas.set(id, (deltas.get(id) ?? 0) + (profile.timeDeltas![i] ?? 0)));
  let total = 0;
  const byName = new Map<string, number>();
  for (const node of profile.nodes) {
    const t = deltas.get(node.id) ?? 0;
    if (node.callFrame.functionName === '(idle)') continue;
    total += t;
    byName.set(node.callFrame.functionName, (byName.get(node.callFrame.functionName) ?? 0) + t);
  }
  const share = (name: string) => `${(((byName.get(name) ?? 0) / total) * 100).toFixed(0)}%`;
  console.log(
    `building a ReadableStream, ${PROFILED} times: makeTransferable ${share('makeTransferable')} of the samples (self time), ` +
      `JSTransferable ${share('JSTransferable')}, the collector ${share('(garbage collector)')}, the stream's own setup ` +
      `${share('createReadableStreamState')} + ${share('setupReadableStreamDefaultController')}`,
  );
}

await main();
