import { describe, expect, it } from 'vitest';
import { emptyCheckpoint } from '@langchain/langgraph';
import { createCheckpointer, createStore } from '@graft/core';

describe('checkpointer concurrency', () => {
  it('keeps every pending write when two savers on one store write to the same checkpoint at once', async () => {
    const store = createStore();
    const [first, second] = [createCheckpointer(store), createCheckpointer(store)];
    const checkpoint = { ...emptyCheckpoint(), id: '1ef00000-0000-6000-8000-000000000001' };
    const config = await first.put({ configurable: { thread_id: 't', checkpoint_ns: '' } }, checkpoint, { source: 'loop', step: 0, parents: {} }, {});
    const tasks = Array.from({ length: 20 }, (_, i) => `task-${String(i).padStart(2, '0')}`);
    await Promise.all(tasks.map((task, i) => (i % 2 ? first : second).putWrites(config, [['out', task]], task)));
    const tuple = await second.getTuple(config);
    expect(tuple?.pendingWrites?.map(([task, channel, value]) => [task, channel, value])).toEqual(tasks.map((t) => [t, 'out', t]));
  });
});
