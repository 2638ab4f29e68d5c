/**
 * The run's event queue is bounded: `push` asks the producer to wait once `limit` items wait for
 * the consumer (queued, or held by a subscriber), lets it go on when the consumer catches up or
 * goes away, and never drops or reorders what was pushed.
 */
import { describe, expect, it } from 'vitest';
import { EventQueue, SUBSCRIBE_EVENTS } from '../../src/agent/event-queue.js';

const settled = async (p: Promise<void> | undefined) => {
  let done = false;
  void p?.then(() => (done = true));
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return done;
};

describe('EventQueue (bounded)', () => {
  it('returns nothing below the limit, a promise at it; the iterator catching up to half lets the producer go on, in order', async () => {
    const q = new EventQueue<number>(4);
    const it = q[Symbol.asyncIterator]();
    expect([q.push(0), q.push(1), q.push(2)]).toEqual([undefined, undefined, undefined]);
    const held = q.push(3);
    expect(held).toBeInstanceOf(Promise);
    expect(q.push(4)).toBe(held); // nothing dropped past the limit: the producer is asked to wait
    expect((await it.next()).value).toBe(0);
    expect((await it.next()).value).toBe(1);
    expect(await settled(held)).toBe(false); // 3 still wait
    expect((await it.next()).value).toBe(2);
    expect(await settled(held)).toBe(true); // 2 wait: half the limit
    q.close();
    const rest: number[] = [];
    for (let r = await it.next(); !r.done; r = await it.next()) rest.push(r.value);
    expect(rest).toEqual([3, 4]);
  });

  it('a subscriber holds what it was pushed until it releases it', async () => {
    const q = new EventQueue<number>(3);
    const got: number[] = [];
    q.push(0);
    const sub = q[SUBSCRIBE_EVENTS]({ push: (n) => void got.push(n), close: () => undefined });
    q.push(1);
    const held = q.push(2);
    expect(held).toBeInstanceOf(Promise);
    expect(got).toEqual([0, 1, 2]);
    sub.release();
    expect(await settled(held)).toBe(true);
    expect(q.push(3)).toBeUndefined();
  });

  it('a consumer that goes away lets a held producer go on and drops what comes later', async () => {
    const q = new EventQueue<number>(2);
    const it = q[Symbol.asyncIterator]();
    q.push(0);
    const held = q.push(1);
    expect(held).toBeInstanceOf(Promise);
    await it.return!();
    expect(await settled(held)).toBe(true);
    expect(q.push(2)).toBeUndefined();
    expect((await it.next()).done).toBe(true);

    const q2 = new EventQueue<number>(1);
    const sub = q2[SUBSCRIBE_EVENTS]({ push: () => undefined, close: () => undefined });
    const held2 = q2.push(0);
    sub.detach();
    expect(await settled(held2)).toBe(true);
  });

  it('before any consumer starts reading, the producer is never held; from the first read on it is', async () => {
    const q = new EventQueue<number>(2);
    expect([q.push(0), q.push(1), q.push(2), q.push(3)]).toEqual([undefined, undefined, undefined, undefined]);
    const it = q[Symbol.asyncIterator]();
    expect(q.push(4)).toBeInstanceOf(Promise); // 5 wait for the reader now
    const got: number[] = [];
    q.close();
    for (let r = await it.next(); !r.done; r = await it.next()) got.push(r.value);
    expect(got).toEqual([0, 1, 2, 3, 4]);

    const q2 = new EventQueue<number>(2);
    q2.push(0);
    q2[SUBSCRIBE_EVENTS]({ push: () => undefined, close: () => undefined });
    expect(q2.push(1)).toBeInstanceOf(Promise); // the subscriber holds both
  });

  it("the producer's signal firing lets a held producer go on, and it is not held again", async () => {
    const controller = new AbortController();
    const q = new EventQueue<number>(2, controller.signal);
    const it = q[Symbol.asyncIterator]();
    q.push(0);
    const held = q.push(1);
    expect(await settled(held)).toBe(false);
    controller.abort();
    expect(await settled(held)).toBe(true);
    expect(q.push(2)).toBeUndefined();
    q.close();
    const all: number[] = [];
    for (let r = await it.next(); !r.done; r = await it.next()) all.push(r.value);
    expect(all).toEqual([0, 1, 2]);
  });
});
