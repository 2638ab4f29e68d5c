/**
 * The checkpointer's memory path keeps as little per checkpoint as it can (one entry per
 * checkpoint holding its values, small values share one frozen record, texts are made without
 * a copy of the checkpoint, a new thread's read is one lookup): these tests pin that none of it
 * shows — each record is the public operations' record plus exactly the values they write as
 * blobs, reads are the same as theirs, fresh and current, and shared records never alias state.
 */
import { describe, expect, it } from 'vitest';
import type { Checkpoint, CheckpointMetadata } from '@langchain/langgraph';
import { createCheckpointer, createStore, type GraftStore } from '@graft/core';
import { checkpointHeadText } from '../../src/store/checkpoint-json.js';
import { sharedScalarRecord } from '../../src/store/checkpoint-records.js';
import { includesLcKey } from '../../src/store/checkpoint-serde.js';
import { publicOnly } from './public-only.js';

const v1 = 1.25;
const v2 = 2.5;
/** A checkpoint as the direct loop writes it at exit: every channel at one version, `__interrupt__` having seen them all. */
const exitCheckpoint = (id: string, versions: Record<string, number>, values: Record<string, unknown>): Checkpoint =>
  ({
    v: 4,
    id,
    ts: '2026-01-01T00:00:00.000Z',
    channel_values: values,
    channel_versions: versions,
    versions_seen: { __input__: {}, __interrupt__: { ...versions } },
  }) as Checkpoint;
const scalars = { input: null, step: 0, repairs: -0, failed: false, issues: [], big: 1e21, tiny: 5e-324, text: 'x' };
const config = (thread: string) => ({ configurable: { thread_id: thread, checkpoint_ns: '' } });

async function writeTurns(store: GraftStore, thread: string): Promise<void> {
  const saver = createCheckpointer(store);
  const names = Object.keys(scalars);
  const all = Object.fromEntries(names.map((k) => [k, v1]));
  const first = await saver.put(config(thread), exitCheckpoint('id-1', all, scalars), { source: 'loop', step: 0, parents: {} } as CheckpointMetadata, all);
  const versions = { ...all, step: v2, failed: v2 };
  await saver.put(
    first,
    exitCheckpoint('id-2', versions, { ...scalars, step: 3, failed: true }),
    { source: 'loop', step: 3, parents: {} } as CheckpointMetadata,
    {
      step: v2,
      failed: v2,
    },
  );
}

const thread = config;

async function entriesOf(store: GraftStore, thread: string) {
  const root = store.namespace('checkpoints');
  return { threads: await root.namespace('threads').list(), data: await root.namespace('data').namespace(thread).list() };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** `[channel, version, value, …]` as a list of triples, by channel. */
const triples = (flat: unknown[]) => Array.from({ length: flat.length / 3 }, (_, i) => flat.slice(i * 3, i * 3 + 3)).sort(byChannel);
const byChannel = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));

describe('checkpointer memory path', () => {
  it('keeps each checkpoint as one entry holding exactly the values the public store operations write as blobs', async () => {
    const reference = createStore();
    await writeTurns(publicOnly(reference), 't');
    const expected = await entriesOf(reference, 't');
    const store = createStore();
    await store.has('open'); // the batch path needs an open store
    await writeTurns(store, 't');
    const actual = await entriesOf(store, 't');
    expect(actual.threads).toEqual(expected.threads);
    // the same entries but the blobs
    const blobs = new Map(expected.data.filter((e) => e.key.startsWith('b:')).map((e) => [e.key, e.value]));
    expect(blobs.size).toBe(10);
    expect(actual.data.map((e) => e.key)).toEqual(expected.data.map((e) => e.key).filter((k) => !blobs.has(k)));
    for (const { key, value } of actual.data) {
      const { inline, ...rest } = value as { inline?: unknown[] };
      const want = expected.data.find((e) => e.key === key)!.value;
      expect(JSON.stringify(rest)).toBe(JSON.stringify(want)); // the record itself, byte for byte
      // every blob the checkpoint's channel versions name, with its version, and nothing else
      const versions = JSON.parse((want as { checkpoint: { d: string } }).checkpoint.d).channel_versions as Record<string, number>;
      const named = Object.entries(versions).map(([c, v]) => [c, v, blobs.get(`b::${c}:${v}`)]);
      expect(named.every((n) => n[2] !== undefined)).toBe(true);
      expect(triples(inline!)).toEqual(named.sort(byChannel));
    }
  });

  it('reads back what the public store operations read back, from a thread written either way', async () => {
    const reference = createStore();
    await writeTurns(publicOnly(reference), 't');
    const store = createStore();
    await store.has('open');
    await writeTurns(store, 't');
    for (const config of [thread('t'), { configurable: { ...thread('t').configurable, checkpoint_id: 'id-1' } }]) {
      const want = await createCheckpointer(publicOnly(reference)).getTuple(config);
      expect(want).toBeDefined();
      for (const reader of [store, publicOnly(store)]) expect(JSON.stringify(await createCheckpointer(reader).getTuple(config))).toBe(JSON.stringify(want));
    }
    const listed = async (s: GraftStore) => JSON.stringify(await collect(createCheckpointer(s).list(thread('t'))));
    expect(await listed(store)).toBe(await listed(publicOnly(reference)));
    expect(await listed(publicOnly(store))).toBe(await listed(publicOnly(reference)));
  });

  it('continues a thread across savers on the store itself and on its public operations (a wrapper), in any order', async () => {
    const names = Object.keys(scalars);
    const all = Object.fromEntries(names.map((k) => [k, v1]));
    /** Three turns on thread `t`, each by the saver `pick` gives; each turn writes one more channel. */
    const writeThree = async (pick: (turn: number) => GraftStore) => {
      let parent = thread('t');
      let versions: Record<string, number> = all;
      let values: Record<string, unknown> = scalars;
      for (let turn = 0; turn < 3; turn++) {
        const written = turn === 0 ? all : { [names[turn]!]: 10 + turn };
        versions = { ...versions, ...written };
        values = turn === 0 ? values : { ...values, [names[turn]!]: turn };
        parent = (await createCheckpointer(pick(turn)).put(
          parent,
          exitCheckpoint(`id-${turn}`, versions, values),
          { source: 'loop', step: turn, parents: {} } as CheckpointMetadata,
          written,
        )) as typeof parent;
      }
    };
    const reference = createStore();
    await writeThree(() => publicOnly(reference));
    const want = JSON.stringify(await collect(createCheckpointer(publicOnly(reference)).list(thread('t'))));
    expect(want).toContain('"step":1');
    for (const order of [
      [0, 1, 0],
      [1, 0, 1],
      [0, 0, 1],
      [1, 1, 0],
    ]) {
      const store = createStore();
      await store.has('open');
      await writeThree((turn) => (order[turn] ? publicOnly(store) : store));
      for (const reader of [store, publicOnly(store)]) expect(JSON.stringify(await collect(createCheckpointer(reader).list(thread('t'))))).toBe(want);
    }
  });

  it('makes the record text byte for byte as JSON.stringify, whichever node saw which versions', () => {
    const versions = { messages: v1, step: v2 };
    const head = (seen: Record<string, Record<string, number>>) => ({ v: 4, id: 'i', ts: 't', channel_versions: versions, versions_seen: seen });
    const copy = (h: ReturnType<typeof head>) =>
      JSON.stringify({ v: h.v, id: h.id, ts: h.ts, channel_values: {}, channel_versions: h.channel_versions, versions_seen: h.versions_seen });
    const cases: Array<Record<string, Record<string, number>>> = [
      { __interrupt__: { messages: v1, step: v2 } }, // the same versions: their text is reused
      { __interrupt__: { step: v2, messages: v1 } }, // the same entries in another order
      { __interrupt__: { messages: v1 } }, // fewer
      { __interrupt__: { messages: v1, step: v2, extra: 1 } }, // more
      { __interrupt__: { messages: v1, step: v1 } }, // another version
      { a: {}, b: { messages: v1, step: v2 } },
      {},
    ];
    for (const seen of cases) {
      expect(checkpointHeadText(head(seen) as never)).toBe(copy(head(seen)));
    }
  });

  it('spots an "lc" key (what the LangGraph serializer revives) exactly where text.includes does', () => {
    const cases = ['{"lc":1}', '"lc"', 'lc"', '"lc', '{"a":"blc"}', '{"lc\\":1}', 'lc"lc"', '"lclc"', '[{"x":"lc"}]', '', 'lc""lc"'];
    const alphabet = ['"', 'l', 'c', 'x', ':', '\\'];
    for (let i = 0; i < 5000; i++) cases.push(Array.from({ length: 1 + (i % 12) }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join(''));
    for (const text of cases) expect(includesLcKey(text)).toBe(text.includes('"lc"'));
  });

  it('shares one frozen record per small value, never one for a value it cannot write as JSON', () => {
    expect(sharedScalarRecord(null)).toEqual({ t: 'json', d: 'null' });
    expect(sharedScalarRecord(0)).toBe(sharedScalarRecord(-0));
    expect(sharedScalarRecord(-0)!.d).toBe('0');
    expect(sharedScalarRecord([])).toEqual({ t: 'json', d: '[]' });
    expect(Object.isFrozen(sharedScalarRecord(false))).toBe(true);
    for (const v of [Number.NaN, Infinity, -Infinity, 0.1 + 0.2, [1], {}, 'x', undefined]) expect(sharedScalarRecord(v)).toBeUndefined();
  });

  it('hands out fresh values: changing one thread read changes no other thread sharing its records', async () => {
    const store = createStore();
    await store.has('open');
    await writeTurns(store, 'a');
    await writeTurns(store, 'b');
    const saver = createCheckpointer(store);
    const a = await saver.getTuple(config('a'));
    const values = a!.checkpoint.channel_values as Record<string, unknown>;
    expect(values).toEqual({ ...scalars, repairs: 0, step: 3, failed: true });
    (values.issues as unknown[]).push('changed');
    values.input = 'changed';
    const b = await saver.getTuple(config('b'));
    expect((b!.checkpoint.channel_values as Record<string, unknown>).issues).toEqual([]);
    expect((b!.checkpoint.channel_values as Record<string, unknown>).input).toBeNull();
    expect((await saver.getTuple(config('a')))!.checkpoint.channel_values).toEqual({ ...scalars, repairs: 0, step: 3, failed: true });
  });

  it('answers a new thread from the store each time: a checkpoint another saver writes is seen at once', async () => {
    const store = createStore();
    await store.has('open');
    const reader = createCheckpointer(store);
    expect(await reader.getTuple(config('late'))).toBeUndefined();
    await writeTurns(store, 'late'); // another saver on the same store
    expect((await reader.getTuple(config('late')))?.checkpoint.id).toBe('id-2');
    await reader.deleteThread('late');
    expect(await reader.getTuple(config('late'))).toBeUndefined();
    // a thread id that is not a usable namespace name fails as before
    await expect(reader.getTuple(config('x'.repeat(10_000)))).rejects.toMatchObject({ code: 'STORE_KEY_INVALID' });
  });

  it('finds the latest checkpoint by id, ids with characters that need encoding included, as on every other path', async () => {
    const ids = ['1f0-a', 'b:c', 'a%2', 'ä', 'a b', '2'];
    const latest = async (store: GraftStore) => {
      await store.has('open');
      const saver = createCheckpointer(store);
      let parent = config('ids');
      for (const id of ids)
        parent = (await saver.put(parent, exitCheckpoint(id, { step: v1 }, { step: 1 }), { source: 'loop', step: 1, parents: {} } as CheckpointMetadata, {
          step: v1,
        })) as typeof parent;
      return (await saver.getTuple(config('ids')))?.checkpoint.id;
    };
    const expected = [...ids].sort().pop();
    expect(expected).toBe('ä');
    expect(await latest(publicOnly(createStore()))).toBe(expected);
    expect(await latest(createStore())).toBe(expected);
  });
});
