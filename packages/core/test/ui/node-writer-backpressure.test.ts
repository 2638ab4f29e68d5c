/**
 * `pipeUIMessageStreamToResponse` against a real slow client: a `node:http` server with a small
 * socket buffer and a client that stops reading. The writer waits for `drain` after a `write`
 * that returned `false`, stops reading an event iterable meanwhile (memory stays bounded), loses
 * nothing once the client reads again, and a client that goes away while the writer waits still
 * cancels the run.
 */
import { createServer, get, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { pipeUIMessageStreamToResponse, type AgentStreamEvent } from '@graft/core';
import { EventQueue } from '../../src/agent/event-queue.js';
import { doneEvent } from './done-event.js';

/** The server's socket buffer (Node's default is 16 KiB). */
const SOCKET_BUFFER = 4096;
/** Text of one delta: a few of them fill the socket buffer. */
const PIECE = 'x'.repeat(2048);
const done = doneEvent;
const nextTurn = () => new Promise((r) => setImmediate(r));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the server saw of one response: each write's result, and writes made while it waited for `drain`. */
interface WriteLog {
  results: boolean[];
  writesWhileFull: number;
  drains: number;
  res: ServerResponse;
}

/** Records the writes of `res` (as the writer makes them) before the writer starts. */
function watch(res: ServerResponse): WriteLog {
  const log: WriteLog = { results: [], writesWhileFull: 0, drains: 0, res };
  let full = false;
  const write = res.write.bind(res) as (chunk: Uint8Array) => boolean;
  res.write = ((chunk: Uint8Array) => {
    if (full) log.writesWhileFull++;
    const ok = write(chunk);
    log.results.push(ok);
    if (!ok) full = true;
    return ok;
  }) as typeof res.write;
  // registered before the writer's own listener, so it sees `drain` first
  res.on('drain', () => {
    log.drains++;
    full = false;
  });
  return log;
}

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  server = undefined;
});

/** Serves `handle` on a server with a small socket buffer; resolves with the URL. */
async function serve(handle: (res: ServerResponse) => void): Promise<string> {
  server = createServer({ highWaterMark: SOCKET_BUFFER }, (_req, res) => handle(res));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

/** Opens the stream and does not read it (the response stays paused until `readAll`). */
function open(url: string): Promise<{ res: IncomingMessage; abort: () => void }> {
  return new Promise((resolve, reject) => {
    const req = get(url, (res) => resolve({ res, abort: () => req.destroy() }));
    req.on('error', reject);
  });
}

/** Reads the rest of a response as text. */
async function readAll(res: IncomingMessage): Promise<string> {
  res.setEncoding('utf8');
  let text = '';
  for await (const chunk of res) text += chunk as string;
  return text;
}

/** The text deltas of an SSE UI message stream, in order. */
function deltasOf(text: string): string[] {
  expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  return text
    .split('\n\n')
    .filter((f) => f.startsWith('data: {'))
    .map((f) => JSON.parse(f.slice('data: '.length)) as { type: string; delta?: string })
    .filter((c) => c.type === 'text-delta')
    .map((c) => c.delta!);
}

/**
 * Waits until the socket is full for good (the kernel's buffers too): the last write returned
 * `false` and no `drain` came for `quietMs`. `step` runs each event-loop turn meanwhile.
 */
async function untilStuck(log: () => WriteLog | undefined, step = () => {}, quietMs = 100): Promise<void> {
  let drains = -1;
  let since = Date.now();
  const deadline = Date.now() + 10_000;
  for (;;) {
    const l = log();
    if (l && l.drains !== drains) [drains, since] = [l.drains, Date.now()];
    if (l?.results.at(-1) === false && Date.now() - since >= quietMs) return;
    if (Date.now() > deadline) throw new Error('the socket never filled up');
    step();
    await nextTurn();
  }
}

/** Waits until `ready()` holds (checked each event-loop turn, up to `ms`). */
async function until(ready: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await nextTurn();
  }
}

describe('pipeUIMessageStreamToResponse with a slow client (real HTTP)', () => {
  it('stops reading the events while the socket is full, then sends every frame in order', async () => {
    let produced = 0;
    let stop = false;
    /** Deltas for as long as the test wants (until the socket is full and a while after). */
    async function* events(): AsyncIterable<AgentStreamEvent> {
      while (!stop) yield { type: 'text-delta', text: `${produced++}:${PIECE}` };
      yield done;
    }
    let log: WriteLog | undefined;
    let piped: Promise<void> | undefined;
    const url = await serve((res) => {
      log = watch(res);
      piped = pipeUIMessageStreamToResponse(events(), res);
    });
    const { res } = await open(url);
    await untilStuck(() => log);

    // the client still does not read: the writer waits for drain and reads no further event
    const at = produced;
    for (let i = 0; i < 20; i++) await nextTurn();
    await sleep(50);
    expect(produced - at).toBeLessThanOrEqual(1);
    expect(log!.writesWhileFull).toBe(0);
    // what Node holds for the socket: its buffer plus the batch that filled it, not the stream so far
    expect(log!.res.writableLength).toBeLessThan(SOCKET_BUFFER + 3 * PIECE.length);
    expect(produced * PIECE.length).toBeGreaterThan(log!.res.writableLength);

    stop = true;
    const text = await readAll(res);
    await piped;
    const deltas = deltasOf(text);
    expect(deltas.length).toBe(produced);
    expect(deltas.every((d, i) => d === `${i}:${PIECE}`)).toBe(true);
    expect(log!.drains).toBeGreaterThan(0);
    expect(log!.writesWhileFull).toBe(0);
  });

  it("a run's events pushed while the socket is full wait for drain and go out complete", async () => {
    const queue = new EventQueue<AgentStreamEvent>();
    let pushed = 0;
    let log: WriteLog | undefined;
    let piped: Promise<void> | undefined;
    const url = await serve((res) => {
      log = watch(res);
      piped = pipeUIMessageStreamToResponse(queue, res);
    });
    const { res } = await open(url);
    // a run pushes without waiting for anyone: a few deltas each event-loop turn, until the
    // kernel's buffers are full too
    await untilStuck(
      () => log,
      () => {
        for (let i = 0; i < 4; i++) queue.push({ type: 'text-delta', text: `${pushed++}:${PIECE}` });
      },
    );
    const writes = log!.results.length;
    for (let i = 0; i < 20; i++) {
      for (let k = 0; k < 4; k++) queue.push({ type: 'text-delta', text: `${pushed++}:${PIECE}` });
      await nextTurn();
    }
    // nothing written while the client reads nothing (the frames wait in one batch)
    expect(log!.results.length).toBe(writes);
    queue.push(done);
    queue.close();

    const text = await readAll(res);
    await piped;
    const deltas = deltasOf(text);
    expect(deltas.length).toBe(pushed);
    expect(deltas.every((d, i) => d === `${i}:${PIECE}`)).toBe(true);
    expect(log!.writesWhileFull).toBe(0);
  });

  it('a client that goes away while the writer waits for drain cancels the run', async () => {
    let finished = false;
    const reasons: unknown[] = [];
    async function* events(): AsyncIterable<AgentStreamEvent> {
      try {
        for (let i = 0; ; i++) yield { type: 'text-delta', text: `${i}:${PIECE}` };
      } finally {
        finished = true;
      }
    }
    let log: WriteLog | undefined;
    let piped: Promise<void> | undefined;
    const url = await serve((res) => {
      log = watch(res);
      piped = pipeUIMessageStreamToResponse(events(), res, { onCancel: (r) => reasons.push(r) });
    });
    const { abort } = await open(url);
    await until(() => log?.results.includes(false) === true);
    expect(finished).toBe(false);
    abort();
    await piped;
    await until(() => finished);
    expect(reasons).toEqual(['client disconnected']);
    expect(log!.writesWhileFull).toBe(0);
  });
});
