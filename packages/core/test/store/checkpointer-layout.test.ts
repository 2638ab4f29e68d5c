/**
 * On memory and SQLite the checkpointer writes a checkpoint as one batch (the memory backend
 * keeps the objects themselves); these tests pin that SQLite's entries are exactly what the public
 * store operations write (the path Redis, PostgreSQL and Keyv take), in both directions. (The
 * memory backend keeps its own layout, pinned against the public one in checkpointer-memory-path.test.ts.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Keyv } from 'keyv';
import type { Checkpoint, CheckpointMetadata } from '@langchain/langgraph';
import { createCheckpointer, createStore, type GraftStore } from '@graft/core';
import { MemoryDriver } from '../../src/store/drivers/memory.js';
import { checkpointRecordText } from '../../src/store/checkpoint-json.js';
import { tempDir } from './temp-dir.js';
import { publicOnly } from './public-only.js';

const tmp = tempDir('graft-layout-');
afterAll(() => tmp.remove());

const checkpoint = (id: string, versions: Record<string, number>, values: Record<string, unknown>): Checkpoint =>
  ({ v: 4, id, ts: '2026-01-01T00:00:00.000Z', channel_values: values, channel_versions: versions, versions_seen: { model: { messages: 1 } } }) as Checkpoint;
const metadata = { source: 'loop', step: 1, parents: {} } as CheckpointMetadata;
const values = { messages: [{ role: 'user', content: 'say "hi"\n' }], step: 2, usage: { inputTokens: 3 } };

/** Two checkpoints on thread `t1` (the second a child of the first) and pending writes. */
async function writeThread(store: GraftStore): Promise<void> {
  await store.has('open'); // the batch path needs an open store (a saver's first read opens it)
  const saver = createCheckpointer(store);
  const first = await saver.put({ configurable: { thread_id: 't1', checkpoint_ns: '' } }, checkpoint('id-1', { messages: 1, step: 1 }, values), metadata, {
    messages: 1,
    step: 1,
  });
  await saver.putWrites(first, [['messages', [{ role: 'assistant', content: 'ok' }]]], 'task-1');
  await saver.put(first, checkpoint('id-2', { messages: 2, step: 1, usage: 2 }, values), { ...metadata, step: 2 }, { messages: 2, usage: 2 });
}

/** Every entry under the checkpoint namespace, as JSON text (key order included). */
async function dumpEntries(store: GraftStore): Promise<string> {
  const root = store.namespace('checkpoints');
  return JSON.stringify({ threads: await root.namespace('threads').list(), t1: await root.namespace('data').namespace('t1').list() });
}

describe('checkpoint entries written in one batch', () => {
  it('are the same entries, byte for byte, as the public store operations write (SQLite, Keyv)', async () => {
    const reference = createStore();
    await writeThread(publicOnly(reference));
    const expected = await dumpEntries(reference);
    expect(expected).toContain('"c:');
    for (const store of [createStore({ sqlite: tmp.file('a.db') }), createStore({ keyv: new Keyv() })]) {
      await writeThread(store);
      expect(await dumpEntries(store)).toBe(expected);
      await store.close();
    }
  });

  it('reads a SQLite file written through the public operations, and the other way round', async () => {
    for (const [writer, reader] of [
      [(s: GraftStore) => publicOnly(s), (s: GraftStore) => s],
      [(s: GraftStore) => s, (s: GraftStore) => publicOnly(s)],
    ] as const) {
      const file = tmp.file(`rw-${Math.random()}.db`);
      const w = createStore({ sqlite: file });
      await writeThread(writer(w));
      await w.close();
      const r = createStore({ sqlite: file });
      const tuple = await createCheckpointer(reader(r)).getTuple({ configurable: { thread_id: 't1', checkpoint_ns: '' } });
      expect(tuple?.checkpoint.id).toBe('id-2');
      expect(tuple?.checkpoint.channel_values).toEqual({ messages: values.messages, usage: values.usage, step: 2 });
      expect(tuple?.parentConfig?.configurable?.checkpoint_id).toBe('id-1');
      const parent = await createCheckpointer(reader(r)).getTuple(tuple!.parentConfig!);
      expect(parent?.pendingWrites).toEqual([['task-1', 'messages', [{ role: 'assistant', content: 'ok' }]]]);
      expect(await createCheckpointer(reader(r)).getTuple({ configurable: { thread_id: 't1', checkpoint_ns: '', checkpoint_id: 'id-1' } })).toEqual(parent);
      await r.close();
    }
  });

  it('hands out fresh objects on memory: changing a read tuple changes nothing stored', async () => {
    const store = createStore();
    await writeThread(store);
    const saver = createCheckpointer(store);
    const config = { configurable: { thread_id: 't1', checkpoint_ns: '' } };
    const before = await saver.getTuple(config);
    const copy = structuredClone(before);
    (before!.checkpoint.channel_values.messages as unknown[]).push('changed');
    before!.checkpoint.channel_versions.messages = 99;
    (before!.metadata as Record<string, unknown>).step = 99;
    expect(await saver.getTuple(config)).toEqual(copy);
  });
});

describe('MemoryDriver data slots', () => {
  it('reads data set with setData as its JSON text, and compare-and-sets against that text', async () => {
    const d = new MemoryDriver();
    const data = Object.freeze({ t: 'json', d: '{"a":"\\"x\\""}' });
    d.setData([{ key: 'n/k:a', value: data }]);
    await d.set('n/k:b', '{"b":1}');
    expect(d.getData(['n/k:a', 'n/k:b', 'n/k:c'])).toEqual([data, { b: 1 }, undefined]);
    expect(d.getData(['n/k:a'])[0]).toBe(data);
    expect(await d.get('n/k:a')).toBe(JSON.stringify(data));
    expect(await d.keys('n/k:')).toEqual(['n/k:a', 'n/k:b']);
    d.setData([{ key: 'n/k:d', value: 1 }]);
    expect(await d.delete('n/k:d')).toBe(true);
    expect(await d.delete('n/k:d')).toBe(false);
    expect(await d.compareAndSet('n/k:a', JSON.stringify(data), '{"c":2}')).toBe(true);
    expect(d.getData(['n/k:a'])).toEqual([{ c: 2 }]);
  });
});

describe('checkpoint record text', () => {
  const base = { v: 4, id: '1f0d3a6c-0001-6abc-8003-abcdef012345', ts: '2026-12-07T17:00:00.000Z', channel_values: {} };
  it('is byte for byte JSON.stringify of the record copy', () => {
    const v = 2.123456789;
    const cases = [
      { ...base, channel_versions: {}, versions_seen: {} },
      {
        ...base,
        channel_versions: { messages: v, step: v, usage: 1, 'branch:to:model': '00002.5', '0': 3 },
        versions_seen: { __input__: {}, __interrupt__: { messages: v, step: v } },
      },
      { ...base, channel_versions: { 'a"b\\c\n': -0, ü: 1e21 }, versions_seen: { 'x"y': { z: 1.5e-7 } } },
    ];
    for (const c of cases) expect(checkpointRecordText(c as never)).toBe(JSON.stringify(c));
  });
  it('leaves anything but plain version maps to the serializer', () => {
    expect(checkpointRecordText({ ...base, channel_versions: { a: Number.NaN }, versions_seen: {} } as never)).toBeUndefined();
    expect(checkpointRecordText({ ...base, channel_versions: { a: 1 }, versions_seen: { n: { a: null } } } as never)).toBeUndefined();
    expect(checkpointRecordText({ ...base, channel_values: { a: 1 }, channel_versions: {}, versions_seen: {} } as never)).toBeUndefined();
    expect(checkpointRecordText({ ...base, channel_versions: new Map(), versions_seen: {} } as never)).toBeUndefined();
  });
});

describe('MemoryDriver batch writes', () => {
  it('files each key of a batch under its own namespace, whatever the order', async () => {
    const d = new MemoryDriver();
    d.setData([
      { key: 'a/k:1', value: 1 },
      { key: 'a/k:2', value: 2 },
      { key: 'b/k:1', value: 3 },
      { key: 'a/k:3', value: 4 },
      { key: 'nocolon', value: 5 },
      { key: 'a/kk:1', value: 6 },
    ]);
    expect(await d.keys('a/k:')).toEqual(['a/k:1', 'a/k:2', 'a/k:3']);
    expect(await d.keys('b/k:')).toEqual(['b/k:1']);
    expect(await d.keys('a/kk:')).toEqual(['a/kk:1']);
    expect(d.getData(['a/k:3', 'nocolon', 'a/kk:1'])).toEqual([4, 5, 6]);
  });
});
