/**
 * State of the model-assisted check inside one `createGuards(...)`: the per-run budget and
 * the default verdict cache. Both are bounded; a run resumed on another instance starts a
 * fresh budget there (pass a shared `modelCache` to share verdicts across instances).
 * @module
 */
import type { CacheStore } from './cache.js';
import { DEFAULT_MODEL_CHECK_CACHE_ENTRIES, MAX_MODEL_CHECK_BUDGET_RUNS } from '../defaults.js';

/** Counts model checks per run id and says when a run's budget is spent. */
export class RunBudget {
  readonly #used = new Map<string, number>();
  readonly #limit: number;

  /** @param limit checks allowed per run */
  constructor(limit: number) {
    this.#limit = limit;
  }

  /**
   * Take one check from `runId`'s budget; false when it is spent. Without a run id there is
   * no budget to spend (direct calls outside an agent run).
   * @param runId the agent run
   */
  take(runId: string | undefined): boolean {
    if (runId === undefined) return true;
    const used = this.#used.get(runId) ?? 0;
    if (used >= this.#limit) return false;
    this.#used.delete(runId);
    if (this.#used.size >= MAX_MODEL_CHECK_BUDGET_RUNS) this.#used.delete(this.#used.keys().next().value as string);
    this.#used.set(runId, used + 1);
    return true;
  }

  /**
   * Checks still allowed for `runId` (`Infinity` without a run id).
   * @param runId the agent run
   */
  remaining(runId: string | undefined): number {
    return runId === undefined ? Infinity : Math.max(0, this.#limit - (this.#used.get(runId) ?? 0));
  }
}

/** An in-memory verdict cache holding at most `max` entries (least recently set evicted first). */
export function memoryVerdictCache(max = DEFAULT_MODEL_CHECK_CACHE_ENTRIES): CacheStore {
  const map = new Map<string, unknown>();
  return {
    get: (key) => map.get(key),
    set: (key, value) => {
      map.delete(key);
      if (map.size >= max) map.delete(map.keys().next().value as string);
      map.set(key, value);
    },
  };
}
