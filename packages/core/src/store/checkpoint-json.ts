/**
 * The JSON text of a checkpoint record's `checkpoint` field (a checkpoint minus its channel
 * values), written without `JSON.stringify`'s generic walk: its channel versions are a
 * handful of numbers repeated across the version maps (most channels share one new version),
 * so each number is turned into text once. The text is byte for byte `JSON.stringify`'s.
 * Internal to the store module.
 */
import type { Checkpoint } from '@langchain/langgraph';

/** How many quoted keys are kept (channel and node names are few). */
const TEXT_CACHE_SIZE = 256;

const keyTexts = new Map<string, string>();
/** The last two version numbers turned into text (a checkpoint's versions are mostly one new and one older number). */
let lastNumber = Number.NaN;
let lastNumberText = '';
let priorNumber = Number.NaN;
let priorNumberText = '';

function keyText(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    if (keyTexts.size >= TEXT_CACHE_SIZE) keyTexts.clear();
    keyTexts.set(key, (text = JSON.stringify(key)));
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
function versionsText(versions: unknown): string | undefined {
  if (!isPlainObject(versions)) return undefined;
  let out = '{';
  for (const key in versions) {
    const text = versionText(versions[key]);
    if (text === undefined) return undefined;
    out += out.length === 1 ? `${keyText(key)}:${text}` : `,${keyText(key)}:${text}`;
  }
  return out + '}';
}

/**
 * `JSON.stringify(checkpoint)` for a checkpoint record's copy (`v`, `id`, `ts`, empty
 * `channel_values`, `channel_versions`, `versions_seen`, in that order and nothing else), or
 * `undefined` when it holds anything but plain version maps (the caller then serializes it
 * the general way).
 */
export function checkpointRecordText(checkpoint: Checkpoint): string | undefined {
  const { v, id, ts } = checkpoint;
  if (typeof v !== 'number' || !Number.isFinite(v) || typeof id !== 'string' || typeof ts !== 'string') return undefined;
  const values = checkpoint.channel_values as unknown;
  if (!isPlainObject(values)) return undefined;
  for (const _ in values) return undefined;
  const channels = versionsText(checkpoint.channel_versions);
  if (channels === undefined) return undefined;
  const seen = checkpoint.versions_seen as unknown;
  if (!isPlainObject(seen)) return undefined;
  let seenText = '{';
  for (const node in seen) {
    const text = versionsText(seen[node]);
    if (text === undefined) return undefined;
    seenText += seenText.length === 1 ? `${keyText(node)}:${text}` : `,${keyText(node)}:${text}`;
  }
  return `{"v":${v},"id":${JSON.stringify(id)},"ts":${JSON.stringify(ts)},"channel_values":{},"channel_versions":${channels},"versions_seen":${seenText}}}`;
}
