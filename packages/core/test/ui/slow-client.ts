/**
 * Test helpers for a real slow HTTP client: a `node:http` server with a small socket buffer, a
 * client that opens a response and does not read it until told to, and a log of the server's
 * writes (their results, and writes made while Node waited for `drain`).
 */
import { createServer, get, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect } from 'vitest';

/** The server's socket buffer (Node's default is 16 KiB). */
export const SOCKET_BUFFER = 4096;

/** Resolves in the next event-loop turn (after I/O). */
export const nextTurn = (): Promise<void> => new Promise((r) => setImmediate(r));
/** Resolves after `ms`. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** What the server saw of one response: each write's result, and writes made while it waited for `drain`. */
export interface WriteLog {
  /** Each `write`'s return value, in order. */
  results: boolean[];
  /** Writes made after one returned `false` and before `drain`. */
  writesWhileFull: number;
  /** `drain` events seen. */
  drains: number;
  /** The text written so far (UTF-8). */
  text: string;
  /** The response. */
  res: ServerResponse;
}

/** Records the writes of `res` (as the writer makes them) before the writer starts. */
export function watch(res: ServerResponse): WriteLog {
  const log: WriteLog = { results: [], writesWhileFull: 0, drains: 0, text: '', res };
  let full = false;
  const write = res.write.bind(res) as (chunk: Uint8Array) => boolean;
  const decoder = new TextDecoder();
  res.write = ((chunk: Uint8Array) => {
    if (full) log.writesWhileFull++;
    log.text += decoder.decode(chunk, { stream: true });
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
  const s = server;
  server = undefined;
  if (!s) return;
  s.closeAllConnections();
  await new Promise((r) => s.close(r));
});

/** Serves `handle` on a server with a small socket buffer (closed after each test); resolves with the URL. */
export async function serve(handle: (res: ServerResponse) => void): Promise<string> {
  server = createServer({ highWaterMark: SOCKET_BUFFER }, (_req, res) => handle(res));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

/** Opens the stream and does not read it (the response stays paused until `readAll`). */
export function open(url: string): Promise<{ res: IncomingMessage; abort: () => void }> {
  return new Promise((resolve, reject) => {
    const req = get(url, (res) => resolve({ res, abort: () => req.destroy() }));
    req.on('error', reject);
  });
}

/** Reads the rest of a response as text. */
export async function readAll(res: IncomingMessage): Promise<string> {
  res.setEncoding('utf8');
  let text = '';
  for await (const chunk of res) text += chunk as string;
  return text;
}

/** The chunks of an SSE UI message stream's text, in order (it must end with `[DONE]`). */
export function chunksOf(text: string): Array<{ type: string; delta?: string }> {
  expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  return text
    .split('\n\n')
    .filter((f) => f.startsWith('data: {'))
    .map((f) => JSON.parse(f.slice('data: '.length)) as { type: string; delta?: string });
}

/** The text deltas of an SSE UI message stream, in order. */
export function deltasOf(text: string): string[] {
  return chunksOf(text)
    .filter((c) => c.type === 'text-delta')
    .map((c) => c.delta!);
}

/**
 * Waits until the socket is full for good (the kernel's buffers too): the last write returned
 * `false` and no `drain` came for `quietMs`. `step` runs each event-loop turn meanwhile.
 */
export async function untilStuck(log: () => WriteLog | undefined, step = () => {}, quietMs = 100): Promise<void> {
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
export async function until(ready: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await nextTurn();
  }
}
