/**
 * The JSON text of a checkpoint record's `checkpoint` field (a checkpoint minus its channel
 * values), written without `JSON.stringify`'s generic walk: its channel versions are a
 * handful of numbers repeated across the version maps (most channels share one new version),
 * so each number is turned into text once, and a node that saw every channel at its current
 * version reuses the channel versions' text. The text is byte for byte `JSON.stringify`'s,
 * built by concatenation (V8 keeps it as a tree of its parts until it is read whole: the
 * memory backend's callers flatten what they keep, see `storedRecord`). Internal to the store module.
 */
import type { Checkpoint } from '@langchain/langgraph';

/** How many quoted keys (with their `:`) are kept (channel and node names are few). */
const TEXT_CACHE_SIZE = 256;

const keyTexts = new Map<string, string>();
/** The last two version numbers turned into text (a checkpoint's versions are mostly one new and one older number). */
let lastNumber = Number.NaN;
let lastNumberText = '';
let priorNumber = Number.NaN;
let priorNumberText = '';

/** `"key":` as JSON writes an object key. */
function keyText(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    if (keyTexts.size >= TEXT_CACHE_SIZE) keyTexts.clear();
    keyTexts.set(key, (text = `${JSON.stringify(key)}:`));
  }
  return text;
}

function versionText(value: unknown): string | undefined {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value !== 'number') return undefined;
  if (value === lastNumber) return lastNumberText;
  if (value === priorNumber) return priorNumberText;
  if (!Number.isFinite(value)) return undefined;
  priorNumber = lastNumber;
  priorNumberText = lastNumberText;
  lastNumber = value;
  return (lastNumberText = String(value)); // a finite number's JSON text
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** `{"channel":version,...}`, or `undefined` when a value is not a string or finite number. */
function versionsText(versions: Record<string, unknown>): string | undefined {
  let out = '';
  for (const key in versions) {
    const text = versionText(versions[key]);
    if (text === undefined) return undefined;
    out += (out === '' ? '{' : ',') + keyText(key) + text;
  }
  return out === '' ? '{}' : out + '}';
}

/** True when `a` holds exactly `b`'s entries in `b`'s order (a node that saw every channel at its current version). */
function sameVersions(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  let n = 0;
  for (const key in a)
    if (a[key] !== b[key]) return false;
    else n++;
  let i = 0;
  const keys = Object.keys(b);
  if (keys.length !== n) return false;
  for (const key in a) if (key !== keys[i++]) return false;
  return true;
}

/** The fields of a checkpoint that its record keeps as text (its channel values are stored apart, as blobs). */
export type CheckpointHead = Pick<Checkpoint, 'v' | 'id' | 'ts' | 'channel_versions' | 'versions_seen'>;

/**
 * `JSON.stringify` of the record copy of `checkpoint` (`v`, `id`, `ts`, empty
 * `channel_values`, `channel_versions`, `versions_seen`, in that order and nothing else),
 * made from the checkpoint itself (its channel values are ignored, no copy is made), or
 * `undefined` when it holds anything but plain version maps (the caller then serializes
 * it the general way).
 */
export function checkpointHeadText(checkpoint: CheckpointHead): string | undefined {
  const { v, id, ts } = checkpoint;
  if (typeof v !== 'number' || !Number.isFinite(v) || typeof id !== 'string' || typeof ts !== 'string') return undefined;
  const versions = checkpoint.channel_versions as unknown;
  if (!isPlainObject(versions)) return undefined;
  const channels = versionsText(versions);
  if (channels === undefined) return undefined;
  const seen = checkpoint.versions_seen as unknown;
  if (!isPlainObject(seen)) return undefined;
  let out = `{"v":${v},"id":${JSON.stringify(id)},"ts":${JSON.stringify(ts)},"channel_values":{},"channel_versions":${channels},"versions_seen":`;
  let sep = '{';
  for (const node in seen) {
    const nodeSeen = seen[node];
    if (!isPlainObject(nodeSeen)) return undefined;
    // a node that saw every channel at its current version (LangGraph's `__interrupt__` at exit) reuses that text
    const text = sameVersions(nodeSeen, versions) ? channels : versionsText(nodeSeen);
    if (text === undefined) return undefined;
    out += sep + keyText(node) + text;
    sep = ',';
  }
  return out + (sep === '{' ? '{}}' : '}}');
}

/** {@link checkpointHeadText} of a checkpoint record's copy (`undefined` too when its `channel_values` is not empty). */
export function checkpointRecordText(checkpoint: Checkpoint): string | undefined {
  const values = checkpoint.channel_values as unknown;
  if (!isPlainObject(values)) return undefined;
  for (const _ in values) return undefined;
  return checkpointHeadText(checkpoint);
}
