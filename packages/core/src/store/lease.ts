/**
 * Leases: a key held by one owner for a while, shared through the store by every process on
 * the same backend — e.g. "this thread is running on instance A". The holder renews it while
 * it works; a holder that crashes stops renewing, so the lease expires and others may take it.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_LEASE_TTL_MS } from '../defaults.js';
import type { GraftStore } from './types.js';

/** The stored form of a lease. */
interface LeaseRecord {
  owner: string;
  /** Expiry, ms since the epoch (holders' clocks are assumed roughly in sync). */
  until: number;
}

/** Options of {@link acquireLease}. */
export interface LeaseOptions {
  /** How long the lease lasts without renewal, ms (default `DEFAULT_LEASE_TTL_MS`). */
  ttlMs?: number;
  /** Who holds it (default: a random id); acquiring again with the same owner succeeds. */
  owner?: string;
  /** Renew automatically every third of `ttlMs` until released (default true). */
  renew?: boolean;
}

/** A held lease. Release it with `release()` or `await using`. */
export interface Lease {
  /** The key leased (inside the store's namespace). */
  readonly key: string;
  /** The holder's id. */
  readonly owner: string;
  /** True once a renewal found the lease taken by someone else (it had expired meanwhile). */
  readonly lost: boolean;
  /** Give the lease up (only if still ours); idempotent. */
  release(): Promise<void>;
  /** Same as `release()`. */
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Take the lease `key` in `store` if it is free, expired or already ours; resolves
 * `undefined` when someone else holds it. Atomic across processes on SQLite, Redis and
 * PostgreSQL (it is one {@link GraftStore.update}).
 * @throws {@link StoreError} from the store (e.g. `STORE_BACKEND_FAILED`).
 */
export async function acquireLease(store: GraftStore, key: string, options: LeaseOptions = {}): Promise<Lease | undefined> {
  const ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
  const owner = options.owner ?? randomUUID();
  const take = (current: LeaseRecord | undefined): LeaseRecord | undefined =>
    !current || current.until <= Date.now() || current.owner === owner ? { owner, until: Date.now() + ttlMs } : current;
  const held = await store.update<LeaseRecord>(key, take, { ttlMs });
  if (held?.owner !== owner) return undefined;

  let lost = false;
  let released = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  if (options.renew !== false) {
    timer = setInterval(
      () => {
        store
          .update<LeaseRecord>(key, (current) => (current?.owner === owner ? { owner, until: Date.now() + ttlMs } : current), { ttlMs })
          .then((now) => {
            if (now?.owner !== owner) {
              lost = true;
              clearInterval(timer);
            }
          })
          .catch(() => undefined); // a failed renewal is retried at the next tick
      },
      Math.max(1, Math.floor(ttlMs / 3)),
    );
    timer.unref?.();
  }
  const release = async (): Promise<void> => {
    if (released) return;
    released = true;
    clearInterval(timer);
    await store.update<LeaseRecord>(key, (current) => (current?.owner === owner ? undefined : current));
  };
  return {
    key,
    owner,
    get lost() {
      return lost;
    },
    release,
    [Symbol.asyncDispose]: release,
  };
}
