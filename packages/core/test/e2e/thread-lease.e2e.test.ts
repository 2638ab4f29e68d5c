import { afterAll, describe, expect, it } from 'vitest';
import { reply } from '@graft/providers/testing';
import { Agent, ThreadBusyError, createStore } from '@graft/core';
import { mockModel, useE2E } from './helpers.js';
import { tempDir } from '../store/temp-dir.js';

useE2E();
const tmp = tempDir('graft-thread-lease-');
afterAll(() => tmp.remove());

describe('a thread is busy on every instance sharing the store', () => {
  it('a run on instance A makes the same thread busy on instance B (two connections to one SQLite file); free again after', async () => {
    const { provider } = await mockModel(() => reply.text('slow answer', { delayMs: 150 }));
    const file = tmp.file('threads.db');
    const storeA = createStore({ sqlite: file });
    const storeB = createStore({ sqlite: file });
    const a = new Agent({ provider, store: storeA });
    const b = new Agent({ provider, store: storeB });
    const first = a.run('one', { threadId: 'shared' });
    await new Promise((resolve) => setTimeout(resolve, 60)); // A holds the lease
    await expect(b.run('two', { threadId: 'shared' })).rejects.toBeInstanceOf(ThreadBusyError);
    expect((await b.run('other thread', { threadId: 'elsewhere' })).status).toBe('done');
    expect((await first).status).toBe('done');
    // Released at the end of A's run: B may run the thread now.
    expect((await b.run('three', { threadId: 'shared' })).status).toBe('done');
    await storeA.close();
    await storeB.close();
  });

  it('without a store the check stays per instance', async () => {
    const { provider } = await mockModel(() => reply.text('slow', { delayMs: 80 }));
    const a = new Agent({ provider });
    const b = new Agent({ provider });
    const [x, y] = await Promise.all([a.run('one', { threadId: 't' }), b.run('two', { threadId: 't' })]);
    expect([x.status, y.status]).toEqual(['done', 'done']);
  });
});
