import type { BaseCheckpointSaver, Checkpoint, CheckpointMetadata, CheckpointTuple } from '@langchain/langgraph';
import type { RunnableConfig } from '@langchain/core/runnables';
import {
  blobKey,
  checkpointKey,
  checkpointPrefix,
  dump,
  dumpJsonText,
  load,
  maxVersion,
  parseCheckpointKey,
  sortWrites,
  sharedScalarRecord,
  SPECIAL_WRITE_INDEX,
  storedRecord,
  TASKS_CHANNEL,
  writesKey,
  type CheckpointRecord,
  type JsonTextSerde,
  type Serde,
  type SerializedValue,
  type WriteEntry,
  type WritesRecord,
} from './checkpoint-records.js';
import { checkpointHeadText } from './checkpoint-json.js';
import { carryInline, findInline, writesAll } from './checkpoint-inline.js';
import { dumpCopy, LazyCheckpointSaverBase, lazySerde, loadPlain, NOT_PLAIN } from './checkpoint-serde.js';
import { latestId, optionalString, physical, readOne, readOneNow, requiredString } from './checkpoint-access.js';
import { CHECKPOINT_NAMESPACE, THREAD_HANDLE_CACHE_SIZE, VERSION_FRACTION } from '../defaults.js';
import type { GraftStore } from './types.js';
import { DriverStore } from './graft-store.js';

type ListOptions = Parameters<BaseCheckpointSaver['list']>[1];
type PendingWrite = Parameters<BaseCheckpointSaver['putWrites']>[1][number];
/** Channel name → new version, as LangGraph passes to `put`. */
export type CheckpointChannelVersions = Record<string, string | number>;

/** Options of {@link createCheckpointer}. */
export interface CheckpointerOptions {
  /** Store namespace for checkpoints (default `'checkpoints'`). */
  namespace?: string;
  /** Serializer (default LangGraph's `JsonPlusSerializer`, which keeps typed values such as messages). */
  serde?: Serde;
}

/**
 * A LangGraph checkpointer on a {@link GraftStore}: memory, SQLite, Redis, PostgreSQL —
 * whatever the store runs on. A thread interrupted for approval survives a restart when
 * the store is persistent: a new saver on the same store resumes it.
 *
 * Layout: per thread a store namespace holding checkpoint records (`c:`), channel values
 * stored once per version (`b:`, only for channels in `newVersions`), and pending writes
 * (`w:`); a `threads` namespace indexes thread ids for unfiltered `list` calls. The memory
 * backend, private to one process, keeps the channel values in the checkpoint record instead
 * (one entry per checkpoint; see `checkpoint-inline.ts`): reads are the same either way.
 */
export class GraftCheckpointSaver extends LazyCheckpointSaverBase {
  private readonly threads: GraftStore;
  private readonly data: GraftStore;
  /** Namespace handles of recently used threads (a turn reads and writes the same thread), oldest first. */
  private readonly handles = new Map<string, GraftStore>();

  constructor(store: GraftStore, options: CheckpointerOptions = {}) {
    super(options.serde);
    const root = store.namespace(options.namespace ?? CHECKPOINT_NAMESPACE);
    this.threads = root.namespace('threads');
    this.data = root.namespace('data');
  }

  /**
   * The checkpoint named by `config.configurable.checkpoint_id`, or the thread's latest in
   * `checkpoint_ns` when no id is given, with its pending writes; `undefined` when there is
   * none or `thread_id` is missing.
   */
  async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const threadId = optionalString(config.configurable?.thread_id, 'thread_id');
    if (threadId === undefined) return undefined;
    const ns = optionalString(config.configurable?.checkpoint_ns, 'checkpoint_ns') ?? '';
    let id = optionalString(config.configurable?.checkpoint_id, 'checkpoint_id') || undefined;
    if (id === undefined) {
      const prefix = checkpointPrefix(ns);
      const data = this.data;
      // the memory backend answers without a promise and without a namespace handle (a turn on a
      // new thread reads nothing else: one table lookup)
      const at = data instanceof DriverStore ? data.childKeyPrefix(threadId) + prefix : undefined;
      const keys = at !== undefined ? (data as DriverStore).physicalKeysNow(at) : undefined;
      id = keys ? latestId(keys, at!.length) : latestId(await this.thread(threadId).keys(prefix), prefix.length);
      if (id === undefined) return undefined;
    }
    const thread = this.thread(threadId);
    const key = checkpointKey(ns, id);
    // (the memory backend answers without a promise)
    const record = readOneNow<CheckpointRecord>(thread, key) ?? (await readOne<CheckpointRecord>(thread, key));
    if (!record) return undefined;
    return await this.toTuple(thread, threadId, ns, id, record); // (awaited here: one tick less than returning the promise)
  }

  /**
   * Checkpoints newest first per thread and namespace, optionally narrowed to one thread,
   * namespace or checkpoint id (every indexed thread when `thread_id` is missing); `before`,
   * `filter` (metadata equality) and `limit` as in LangGraph.
   */
  async *list(config: RunnableConfig, options?: ListOptions): AsyncGenerator<CheckpointTuple> {
    const { before, filter } = options ?? {};
    let limit = options?.limit;
    const wantedThread = optionalString(config.configurable?.thread_id, 'thread_id');
    const wantedNs = optionalString(config.configurable?.checkpoint_ns, 'checkpoint_ns');
    const wantedId = optionalString(config.configurable?.checkpoint_id, 'checkpoint_id') || undefined;
    const beforeId = optionalString(before?.configurable?.checkpoint_id, 'before.checkpoint_id') || undefined;
    const threadIds = wantedThread !== undefined ? [wantedThread] : await this.threads.keys();
    for (const threadId of threadIds) {
      const thread = this.thread(threadId);
      const refs = (await thread.keys(checkpointPrefix(wantedNs))).map(parseCheckpointKey);
      const byNs = new Map<string, string[]>();
      for (const ref of refs) byNs.set(ref.ns, [...(byNs.get(ref.ns) ?? []), ref.id]);
      for (const [ns, ids] of byNs) {
        for (const id of ids.sort().reverse()) {
          if (wantedId !== undefined && id !== wantedId) continue;
          if (beforeId !== undefined && id >= beforeId) continue;
          const record = await thread.get<CheckpointRecord>(checkpointKey(ns, id));
          if (!record) continue;
          const metadata = await load<CheckpointMetadata>(this.serde, record.metadata);
          if (filter && !Object.entries(filter).every(([k, v]) => (metadata as Record<string, unknown>)[k] === v)) continue;
          if (limit !== undefined) {
            if (limit <= 0) return;
            limit -= 1;
          }
          yield await this.toTuple(thread, threadId, ns, id, record, metadata);
        }
      }
    }
  }

  /**
   * Store a checkpoint as the child of `config`'s checkpoint, with the values of the channels in
   * `newVersions`; returns the config that points at it.
   * @throws StoreError `CHECKPOINT_CONFIG_INVALID` when `config` has no `thread_id`.
   */
  async put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata, newVersions: CheckpointChannelVersions): Promise<RunnableConfig> {
    const threadId = requiredString(config.configurable?.thread_id, 'thread_id', 'put a checkpoint');
    const ns = optionalString(config.configurable?.checkpoint_ns, 'checkpoint_ns') ?? '';
    const parentId = optionalString(config.configurable?.checkpoint_id, 'checkpoint_id') || undefined;
    const values = (checkpoint.channel_values ?? {}) as Record<string, unknown>;
    const serde = this.serde;
    const plain = (serde as Partial<JsonTextSerde>).dumpsJsonText !== undefined;
    // the record keeps the checkpoint without its values (stored as blobs): its text is made from
    // the checkpoint itself, else it is serialized as a copy (LangGraph's `copyCheckpoint` fields)
    const checkpointText = plain ? checkpointHeadText(checkpoint) : undefined;
    const record: CheckpointRecord = {
      checkpoint: checkpointText !== undefined ? { t: 'json', d: checkpointText } : await dumpCopy(serde, checkpoint),
      metadata: dumpJsonText(serde, metadata) ?? (await dump(serde, metadata)),
    };
    if (parentId !== undefined) record.parentId = parentId;
    const key = checkpointKey(ns, checkpoint.id);
    const threads = this.threads;
    const data = this.data;
    if (data instanceof DriverStore && threads instanceof DriverStore && data.atomicBatches()) {
      // Memory and SQLite: the thread index, the blobs and the record in one atomic batch, stored
      // as `set` stores them (frozen: the memory backend keeps the objects themselves), under
      // the thread namespace's physical keys (no namespace handle is made)
      const at = data.childKeyPrefix(threadId);
      const writes: Array<{ key: string; value: unknown }> = [];
      // The thread index entry: on memory (one process) only when it is missing, checked in the
      // store itself, so a thread another saver deleted is indexed again; on SQLite (a file other
      // processes may share) with every checkpoint, in the same transaction.
      const indexKey = threads.physicalKey(threadId);
      if (threads.hasValueNow(indexKey) !== true) writes.push({ key: indexKey, value: 1 });
      // memory (private to this process): the values go into the record, one entry per checkpoint
      const inline: Array<string | number | Readonly<SerializedValue>> | undefined = data.inMemory() ? [] : undefined;
      // the version kept for the previous channel: channels sharing a version (a run's writes
      // all do) keep one number between them, not a copy each (V8 boxes a number per read)
      let version: string | number | undefined;
      for (const channel in newVersions) {
        if (!(channel in values)) continue;
        // plain JSON values (the agent's state) are serialized without an await each
        const value = values[channel];
        // (small values' shared records are the built-in serde's text: another serde writes its own)
        const stored = (serde === lazySerde ? sharedScalarRecord(value) : undefined) ?? storedRecord(dumpJsonText(serde, value) ?? (await dump(serde, value)));
        const v = newVersions[channel]!;
        if (v !== version) version = v;
        if (inline) inline.push(channel, version, stored);
        else writes.push({ key: physical(at, blobKey(ns, channel, newVersions[channel]!)), value: stored });
      }
      if (inline) {
        const versions = checkpoint.channel_versions ?? {};
        // (the parent is read only when this checkpoint names a channel it did not write)
        const parent =
          parentId !== undefined && !writesAll(versions, newVersions, values)
            ? data.getValuesNow<CheckpointRecord>([physical(at, checkpointKey(ns, parentId))])?.[0]
            : undefined;
        if (parent?.inline) carryInline(inline, parent.inline, versions, newVersions, values);
      }
      // kept for the life of the thread: every field in one literal (no property store added
      // later; an absent `parentId` is `undefined`, which JSON leaves out), the values as an
      // exact-length copy (the pushes left room for more)
      const stored: CheckpointRecord = {
        checkpoint: storedRecord(record.checkpoint),
        metadata: storedRecord(record.metadata),
        parentId,
        inline: inline && Object.freeze(inline.slice()),
      };
      writes.push({ key: physical(at, key), value: Object.freeze(stored) });
      if (!data.setValuesNow(writes)) await data.setValues(writes);
      return { configurable: { thread_id: threadId, checkpoint_ns: ns, checkpoint_id: checkpoint.id } };
    }
    const thread = this.thread(threadId);
    if (thread.backend === 'memory' && parentId !== undefined && !writesAll(checkpoint.channel_versions ?? {}, newVersions, values)) {
      // a memory store reached through its public operations (a wrapper of it, or before it
      // opened): the parent may keep its values in its record; the values this checkpoint does
      // not write are carried from there, as on the batch path
      const parent = await thread.get<CheckpointRecord>(checkpointKey(ns, parentId));
      if (parent?.inline) {
        const carried: Array<string | number | Readonly<SerializedValue>> = [];
        carryInline(carried, parent.inline, checkpoint.channel_versions ?? {}, newVersions, values);
        if (carried.length) record.inline = carried;
      }
    }
    const entries: Array<{ key: string; value: unknown }> = [];
    for (const channel in newVersions) {
      if (channel in values)
        entries.push({
          key: blobKey(ns, channel, newVersions[channel]!),
          value: dumpJsonText(serde, values[channel]) ?? (await dump(serde, values[channel])),
        });
    }
    // The thread index entry and the blobs together (no extra round trip), both before the record
    // that points at the blobs, so a reader never sees a half checkpoint. The index entry is written
    // with every checkpoint: another instance may have deleted the thread since this one last wrote it.
    await Promise.all([threads.set(threadId, 1), thread.setMany(entries)]);
    await thread.set(key, record);
    return { configurable: { thread_id: threadId, checkpoint_ns: ns, checkpoint_id: checkpoint.id } };
  }

  async putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string, taskPath?: string): Promise<void> {
    const threadId = requiredString(config.configurable?.thread_id, 'thread_id', 'put writes');
    const id = requiredString(config.configurable?.checkpoint_id, 'checkpoint_id', 'put writes');
    const ns = optionalString(config.configurable?.checkpoint_ns, 'checkpoint_ns') ?? '';
    const thread = this.thread(threadId);
    const key = writesKey(ns, id);
    const incoming: WriteEntry[] = await Promise.all(
      writes.map(async ([channel, value], i): Promise<WriteEntry> => [
        taskId,
        SPECIAL_WRITE_INDEX[channel] ?? i,
        channel,
        await dump(this.serde, value),
        taskPath ?? '',
      ]),
    );
    // One atomic read-modify-write on the backend: writers of the same checkpoint in other
    // processes (or other savers on this store) never drop each other's writes.
    await thread.update<WritesRecord>(key, (current) => {
      const record: WritesRecord = { writes: [...(current?.writes ?? [])] };
      for (const entry of incoming) {
        const at = record.writes.findIndex((w) => w[0] === entry[0] && w[1] === entry[1]);
        if (at < 0) record.writes.push(entry);
        else if (entry[1] < 0) record.writes[at] = entry; // special writes replace; regular ones are kept
      }
      return record;
    });
  }

  /**
   * Channel versions are `floor(current) + 1` plus a random fraction: still increasing, and
   * unique across forks, so a branch started from an older checkpoint never writes a channel
   * value under a version another branch already uses (values are stored once per version).
   */
  override getNextVersion(current: number | undefined): number {
    const base = typeof current === 'number' && Number.isFinite(current) ? Math.floor(current) : 0;
    return base + 1 + Math.random() * VERSION_FRACTION;
  }

  async deleteThread(threadId: string): Promise<void> {
    const id = requiredString(threadId, 'thread_id', 'delete a thread');
    await this.data.namespace(id).clear();
    await this.threads.delete(id);
  }

  /** The namespace of `threadId`'s entries (a handle reused while the thread is among the recent ones). */
  private thread(threadId: string): GraftStore {
    let handle = this.handles.get(threadId);
    if (handle) return handle;
    handle = this.data.namespace(threadId);
    if (this.handles.size >= THREAD_HANDLE_CACHE_SIZE) this.handles.delete(this.handles.keys().next().value!);
    this.handles.set(threadId, handle);
    return handle;
  }

  private async toTuple(
    thread: GraftStore,
    threadId: string,
    ns: string,
    id: string,
    record: CheckpointRecord,
    knownMetadata?: CheckpointMetadata,
  ): Promise<CheckpointTuple> {
    const serde = this.serde;
    // (plain JSON of the built-in serde is read without an await: a turn reads a handful of values)
    let read = loadPlain(serde, record.checkpoint);
    const checkpoint = (read !== NOT_PLAIN ? read : await load(serde, record.checkpoint)) as Checkpoint;
    const versions = checkpoint.channel_versions ?? {};
    const channels = Object.keys(versions);
    // the values the record keeps (memory), then the others as blobs
    const inline = record.inline;
    const stored: Array<Readonly<SerializedValue> | undefined> = [];
    const blobAt: number[] = [];
    const blobKeys: string[] = [];
    for (let i = 0; i < channels.length; i++) {
      const value = inline !== undefined ? findInline(inline, channels[i], versions[channels[i]]) : undefined;
      stored.push(value);
      if (value === undefined) (blobAt.push(i), blobKeys.push(blobKey(ns, channels[i], versions[channels[i]])));
    }
    // the channel values and the pending writes in one round trip (both depend only on the record)
    let blobs: Array<SerializedValue | undefined>;
    let writesRecord: WritesRecord | undefined;
    if (thread instanceof DriverStore && thread.atomicBatches()) {
      // memory and SQLite: one read (the memory backend hands back the stored objects, without a
      // promise; none is mutated here)
      const keys = [...blobKeys, writesKey(ns, id)].map((k) => thread.physicalKey(k));
      const found = thread.getValuesNow(keys) ?? (await thread.getValues(keys));
      writesRecord = found.pop() as WritesRecord | undefined;
      blobs = found as Array<SerializedValue | undefined>;
    } else {
      [blobs, writesRecord] = await Promise.all([thread.getMany<SerializedValue>(blobKeys), thread.get<WritesRecord>(writesKey(ns, id))]);
    }
    for (let j = 0; j < blobAt.length; j++) stored[blobAt[j]] = blobs[j];
    const values: Record<string, unknown> = {};
    for (let i = 0; i < channels.length; i++) {
      const blob = stored[i];
      if (blob === undefined) continue;
      read = loadPlain(serde, blob);
      values[channels[i]] = read !== NOT_PLAIN ? read : await load(serde, blob);
    }
    checkpoint.channel_values = values;
    if (checkpoint.v < 4 && record.parentId !== undefined) {
      await this.migratePendingSends(thread, ns, record.parentId, checkpoint);
    }
    const writes = sortWrites(writesRecord?.writes ?? []);
    if (knownMetadata === undefined) {
      read = loadPlain(serde, record.metadata);
      knownMetadata = (read !== NOT_PLAIN ? read : await load(serde, record.metadata)) as CheckpointMetadata;
    }
    const tuple: CheckpointTuple = {
      config: { configurable: { thread_id: threadId, checkpoint_ns: ns, checkpoint_id: id } },
      checkpoint,
      metadata: knownMetadata,
      pendingWrites: writes.length
        ? await Promise.all(writes.map(async ([taskId, , channel, value]) => [taskId, channel, await load(serde, value)] as [string, string, unknown]))
        : [],
    };
    if (record.parentId !== undefined) {
      tuple.parentConfig = { configurable: { thread_id: threadId, checkpoint_ns: ns, checkpoint_id: record.parentId } };
    }
    return tuple;
  }

  /** Checkpoints older than format 4 kept pending `Send`s as writes on the parent. */
  private async migratePendingSends(thread: GraftStore, ns: string, parentId: string, checkpoint: Checkpoint): Promise<void> {
    const parentWrites = sortWrites((await thread.get<WritesRecord>(writesKey(ns, parentId)))?.writes ?? []);
    const sends = await Promise.all(parentWrites.filter((w) => w[2] === TASKS_CHANNEL).map((w) => load(this.serde, w[3])));
    (checkpoint.channel_values as Record<string, unknown>)[TASKS_CHANNEL] = sends;
    const versions = checkpoint.channel_versions as Record<string, string | number>;
    versions[TASKS_CHANNEL] = maxVersion(Object.values(versions)) ?? this.getNextVersion(undefined);
  }
}

/**
 * Create a LangGraph checkpointer that persists through `store`.
 *
 * ```ts
 * const store = createStore({ sqlite: './graft.db' });
 * const graph = builder.compile({ checkpointer: createCheckpointer(store) });
 * ```
 */
export function createCheckpointer(store: GraftStore, options?: CheckpointerOptions): GraftCheckpointSaver {
  return new GraftCheckpointSaver(store, options);
}
