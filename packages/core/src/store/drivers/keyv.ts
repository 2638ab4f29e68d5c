/**
 * The Keyv driver: any Keyv adapter or instance. Keyv has no atomic or listing operation, so
 * keys are listed through a {@link StoredIndex} and compare-and-set runs under a lock shared by
 * everything built on the same Keyv instance — atomic within this process only (see
 * `key-index.ts`). Notifications reach this process's subscribers only.
 */
import type { Keyv } from 'keyv';
import { StoredIndex, keyvLocks, namespaceOf } from '../key-index.js';
import type { KeyedMutex } from '../mutex.js';
import { TopicListeners, type Driver, type RawValue, type RawWrite } from './driver.js';

/** See the file comment. */
export class KeyvDriver implements Driver {
  readonly kind = 'keyv' as const;
  readonly shared = false;
  private readonly index: StoredIndex;
  private readonly locks: KeyedMutex;
  private readonly listeners = new TopicListeners();

  constructor(private readonly keyv: Keyv) {
    this.index = new StoredIndex(keyv);
    this.locks = keyvLocks(keyv);
  }

  async get(key: string): Promise<RawValue | undefined> {
    return (await this.keyv.get<RawValue>(key)) ?? undefined;
  }

  async getMany(keys: readonly string[]): Promise<Array<RawValue | undefined>> {
    if (keys.length === 0) return [];
    const values = await this.keyv.getMany<RawValue>([...keys]);
    return values.map((v) => (v === null ? undefined : (v as RawValue | undefined)));
  }

  async set(key: string, value: RawValue, ttlMs?: number): Promise<void> {
    // Index first: a crash between the two writes leaves an index entry without a value,
    // which listing skips, rather than a value that can never be listed.
    await this.index.add(namespaceOf(key), [key.slice(namespaceOf(key).length + 2)]);
    await this.locks.run(`v\u0000${key}`, () => this.keyv.set(key, value, ttlMs));
  }

  async setMany(writes: readonly RawWrite[]): Promise<void> {
    const byNs = new Map<string, string[]>();
    for (const w of writes) {
      const ns = namespaceOf(w.key);
      byNs.set(ns, [...(byNs.get(ns) ?? []), w.key.slice(ns.length + 2)]);
    }
    for (const [ns, keys] of byNs) await this.index.add(ns, keys);
    await this.keyv.setMany(writes.map((w) => ({ key: w.key, value: w.value, ttl: w.ttlMs })));
  }

  async delete(key: string): Promise<boolean> {
    const existed = await this.locks.run(`v\u0000${key}`, () => this.keyv.delete(key));
    const ns = namespaceOf(key);
    await this.index.remove(ns, [key.slice(ns.length + 2)]);
    return existed;
  }

  async keys(prefix: string): Promise<string[]> {
    const ns = namespaceOf(prefix);
    const logical = await this.index.read(ns);
    return logical.map((k) => `${ns}k:${k}`).filter((k) => k.startsWith(prefix));
  }

  async deletePrefix(prefix: string): Promise<void> {
    const keys = await this.keys(prefix);
    if (keys.length === 0) return;
    await this.keyv.deleteMany(keys);
    const ns = namespaceOf(prefix);
    await this.index.remove(
      ns,
      keys.map((k) => k.slice(ns.length + 2)),
    );
  }

  async compareAndSet(key: string, expected: RawValue | undefined, next: RawValue | undefined, ttlMs?: number): Promise<boolean> {
    const ns = namespaceOf(key);
    if (next !== undefined) await this.index.add(ns, [key.slice(ns.length + 2)]);
    const done = await this.locks.run(`v\u0000${key}`, async () => {
      const current = (await this.keyv.get<RawValue>(key)) ?? undefined;
      if (current !== expected) return false;
      if (next === undefined) await this.keyv.delete(key);
      else await this.keyv.set(key, next, ttlMs);
      return true;
    });
    if (done && next === undefined) await this.index.remove(ns, [key.slice(ns.length + 2)]);
    return done;
  }

  publish(topic: string): Promise<void> {
    return this.listeners.publishLocal(topic);
  }

  subscribe(topic: string, listener: () => void): Promise<() => Promise<void>> {
    return this.listeners.subscribeLocal(topic, listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.keyv.disconnect();
  }
}
