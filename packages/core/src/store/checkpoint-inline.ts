/**
 * The memory backend's checkpoint layout: a checkpoint's channel values kept inside its record
 * instead of one entry per channel version. The memory backend is private to one process (never
 * read by another process or a later version of this code), so its layout is free to differ
 * from the shared backends' (SQLite, Redis, PostgreSQL, Keyv keep one `b:` entry per channel
 * version). Reads are the same as the blob layout's: a record holds each value at the version it
 * was written under, a child record carries its parent's values for the channels it did not
 * write, and a channel without a value here is looked up as a blob (records written through
 * the public store operations, e.g. before the store opened, have none). Internal to the store module.
 */
import type { SerializedValue } from './checkpoint-records.js';

/**
 * `[channel, version, value, channel, version, value, …]`: the stored values of a checkpoint's
 * channels, each with the version it was written under (a flat array: the least memory per
 * checkpoint kept for the life of a thread). Plain JSON data, never mutated once stored.
 */
export type InlineValues = ReadonlyArray<string | number | Readonly<SerializedValue>>;

/**
 * Append to `inline` (which holds the values written with this checkpoint: the channels in both
 * `newVersions` and `values`) the parent's values of the other channels, where they are still at
 * the parent's version: what a reader of the blob layout would find under that channel and version.
 */
export function carryInline(
  inline: Array<string | number | Readonly<SerializedValue>>,
  parent: InlineValues,
  versions: Readonly<Record<string, string | number>>,
  newVersions: Readonly<Record<string, unknown>>,
  values: Readonly<Record<string, unknown>>,
): void {
  for (let i = 0; i < parent.length; i += 3) {
    const channel = parent[i] as string;
    const version = parent[i + 1];
    if (versions[channel] === version && !(channel in newVersions && channel in values)) inline.push(channel, version as string | number, parent[i + 2]!);
  }
}

/** True when every channel in `versions` is written with the checkpoint (in both `newVersions` and `values`): nothing to carry. */
export function writesAll(
  versions: Readonly<Record<string, unknown>>,
  newVersions: Readonly<Record<string, unknown>>,
  values: Readonly<Record<string, unknown>>,
): boolean {
  for (const channel in versions) if (!(channel in newVersions && channel in values)) return false;
  return true;
}

/** The stored value of `channel` at `version` in `inline`, or `undefined` (then it is a blob, if anywhere). */
export function findInline(inline: InlineValues, channel: string, version: unknown): Readonly<SerializedValue> | undefined {
  for (let i = 0; i < inline.length; i += 3) {
    if (inline[i] === channel && inline[i + 1] === version) return inline[i + 2] as Readonly<SerializedValue>;
  }
  return undefined;
}
