/** The in-memory driver: a Map in this process. Nothing else can see it, so every operation is trivially atomic. */
import { TopicListeners, expiresAt, type Driver, type RawValue, type RawWrite } from './driver.js';

interface Slot {
  value: RawValue;
  expires: number | null;
}

/** A private in-memory backend (lost on exit). */
export class MemoryDriver implements Driver {
  readonly kind = 'memory' as const;
  readonly shared = false;
  private readonly data = new Map<string, Slot>();
  private readonly listeners = new TopicListeners();

  private read(key: string): RawValue | undefined {
    const slot = this.data.get(key);
    if (!slot) return undefined;
    if (slot.expires !== null && slot.expires <= Date.now()) {
      this.data.delete(key);
      return undefined;
    }
    return slot.value;
  }

  async get(key: string): Promise<RawValue | undefined> {
    return this.read(key);
  }

  async getMany(keys: readonly string[]): Promise<Array<RawValue | undefined>> {
    return keys.map((key) => this.read(key));
  }

  async set(key: string, value: RawValue, ttlMs?: number): Promise<void> {
    this.data.set(key, { value, expires: expiresAt(ttlMs) });
  }

  async setMany(writes: readonly RawWrite[]): Promise<void> {
    for (const w of writes) this.data.set(w.key, { value: w.value, expires: expiresAt(w.ttlMs) });
  }

  async delete(key: string): Promise<boolean> {
    const existed = this.read(key) !== undefined;
    this.data.delete(key);
    return existed;
  }

  async keys(prefix: string): Promise<string[]> {
    const out: string[] = [];
    for (const key of this.data.keys()) if (key.startsWith(prefix) && this.read(key) !== undefined) out.push(key);
    return out;
  }

  async deletePrefix(prefix: string): Promise<void> {
    for (const key of [...this.data.keys()]) if (key.startsWith(prefix)) this.data.delete(key);
  }

  async compareAndSet(key: string, expected: RawValue | undefined, next: RawValue | undefined, ttlMs?: number): Promise<boolean> {
    if (this.read(key) !== expected) return false;
    if (next === undefined) this.data.delete(key);
    else this.data.set(key, { value: next, expires: expiresAt(ttlMs) });
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
