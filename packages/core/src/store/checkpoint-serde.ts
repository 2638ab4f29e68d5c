/**
 * The serialization side of the checkpointer, and LangGraph kept off the import path: LangGraph's
 * serializer and saver base are loaded on first need, while plain JSON data (the agent's state)
 * is written and read without them, byte for byte as they would write and read it.
 */
import type { BaseCheckpointSaver, Checkpoint } from '@langchain/langgraph';
import type { RunnableConfig } from '@langchain/core/runnables';
import { dump, dumpJsonText, type JsonTextSerde, type Serde, type SerializedValue } from './checkpoint-records.js';
import { PLAIN_JSON_MAX_DEPTH } from '../defaults.js';

type LangGraphModule = typeof import('@langchain/langgraph');
let langGraph: Promise<LangGraphModule> | undefined;
/** LangGraph is loaded on first use, not at import: importing `@graft/core` stays fast. */
const loadLangGraph = (): Promise<LangGraphModule> => (langGraph ??= import('@langchain/langgraph'));

let defaultSerde: Promise<Serde> | undefined;
const fullSerde = (): Promise<Serde> => (defaultSerde ??= loadLangGraph().then((lg) => new lg.MemorySaver().serde));
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * True for plain JSON data (null, booleans, finite numbers, strings, arrays and plain
 * objects, without `undefined`), which `JsonPlusSerializer` writes exactly as `JSON.stringify`.
 */
function isPlainJson(value: unknown, depth = 0): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || depth >= PLAIN_JSON_MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const v of value) if (!isPlainJson(v, depth + 1)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const k in value) if (!isPlainJson((value as Record<string, unknown>)[k], depth + 1)) return false;
  return true;
}

/** The character code of `"`. */
const QUOTE = 0x22;

/**
 * `text.includes('"lc"')` (LangChain's serialized objects carry an `"lc"` key), ≈ 4× faster on
 * JSON text: a search starting with `"`, JSON's most common character, stops at every string;
 * `lc"` is rarer, and each hit is checked for the quote before it.
 */
export function includesLcKey(text: string): boolean {
  for (let i = text.indexOf('lc"'); i >= 0; i = text.indexOf('lc"', i + 3)) {
    if (i > 0 && text.charCodeAt(i - 1) === QUOTE) return true;
  }
  return false;
}

/**
 * LangGraph's default serializer (`JsonPlusSerializer`, a saver's default `serde`), loaded on
 * first need: plain JSON data (the agent's state) is written and read without it, byte for
 * byte as it would write and read it (its special records all carry an `"lc"` key).
 */
export const lazySerde: Serde & JsonTextSerde = {
  dumpsJsonText: (value) => (isPlainJson(value) ? JSON.stringify(value) : undefined),
  dumpsTyped: async (value) => (isPlainJson(value) ? ['json', encoder.encode(JSON.stringify(value))] : (await fullSerde()).dumpsTyped(value)),
  loadsTyped: async (type, data) => {
    if (type === 'json') {
      const text = typeof data === 'string' ? data : decoder.decode(data);
      if (!includesLcKey(text)) return JSON.parse(text) as unknown;
    }
    return (await fullSerde()).loadsTyped(type, data);
  },
};

/** What {@link loadPlain} returns for a value only the serde itself can read. */
export const NOT_PLAIN: unique symbol = Symbol('not plain JSON');

/**
 * `load(serde, value)` without a promise when `serde` is the built-in one and `value` is plain
 * JSON text (what `lazySerde.loadsTyped` parses itself), else {@link NOT_PLAIN}.
 */
export function loadPlain(serde: Serde, value: SerializedValue): unknown {
  if (serde !== lazySerde || value.t !== 'json' || value.b || includesLcKey(value.d)) return NOT_PLAIN;
  return JSON.parse(value.d) as unknown;
}

/**
 * LangGraph's `BaseCheckpointSaver` without loading LangGraph at import time: the same
 * members, with the base's default `getDeltaChannelHistory` taken from LangGraph on first use.
 */
export const LazyCheckpointSaverBase = class {
  serde: Serde;
  constructor(serde?: Serde) {
    this.serde = serde ?? lazySerde;
  }
  toJSON(): string {
    return `[${this.constructor.name}]`;
  }
  async get(config: RunnableConfig): Promise<Checkpoint | undefined> {
    return (await (this as unknown as BaseCheckpointSaver).getTuple(config))?.checkpoint;
  }
  async getDeltaChannelHistory(options: Parameters<BaseCheckpointSaver['getDeltaChannelHistory']>[0]) {
    const { BaseCheckpointSaver: Base } = await loadLangGraph();
    return Base.prototype.getDeltaChannelHistory.call(this, options);
  }
  getNextVersion(current: number | undefined): number {
    return typeof current === 'number' ? current + 1 : 1;
  }
} as unknown as typeof BaseCheckpointSaver;

/** The serialized record copy of `checkpoint`: LangGraph's `copyCheckpoint` fields, its values left out (they are stored as blobs). */
export async function dumpCopy(serde: Serde, checkpoint: Checkpoint): Promise<SerializedValue> {
  const copy: Checkpoint = {
    v: checkpoint.v,
    id: checkpoint.id,
    ts: checkpoint.ts,
    channel_values: {},
    channel_versions: { ...(checkpoint.channel_versions ?? {}) },
    versions_seen: checkpoint.versions_seen ?? {},
  };
  return dumpJsonText(serde, copy) ?? (await dump(serde, copy));
}
