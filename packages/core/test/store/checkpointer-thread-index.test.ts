/**
 * The thread index behind an unfiltered `list` across savers and instances: a thread one saver
 * (or one instance) deleted and another, which wrote it before, writes again is listed again.
 * Every backend a user shares between savers: memory (two savers in one process), SQLite (two
 * handles on one file, as two processes have), Redis and PostgreSQL (two clients on one prefix
 * or table).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { emptyCheckpoint } from '@langchain/langgraph';
import { createCheckpointer, type GraftStore } from '@graft/core';
import { isolatedStore, serviceUrl, type ServiceKind } from './services.js';
import { tempDir } from './temp-dir.js';

const tmp = tempDir('graft-thread-index-');
afterAll(() => tmp.remove());

/** Two handles on one underlying store (the same object for memory: it is private to a process). */
function twoHandles(kind: ServiceKind | 'memory' | 'sqlite'): [GraftStore, GraftStore] {
  if (kind === 'memory') {
    const store = isolatedStore('memory');
    return [store, store];
  }
  const id = `t${Math.random().toString(16).slice(2, 10)}`;
  const file = tmp.file(`${id}.db`);
  return [isolatedStore(kind, { id, file }), isolatedStore(kind, { id, file })];
}

let sequence = 0;
const metadata = { source: 'loop' as const, step: 0, parents: {} };

async function put(saver: ReturnType<typeof createCheckpointer>, threadId: string) {
  const checkpoint = {
    ...emptyCheckpoint(),
    id: `1ef00000-0000-6000-8000-${String(++sequence).padStart(12, '0')}`,
    channel_values: { messages: ['hi'] },
    channel_versions: { messages: 1 },
  };
  return saver.put({ configurable: { thread_id: threadId, checkpoint_ns: '' } }, checkpoint, metadata, { messages: 1 });
}

async function listedThreads(saver: ReturnType<typeof createCheckpointer>): Promise<string[]> {
  const ids = new Set<string>();
  for await (const tuple of saver.list({ configurable: {} })) ids.add(tuple.config.configurable!.thread_id as string);
  return [...ids].sort();
}

const kinds: Array<ServiceKind | 'memory' | 'sqlite'> = ['memory', 'sqlite', 'redis', 'postgres'];

describe.each(kinds)('thread index on %s', (kind) => {
  const available = kind === 'memory' || kind === 'sqlite' || serviceUrl(kind) !== undefined;

  it.skipIf(!available)('lists a thread again when the saver that wrote it writes it after another saver deleted it', async () => {
    const [storeA, storeB] = twoHandles(kind);
    const [a, b] = [createCheckpointer(storeA), createCheckpointer(storeB)];
    try {
      await put(a, 'kept');
      await put(a, 'reused');
      expect(await listedThreads(b)).toEqual(['kept', 'reused']);

      await b.deleteThread('reused');
      expect(await listedThreads(a)).toEqual(['kept']);

      // the first saver writes the thread again: its checkpoint exists, so the thread must be listed
      const config = await put(a, 'reused');
      expect((await b.getTuple(config))?.checkpoint.channel_values).toEqual({ messages: ['hi'] });
      expect(await listedThreads(b)).toEqual(['kept', 'reused']);
      expect(await listedThreads(a)).toEqual(['kept', 'reused']);
    } finally {
      await storeA.close();
      if (storeB !== storeA) await storeB.close();
    }
  });

  it.skipIf(!available)('keeps exactly one index entry per thread however often it is written', async () => {
    const [store] = twoHandles(kind);
    const saver = createCheckpointer(store);
    try {
      for (let i = 0; i < 3; i++) await put(saver, 'busy');
      await put(saver, 'other');
      const index = store.namespace('checkpoints').namespace('threads');
      expect((await index.keys()).sort()).toEqual(['busy', 'other']);
    } finally {
      await store.close();
    }
  });
});
