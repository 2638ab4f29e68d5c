/**
 * Durable pending builds of `build_module`, keyed by thread and tool call: the bundle the user is
 * asked to approve is stored here before the approval interrupt is raised, so a re-execution
 * (after a restart, on another instance, after a retry) shows and installs that bundle and never
 * asks the model again. A thread holds at most `MAX_PENDING_BUILDS_PER_THREAD` of them; more are
 * refused with `MODULE_TOO_MANY_BUILDS`, never made room for by evicting one.
 */
import { ModuleError } from '../errors.js';
import { MAX_PENDING_BUILDS_PER_THREAD, PENDING_BUILD_TTL_MS, PENDING_BUILDING_STALE_MS, REGISTRY_PREFIX } from '../limits.js';
import type { KeyValueStore } from '../store/kv.js';
import { setExpiring } from '../store/ops.js';
import type { ModuleBundle } from '../types.js';

/** One `build_module` call's durable state. */
export interface PendingBuild {
  /** `building` until validation passed; `awaiting_approval` once `bundle` is stored; `installed` after install. */
  status: 'building' | 'awaiting_approval' | 'installed';
  /** When the call first ran, ISO 8601. */
  createdAt: string;
  /** The validated bundle shown to the user (from `awaiting_approval` on). */
  bundle?: ModuleBundle;
  /** sha256 of `bundle`. */
  bundleHash?: string;
  /** Offline cases passed and failed at validation. */
  tests?: {
    /** Offline cases passed. */
    passed: number;
    /** Offline cases failed. */
    failed: number;
  };
  /** Repair rounds the build took. */
  rounds?: number;
  /** Execution agreement across candidates. */
  confidence?: number;
  /** Candidates compared to measure `confidence`. */
  candidates?: number;
  /** Inputs the candidates disagreed on, and how many of them the tests still do not decide. */
  disagreement?: {
    /** Inputs on which the candidates' outputs differed. */
    inputs: number;
    /** Of those, inputs the module's tests do not decide. */
    undecided: number;
  };
  /** For an upgrade: the installed version's recorded exchanges replayed on this bundle. */
  regression?: RegressionSummary;
  /** The user's request. */
  request?: string;
}

/** What an approval shows of an upgrade's regression replay. */
export interface RegressionSummary {
  /** The installed version whose recordings were replayed. */
  baselineVersion: string;
  /** Recorded cases replayed. */
  total: number;
  /** Cases whose output changed or failed, with the recorded and the new output. */
  changed: Array<{
    /** The recorded case. */
    name: string;
    /** The output the installed version produced live. */
    expected: unknown;
    /** What this bundle returns on the same responses. */
    actual?: unknown;
    /** Why it failed, when it did not return. */
    error?: string;
  }>;
}

const enc = (s: string) => encodeURIComponent(s);
const threadPrefix = (threadId: string) => `${REGISTRY_PREFIX}pending/${enc(threadId)}/`;
const indexKey = (threadId: string) => `${threadPrefix(threadId)}index`;
const buildKey = (threadId: string, callId: string) => `${threadPrefix(threadId)}call/${enc(callId)}`;

function storeFailed(cause: unknown): ModuleError {
  return new ModuleError(
    'MODULE_STORE_FAILED',
    `Could not save the pending module build: the store failed (${cause instanceof Error ? cause.message : String(cause)}). Nothing was installed; check the store and try again.`,
    { cause },
  );
}

/** Pending builds in a `KeyValueStore` (shared by every instance on that store). */
export class PendingBuilds {
  readonly #store: KeyValueStore;
  readonly #limit: number;
  readonly #locks = new Map<string, Promise<unknown>>();

  constructor(store: KeyValueStore, limit = MAX_PENDING_BUILDS_PER_THREAD) {
    this.#store = store;
    this.#limit = limit;
  }

  #locked<T>(threadId: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.#locks.get(threadId) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const settled = next.catch(() => undefined);
    this.#locks.set(threadId, settled);
    void settled.then(() => {
      if (this.#locks.get(threadId) === settled) this.#locks.delete(threadId);
    });
    return next;
  }

  /** The stored state of a call, or `undefined`. */
  async get(threadId: string, callId: string): Promise<PendingBuild | undefined> {
    try {
      return (await this.#store.get(buildKey(threadId, callId))) as PendingBuild | undefined;
    } catch (e) {
      throw storeFailed(e);
    }
  }

  /**
   * The call's stored state, or a new `building` entry when the thread has room.
   * @throws {ModuleError} `MODULE_TOO_MANY_BUILDS` when the thread already has the maximum in flight.
   */
  open(threadId: string, callId: string, request: string): Promise<PendingBuild> {
    return this.#locked(threadId, async () => {
      const existing = await this.get(threadId, callId);
      if (existing) return existing;
      try {
        const ids = ((await this.#store.get(indexKey(threadId))) as string[] | undefined) ?? [];
        const alive: string[] = [];
        const now = Date.now();
        for (const id of ids) {
          if (id === callId) continue;
          const e = (await this.#store.get(buildKey(threadId, id))) as PendingBuild | undefined;
          // A build that never reached the approval step within the stale window died with its process.
          if (e && !(e.status === 'building' && now - Date.parse(e.createdAt) > PENDING_BUILDING_STALE_MS)) alive.push(id);
        }
        if (alive.length >= this.#limit)
          throw new ModuleError(
            'MODULE_TOO_MANY_BUILDS',
            `Too many modules are being built in this conversation (${alive.length} wait for the user's approval; the limit is ${this.#limit}). Do not start another build: wait until the user answered the pending ones.`,
          );
        const entry: PendingBuild = { status: 'building', createdAt: new Date().toISOString(), request };
        await setExpiring(this.#store, buildKey(threadId, callId), entry, PENDING_BUILD_TTL_MS);
        await setExpiring(this.#store, indexKey(threadId), [...alive, callId], PENDING_BUILD_TTL_MS);
        return entry;
      } catch (e) {
        if (e instanceof ModuleError) throw e;
        throw storeFailed(e);
      }
    });
  }

  /** Replaces the call's state (e.g. with the validated bundle, before the approval interrupt). */
  async save(threadId: string, callId: string, entry: PendingBuild): Promise<void> {
    try {
      await setExpiring(this.#store, buildKey(threadId, callId), entry, PENDING_BUILD_TTL_MS);
    } catch (e) {
      throw storeFailed(e);
    }
  }

  /** Forgets a finished call (best effort: an entry left behind expires). */
  finish(threadId: string, callId: string): Promise<void> {
    return this.#locked(threadId, async () => {
      try {
        await this.#store.delete(buildKey(threadId, callId));
        const ids = ((await this.#store.get(indexKey(threadId))) as string[] | undefined) ?? [];
        const rest = ids.filter((id) => id !== callId);
        if (rest.length) await setExpiring(this.#store, indexKey(threadId), rest, PENDING_BUILD_TTL_MS);
        else await this.#store.delete(indexKey(threadId));
      } catch {
        // the entry expires on its own
      }
    });
  }
}
