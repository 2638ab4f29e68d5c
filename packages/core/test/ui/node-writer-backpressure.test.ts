/**
 * `pipeUIMessageStreamToResponse` against a real slow client: a `node:http` server with a small
 * socket buffer and a client that stops reading. The writer waits for `drain` after a `write`
 * that returned `false`, stops reading an event iterable meanwhile (memory stays bounded), loses
 * nothing once the client reads again, and a client that goes away while the writer waits still
 * cancels the run.
 */
import { describe, expect, it } from 'vitest';
import { pipeUIMessageStreamToResponse, type AgentStreamEvent } from '@graft/core';
import { EventQueue } from '../../src/agent/event-queue.js';
import { doneEvent } from './done-event.js';
import { deltasOf, nextTurn, open, readAll, serve, sleep, SOCKET_BUFFER, until, untilStuck, watch, type WriteLog } from './slow-client.js';

/** Text of one delta: a few of them fill the socket buffer. */
const PIECE = 'x'.repeat(2048);
const done = doneEvent;

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
