/**
 * How the checkpointer lays checkpoints, channel blobs and pending writes out as store
 * entries, and how serialized values are kept as JSON. Internal to the store module.
 */
import type { BaseCheckpointSaver } from '@langchain/langgraph';
import type { InlineValues } from './checkpoint-inline.js';

/** The serializer a saver uses (`JsonPlusSerializer` by default). */
export type Serde = BaseCheckpointSaver['serde'];

/** A value serialized by the saver's serde: its type tag and data (UTF-8 text or base64). */
export interface SerializedValue {
  t: string;
  /** UTF-8 text when `b` is absent, base64 of the bytes when `b` is true. */
  d: string;
  b?: true;
}

/** One checkpoint, minus its channel values (kept as blobs, or in `inline` on the memory backend). */
export interface CheckpointRecord {
  checkpoint: SerializedValue;
  metadata: SerializedValue;
  parentId?: string;
  /** Memory backend only: the channel values kept in the record (see `checkpoint-inline.ts`). */
  inline?: InlineValues;
}

/** One pending write: task id, write index, channel, value, task path. */
export type WriteEntry = [taskId: string, idx: number, channel: string, value: SerializedValue, taskPath: string];

/** All pending writes of one checkpoint. */
export interface WritesRecord {
  writes: WriteEntry[];
}

/** Special channels whose writes get fixed negative indices (mirrors LangGraph's `WRITES_IDX_MAP`). */
export const SPECIAL_WRITE_INDEX: Readonly<Record<string, number>> = Object.freeze({
  __error__: -1,
  __scheduled__: -2,
  __interrupt__: -3,
  __resume__: -4,
});

/** The channel that held pending `Send`s in checkpoint format < 4. */
export const TASKS_CHANNEL = '__pregel_tasks';

const enc = encodeURIComponent;

/** Key of a checkpoint record inside a thread's namespace. */
export const checkpointKey = (ns: string, id: string): string => `c:${enc(ns)}:${enc(id)}`;
/** Key prefix of every checkpoint of one checkpoint namespace (or of all, when `ns` is undefined). */
export const checkpointPrefix = (ns?: string): string => (ns === undefined ? 'c:' : `c:${enc(ns)}:`);
/** Key of the pending writes of one checkpoint. */
export const writesKey = (ns: string, id: string): string => `w:${enc(ns)}:${enc(id)}`;
/** The encoded text of the last version {@link blobKey} saw (a checkpoint's channels mostly share one new version). */
let lastVersion: string | number | undefined;
let lastVersionText = '';

/** How many encoded channel names {@link blobKey} keeps (a graph has a handful of channels). */
const CHANNEL_TEXT_CACHE_SIZE = 256;
const channelTexts = new Map<string, string>();

/** Key of one channel value at one version. */
export function blobKey(ns: string, channel: string, version: string | number): string {
  if (version !== lastVersion) {
    lastVersionText = enc(String(version));
    lastVersion = version;
  }
  let channelText = channelTexts.get(channel);
  if (channelText === undefined) {
    if (channelTexts.size >= CHANNEL_TEXT_CACHE_SIZE) channelTexts.clear();
    channelTexts.set(channel, (channelText = enc(channel)));
  }
  return `b:${ns === '' ? '' : enc(ns)}:${channelText}:${lastVersionText}`;
}

/** Parse a checkpoint key back into its namespace and id. */
export function parseCheckpointKey(key: string): { ns: string; id: string } {
  const [, ns, id] = key.split(':');
  return { ns: decodeURIComponent(ns), id: decodeURIComponent(id) };
}

/**
 * A serde that can give the JSON text of plain data directly (Graft's default serde): `dump`
 * then skips encoding the text to bytes and decoding it back.
 */
export interface JsonTextSerde {
  /** The `'json'` record text of `value` when the serde writes it as plain JSON, else `undefined`. */
  dumpsJsonText(value: unknown): string | undefined;
}

const utf8 = new TextDecoder();

/** The record of `value` when the serde writes it as plain JSON text (no await), else `undefined`. */
export function dumpJsonText(serde: Serde, value: unknown): SerializedValue | undefined {
  const text = (serde as Partial<JsonTextSerde>).dumpsJsonText?.(value);
  return text === undefined ? undefined : { t: 'json', d: text };
}

/**
 * Make a string one flat sequence of characters. V8 keeps a string built by `+`, template
 * literals or `JSON.stringify` (which joins its output from parts) as a tree of its parts until
 * something reads it whole; a stored value kept in memory for the life of a thread would
 * otherwise keep every part (tens of small heap objects per checkpoint, each traced by every
 * garbage collection). Reading one character of such a tree makes V8 flatten it in place (one
 * copy, the parts left to the collector); the character is ignored. (`Number(text)`, used
 * before, costs ≈ 1.7 µs on a 180-character checkpoint head, and leaves part of a tree built
 * by `+=` in place: measured on Node 20.) Only memory and speed depend on this: the text is
 * the same either way.
 */
export function flatten(text: string): string {
  text.charCodeAt(0);
  return text;
}

/** Texts of at most this many characters share one frozen record each (`null`, `0`, `[]`, `false`: most channel values). */
const SHARED_TEXT_MAX = 16;
/** How many shared small-value records are kept (they are few: the agent's scalar channels). */
const SHARED_TEXT_CACHE_SIZE = 256;
const sharedRecords = new Map<string, SerializedValue>();

/**
 * `record` as a store backend that keeps objects (memory) should hold it for good: frozen,
 * its text flat, and one shared record for each small JSON text, so the scalar channels of
 * every checkpoint (step, flags, empty lists) cost no memory of their own.
 */
export function storedRecord(record: SerializedValue): Readonly<SerializedValue> {
  if (record.t === 'json' && record.b === undefined && record.d.length <= SHARED_TEXT_MAX) {
    let shared = sharedRecords.get(record.d);
    if (shared === undefined) {
      if (sharedRecords.size >= SHARED_TEXT_CACHE_SIZE) sharedRecords.clear();
      sharedRecords.set(record.d, (shared = Object.freeze({ t: 'json', d: flatten(record.d) })));
    }
    return shared;
  }
  flatten(record.d);
  return Object.freeze(record);
}

/** Records of the scalar values a plain JSON serde writes as their own text, by value. */
const scalarRecords = new Map<unknown, Readonly<SerializedValue>>();
const EMPTY_ARRAY_RECORD: Readonly<SerializedValue> = Object.freeze({ t: 'json', d: '[]' });

/**
 * The shared frozen record of `value` when it is `null`, a boolean, a finite number of at
 * most {@link SHARED_TEXT_MAX} characters or an empty array (most of the agent's channels),
 * written as a plain JSON serde writes it; `undefined` for anything else. Only for a serde
 * with `dumpsJsonText` (which writes such values as `JSON.stringify` does).
 */
export function sharedScalarRecord(value: unknown): Readonly<SerializedValue> | undefined {
  if (Array.isArray(value)) return value.length === 0 ? EMPTY_ARRAY_RECORD : undefined;
  if (value !== null && typeof value !== 'boolean' && typeof value !== 'number') return undefined;
  let record = scalarRecords.get(value);
  if (record === undefined) {
    if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
    const text = JSON.stringify(value);
    if (text.length > SHARED_TEXT_MAX) return undefined;
    if (scalarRecords.size >= SHARED_TEXT_CACHE_SIZE) scalarRecords.clear();
    scalarRecords.set(value, (record = storedRecord({ t: 'json', d: text })));
  }
  return record;
}

/** Serialize with the saver's serde into a JSON-safe record. */
export async function dump(serde: Serde, value: unknown): Promise<SerializedValue> {
  const plain = dumpJsonText(serde, value);
  if (plain) return plain;
  const [type, bytes] = await serde.dumpsTyped(value);
  if (type === 'json') return { t: type, d: utf8.decode(bytes) };
  return { t: type, d: Buffer.from(bytes).toString('base64'), b: true };
}

/** Inverse of {@link dump}. */
export async function load<T = unknown>(serde: Serde, value: SerializedValue): Promise<T> {
  const data = value.b ? new Uint8Array(Buffer.from(value.d, 'base64')) : value.d;
  return (await serde.loadsTyped(value.t, data)) as T;
}

/** Compare strings by Unicode code point (the order LangGraph applies writes in). */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const ai = a[Symbol.iterator]();
  const bi = b[Symbol.iterator]();
  for (;;) {
    const x = ai.next();
    const y = bi.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

/** Sort writes by `(taskPath, taskId, idx)`, the order live execution applies them in. */
export function sortWrites(writes: WriteEntry[]): WriteEntry[] {
  return [...writes].sort((a, b) => compareCodePoints(a[4], b[4]) || compareCodePoints(a[0], b[0]) || a[1] - b[1]);
}

/** The greatest of channel versions (numbers numerically, strings by comparison). */
export function maxVersion(versions: Array<string | number>): string | number | undefined {
  let max: string | number | undefined;
  for (const v of versions) {
    if (max === undefined) max = v;
    else if (typeof max === 'number' && typeof v === 'number') max = v > max ? v : max;
    else max = String(v).localeCompare(String(max)) > 0 ? v : max;
  }
  return max;
}
