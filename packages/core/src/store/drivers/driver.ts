/**
 * The backend contract under {@link GraftStore}: raw JSON text under physical keys, plus the
 * operations Keyv cannot express — an atomic compare-and-set, exact prefix listing, and change
 * notifications — each implemented with the backend's own primitives. Internal.
 */

/** A value as stored: its JSON text. */
export type RawValue = string;

/** One write of {@link Driver.setMany}. */
export interface RawWrite {
  key: string;
  value: RawValue;
  ttlMs?: number;
}

/** Which backend a driver talks to. */
export type DriverKind = 'memory' | 'sqlite' | 'redis' | 'postgres' | 'keyv';

/** A backend. Keys are physical (namespace prefix already applied). */
export interface Driver {
  readonly kind: DriverKind;
  /**
   * Whether other processes can see and change the same data (SQLite file, Redis, PostgreSQL).
   * `false` for memory and for Keyv adapters, whose atomicity is only per process.
   */
  readonly shared: boolean;
  get(key: string): Promise<RawValue | undefined>;
  getMany(keys: readonly string[]): Promise<Array<RawValue | undefined>>;
  set(key: string, value: RawValue, ttlMs?: number): Promise<void>;
  setMany(writes: readonly RawWrite[]): Promise<void>;
  delete(key: string): Promise<boolean>;
  /** Physical keys starting with `prefix`, any order (expired ones may be included). */
  keys(prefix: string): Promise<string[]>;
  /** Delete every key starting with `prefix`. */
  deletePrefix(prefix: string): Promise<void>;
  /**
   * Atomically: when the stored text equals `expected` (`undefined`: absent or expired), store
   * `next` (`undefined`: delete) and resolve `true`; otherwise change nothing and resolve `false`.
   */
  compareAndSet(key: string, expected: RawValue | undefined, next: RawValue | undefined, ttlMs?: number): Promise<boolean>;
  /** Tell every subscriber of `topic`, in this and every other process, that something changed. */
  publish(topic: string): Promise<void>;
  /** Call `listener` (soon) after each `publish(topic)`; resolves to an unsubscribe function. */
  subscribe(topic: string, listener: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Local listeners by topic; drivers use it to fan one backend message out to many handles. */
export class TopicListeners {
  private readonly byTopic = new Map<string, Set<() => void>>();

  /** Adds a listener; returns whether it is the topic's first. */
  add(topic: string, listener: () => void): boolean {
    let set = this.byTopic.get(topic);
    const first = !set;
    if (!set) this.byTopic.set(topic, (set = new Set()));
    set.add(listener);
    return first;
  }

  /** Removes a listener; returns whether the topic has none left. */
  remove(topic: string, listener: () => void): boolean {
    const set = this.byTopic.get(topic);
    if (!set) return false;
    set.delete(listener);
    if (set.size > 0) return false;
    this.byTopic.delete(topic);
    return true;
  }

  /** Topics with at least one listener. */
  topics(): string[] {
    return [...this.byTopic.keys()];
  }

  /** Calls every listener of `topic` (a throwing listener never stops the others). */
  emit(topic: string): void {
    for (const listener of [...(this.byTopic.get(topic) ?? [])]) {
      try {
        listener();
      } catch {
        // listeners must not break the backend's dispatch
      }
    }
  }

  clear(): void {
    this.byTopic.clear();
  }

  /** A driver's `publish` for backends with no cross-process channel: this process's listeners, soon. */
  async publishLocal(topic: string): Promise<void> {
    queueMicrotask(() => this.emit(topic));
  }

  /** A driver's `subscribe` for backends with no cross-process channel. */
  async subscribeLocal(topic: string, listener: () => void): Promise<() => Promise<void>> {
    this.add(topic, listener);
    return async () => {
      this.remove(topic, listener);
    };
  }
}

/** Expiry time (ms since epoch) of a write with `ttlMs`, or `null` for none. */
export function expiresAt(ttlMs: number | undefined): number | null {
  return ttlMs === undefined ? null : Date.now() + ttlMs;
}
