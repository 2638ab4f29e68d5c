/** The in-memory driver: a Map in this process. Nothing else can see it, so every operation is trivially atomic. */
import { TopicListeners, expiresAt, type Driver, type RawValue, type RawWrite } from './driver.js';

/** An entry set as JSON text (by every operation but {@link MemoryDriver.setData}). */
class Slot {
  constructor(
    /** The stored JSON text. */
    readonly value: RawValue,
    readonly expires: number | null,
  ) {}
}

/**
 * What a key holds: a {@link Slot}, or the data itself when set with {@link MemoryDriver.setData}
 * (no expiry, no wrapper object: the checkpointer stores several entries per checkpoint, kept
 * for the life of the thread). Data is never a `Slot` (callers pass plain JSON data).
 */
type Entry = Slot | unknown;

/** One write of {@link MemoryDriver.setData}. */
export interface DataWrite {
  key: string;
  /** Plain JSON data, never mutated after the write (the caller freezes it). */
  value: unknown;
}

/**
 * The prefix-scan group of a physical key: everything up to its first `:` (the namespace path
 * and the entry kind, e.g. `checkpoints/data/t1/k:`). Namespace segments are URI-encoded, so
 * they hold no `:`; every prefix the store scans ends inside one group.
 */
function groupOf(key: string): string {
  const colon = key.indexOf(':');
  return colon < 0 ? '' : key.slice(0, colon + 1);
}

/** A private in-memory backend (lost on exit). */
export class MemoryDriver implements Driver {
  readonly kind = 'memory' as const;
  readonly shared = false;
  /**
   * Entries by {@link groupOf}, then by key: `keys(prefix)` visits one namespace's keys, not the
   * whole store, and a write touches a table the size of its namespace, not of the whole store.
   */
  private readonly groups = new Map<string, Map<string, Entry>>();
  private readonly listeners = new TopicListeners();

  private live(key: string): Entry | undefined {
    const entry = this.groups.get(groupOf(key))?.get(key);
    if (entry instanceof Slot && entry.expires !== null && entry.expires <= Date.now()) {
      this.remove(key);
      return undefined;
    }
    return entry;
  }

  private read(key: string): RawValue | undefined {
    const entry = this.live(key);
    if (entry === undefined) return undefined;
    // data set with setData is read as text rarely (the checkpointer reads it with getData)
    return entry instanceof Slot ? entry.value : JSON.stringify(entry);
  }

  private write(key: string, value: RawValue, ttlMs: number | undefined): void {
    const name = groupOf(key);
    let group = this.groups.get(name);
    if (!group) this.groups.set(name, (group = new Map()));
    group.set(key, new Slot(value, expiresAt(ttlMs)));
  }

  private remove(key: string): void {
    const name = groupOf(key);
    const group = this.groups.get(name);
    if (group?.delete(key) && group.size === 0) this.groups.delete(name);
  }

  /** The keys that may start with `prefix`: its group when it names one, else every key. */
  private candidates(prefix: string): string[] {
    if (prefix.includes(':')) return [...(this.groups.get(groupOf(prefix))?.keys() ?? [])];
    const out: string[] = [];
    for (const group of this.groups.values()) for (const key of group.keys()) out.push(key);
    return out;
  }

  async get(key: string): Promise<RawValue | undefined> {
    return this.read(key);
  }

  async getMany(keys: readonly string[]): Promise<Array<RawValue | undefined>> {
    return keys.map((key) => this.read(key));
  }

  async set(key: string, value: RawValue, ttlMs?: number): Promise<void> {
    this.write(key, value, ttlMs);
  }

  async setMany(writes: readonly RawWrite[]): Promise<void> {
    for (const w of writes) this.write(w.key, w.value, w.ttlMs);
  }

  /**
   * Store plain JSON data without serializing it (no expiry): every read as text sees exactly
   * `JSON.stringify(data)`, made on each such read; {@link MemoryDriver.getData} hands the data
   * itself back. For trusted internal callers that never mutate the data.
   */
  setData(writes: readonly DataWrite[]): void {
    // consecutive keys of one namespace share a group: it is looked up once, not once per key (a
    // key starting with a group's name, which ends at its first `:`, has its first `:` there too)
    let name = '';
    let group: Map<string, Entry> | undefined;
    for (const w of writes) {
      const key = w.key;
      if (group === undefined || name === '' || !key.startsWith(name)) {
        name = groupOf(key);
        group = this.groups.get(name);
        if (!group) this.groups.set(name, (group = new Map()));
      }
      group.set(key, w.value);
    }
  }

  /** Whether `key` holds a live value. */
  hasData(key: string): boolean {
    return this.live(key) !== undefined;
  }

  /** The stored data of each key: the data itself when set with {@link MemoryDriver.setData}, else its parsed text. */
  getData(keys: readonly string[]): unknown[] {
    return keys.map((key) => {
      const entry = this.live(key);
      return entry instanceof Slot ? JSON.parse(entry.value) : entry;
    });
  }

  async delete(key: string): Promise<boolean> {
    const existed = this.live(key) !== undefined;
    this.remove(key);
    return existed;
  }

  async keys(prefix: string): Promise<string[]> {
    return this.keysNow(prefix);
  }

  /** {@link MemoryDriver.keys} without a promise (for the checkpointer's reads on this backend). */
  keysNow(prefix: string): string[] {
    const out: string[] = [];
    if (!prefix.includes(':')) {
      for (const key of this.candidates(prefix)) if (key.startsWith(prefix) && this.live(key) !== undefined) out.push(key);
      return out;
    }
    // one group: its entries are at hand (no second lookup per key)
    const now = Date.now();
    let expired: string[] | undefined;
    for (const [key, entry] of this.groups.get(groupOf(prefix)) ?? []) {
      if (!key.startsWith(prefix)) continue;
      if (entry instanceof Slot && entry.expires !== null && entry.expires <= now) (expired ??= []).push(key);
      else out.push(key);
    }
    if (expired) for (const key of expired) this.remove(key);
    return out;
  }

  async deletePrefix(prefix: string): Promise<void> {
    for (const key of this.candidates(prefix)) if (key.startsWith(prefix)) this.remove(key);
  }

  async compareAndSet(key: string, expected: RawValue | undefined, next: RawValue | undefined, ttlMs?: number): Promise<boolean> {
    if (this.read(key) !== expected) return false;
    if (next === undefined) this.remove(key);
    else this.write(key, next, ttlMs);
    return true;
  }

  publish(topic: string): Promise<void> {
    return this.listeners.publishLocal(topic);
  }

  subscribe(topic: string, listener: () => void): Promise<() => Promise<void>> {
    return this.listeners.subscribeLocal(topic, listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
