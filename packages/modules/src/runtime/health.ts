/**
 * Health breakers: one per module, counting consecutive failed tool calls. With a store, the
 * counts live in it (one atomically incremented record per module), so every app instance
 * sharing the store counts the same failures and a module failing everywhere is disabled.
 */
import { DEFAULT_BREAKER_THRESHOLD, REGISTRY_PREFIX } from '../limits.js';
import { LocalUpdater, type KeyValueStore } from '../store/kv.js';

const healthKey = (name: string) => `${REGISTRY_PREFIX}health/${name}`;

/** Counts consecutive failures per module and says when one trips. */
export class HealthBreakers {
  /** Consecutive failures that trip a breaker (positive integer; default `DEFAULT_BREAKER_THRESHOLD`). */
  readonly threshold: number;
  readonly #store: KeyValueStore | undefined;
  readonly #updater: LocalUpdater | undefined;
  readonly #failures = new Map<string, number>();

  /**
   * @param threshold failures in a row that trip a breaker.
   * @param store where counts are shared (default: this process only).
   */
  constructor(threshold = DEFAULT_BREAKER_THRESHOLD, store?: KeyValueStore) {
    if (!Number.isInteger(threshold) || threshold < 1) throw new RangeError('The breaker threshold must be a positive integer.');
    this.threshold = threshold;
    this.#store = store;
    this.#updater = store ? new LocalUpdater(store) : undefined;
  }

  /** A call succeeded: the count starts over (one read, and a write only when there were failures). */
  async success(moduleName: string): Promise<void> {
    if (!this.#updater) {
      this.#failures.delete(moduleName);
      return;
    }
    await this.#updater.update<number>(healthKey(moduleName), () => undefined);
  }

  /** A call failed; resolves true when the breaker is (still) tripped: `threshold` or more failures in a row. */
  async failure(moduleName: string): Promise<boolean> {
    if (!this.#updater) {
      const n = (this.#failures.get(moduleName) ?? 0) + 1;
      this.#failures.set(moduleName, n);
      return n >= this.threshold;
    }
    const n = (await this.#updater.update<number>(healthKey(moduleName), (count) => (count ?? 0) + 1)) ?? 0;
    return n >= this.threshold;
  }

  /** Consecutive failures of `moduleName` so far. */
  async failures(moduleName: string): Promise<number> {
    if (!this.#store) return this.#failures.get(moduleName) ?? 0;
    return ((await this.#store.get(healthKey(moduleName))) as number | undefined) ?? 0;
  }

  /** Resets the breaker (on `enable`, install, uninstall, rollback). */
  async reset(moduleName: string): Promise<void> {
    if (!this.#updater) this.#failures.delete(moduleName);
    else await this.#updater.update<number>(healthKey(moduleName), () => undefined); // a read, and a write only when there were failures
  }
}
