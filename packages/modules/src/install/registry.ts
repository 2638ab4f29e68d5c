/**
 * The module registry on a key-value store: every installed version is kept, and one state
 * record per module points at the active version. Writes are ordered so that a failure at any
 * step leaves the previous version active: version record first, then (on stores that cannot
 * list keys) the index, then the pointer.
 *
 * Several app instances may share the store: every write is an atomic read-modify-write of one
 * record on the backend (`store.update`), computed from the record as stored — never from this
 * instance's cached view — so concurrent installs, upgrades, rollbacks and uninstalls on
 * different instances all land. Modules are listed by key prefix (no shared index to race on),
 * and each change is published so the other instances reload their view within a second.
 */
import { ModuleError } from '../errors.js';
import { randomUUID } from 'node:crypto';
import { MODULE_LOCK_TTL_MS, MODULE_LOCK_WAIT_MS, REGISTRY_PREFIX } from '../limits.js';
import { LocalUpdater, type KeyValueStore } from '../store/kv.js';
import type { ModuleBundle, ModuleRecord, ModuleTestCase } from '../types.js';

/** A tool of a module as the agent sees it: its JSON Schema comes from the module's `input`. */
export interface ToolDescriptor {
  /** The tool's name as exported by the module's code. */
  name: string;
  /** The code's description of the tool, or the manifest's when the code gives none. */
  description: string;
  /** JSON Schema of the tool's input, read from the code's `input`. */
  input: Record<string, unknown>;
}

/** One stored version of a module. */
export interface VersionRecord {
  /** The manifest's semver version; unique per module, immutable once stored. */
  version: string;
  /** The approved bundle, exactly as installed. */
  bundle: ModuleBundle;
  /** sha256 of `bundle`; a reinstall of the same version must match it. */
  bundleHash: string;
  /** The tools read from the code at install. */
  tools: ToolDescriptor[];
  /** The approval's `by`. */
  approvedBy: string;
  /** The approval's `at` (ISO 8601). */
  approvedAt: string;
  /** When this version was stored, ISO 8601. */
  installedAt: string;
  /** Regression cases recorded by `liveTest` (secrets stripped). */
  recorded?: ModuleTestCase[];
  /** Present (true) when the host installed it with `dangerouslySkipValidation`. */
  validationBypassed?: true;
  /** True once a live test of this version passed. */
  liveTested?: true;
}

/** The pointer record of a module: public record plus the active version's tools. */
export interface ModuleState extends ModuleRecord {
  /** sha256 of the active version's bundle. */
  bundleHash: string;
  /** The active version's tools. */
  tools: ToolDescriptor[];
  /** sha256 of the bundle whose live test last passed (a module reaching hosts is usable only then). */
  liveTested?: string;
}

const INDEX_KEY = `${REGISTRY_PREFIX}index`;
const STATE_PREFIX = `${REGISTRY_PREFIX}state/`;
const CHANGED_TOPIC = `${REGISTRY_PREFIX}changed`;
const stateKey = (name: string) => `${STATE_PREFIX}${name}`;
const versionKey = (name: string, version: string) => `${REGISTRY_PREFIX}version/${name}/${version}`;
const lockKey = (name: string) => `${REGISTRY_PREFIX}lock/${name}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function storeFailed(name: string, step: string, cause: unknown): ModuleError {
  if (cause instanceof ModuleError) return cause;
  return new ModuleError(
    'MODULE_STORE_FAILED',
    `Could not ${step} for module "${name}": the store refused the write (${cause instanceof Error ? cause.message : String(cause)}). Nothing changed: the previous version stays active. Check the store and retry.`,
    { moduleName: name, cause },
  );
}

function versionConflict(name: string, version: string): ModuleError {
  return new ModuleError(
    'MODULE_VERSION_CONFLICT',
    `Module "${name}" already has a different version ${version}; bump the manifest's version (e.g. to a higher semver) and approve again.`,
    { moduleName: name },
  );
}

/** `next` applied over the stored state: versions only grow, the first install time stays. */
function merged(current: ModuleState | undefined, next: ModuleState): ModuleState {
  if (!current) return next;
  return { ...next, versions: [...new Set([...current.versions, ...next.versions])], installedAt: current.installedAt };
}

/** Install order: first install time, then name. */
function byInstall(a: ModuleState, b: ModuleState): number {
  return a.installedAt < b.installedAt ? -1 : a.installedAt > b.installedAt ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** A change of one module's state, computed from the state as stored (`undefined`: not installed). */
export type StateChange = (current: ModuleState | undefined) => ModuleState;

/** Installed modules and their versions, persisted in a `KeyValueStore` that several instances may share. */
export class ModuleRegistry {
  readonly #store: KeyValueStore;
  readonly #updater: LocalUpdater;
  #states = new Map<string, ModuleState>();
  readonly #listeners = new Set<() => void>();
  #revision = 0;
  /** Local writes so far; a reload that overlapped one reads again. */
  #writes = 0;
  #reloading: Promise<void> | undefined;
  #reloadAgain = false;
  #unsubscribe: (() => Promise<void>) | undefined;
  #closed = false;

  constructor(store: KeyValueStore) {
    this.#store = store;
    this.#updater = new LocalUpdater(store);
  }

  /** Increments on every change of the in-memory view (local or from another instance). */
  get revision(): number {
    return this.#revision;
  }

  /** Loads every module's state from the store and starts listening for other instances' changes. */
  async load(): Promise<void> {
    this.#apply(await this.#fetch(), true);
    if (this.#store.subscribe && !this.#unsubscribe && !this.#closed) {
      this.#unsubscribe = await this.#store.subscribe(CHANGED_TOPIC, () => void this.reload());
    }
  }

  /**
   * Reads the store again and, when anything differs from the cached view, notifies subscribers.
   * Called on every change notification; safe to call any time (calls coalesce).
   */
  reload(): Promise<void> {
    if (this.#reloading) {
      this.#reloadAgain = true;
      return this.#reloading;
    }
    const run = async (): Promise<void> => {
      do {
        this.#reloadAgain = false;
        const writes = this.#writes;
        const fetched = await this.#fetch();
        if (writes !== this.#writes)
          this.#reloadAgain = true; // a local write overlapped: read again
        else this.#apply(fetched, false);
      } while (this.#reloadAgain && !this.#closed);
    };
    this.#reloading = run()
      .catch(() => undefined) // the next notification tries again
      .finally(() => {
        this.#reloading = undefined;
      });
    return this.#reloading;
  }

  /** Stops listening for other instances' changes. */
  async close(): Promise<void> {
    this.#closed = true;
    const off = this.#unsubscribe;
    this.#unsubscribe = undefined;
    await off?.().catch(() => undefined);
  }

  async #fetch(): Promise<Map<string, ModuleState>> {
    const names = this.#store.keys
      ? (await this.#store.keys(STATE_PREFIX)).map((k) => k.slice(STATE_PREFIX.length))
      : (((await this.#store.get(INDEX_KEY)) as string[] | undefined) ?? []);
    const keys = names.map(stateKey);
    const states = (this.#store.getMany ? await this.#store.getMany(keys) : await Promise.all(keys.map((k) => this.#store.get(k)))) as Array<
      ModuleState | undefined
    >;
    return new Map(
      states
        .filter((s): s is ModuleState => !!s)
        .sort(byInstall)
        .map((s) => [s.name, s]),
    );
  }

  #apply(next: Map<string, ModuleState>, always: boolean): void {
    const same = next.size === this.#states.size && [...next].every(([name, s]) => JSON.stringify(this.#states.get(name)) === JSON.stringify(s));
    if (same && !always) return;
    this.#states = next;
    this.#changed();
  }

  /** Subscribes to changes; returns an unsubscribe function. */
  subscribe(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #changed(): void {
    this.#revision++;
    for (const fn of [...this.#listeners]) {
      try {
        fn();
      } catch {
        // listeners must not break writes
      }
    }
  }

  /** After a local write: update the cached view and tell the other instances. */
  #written(name: string, state: ModuleState | undefined): void {
    this.#writes++;
    const next = new Map(this.#states);
    if (state) next.set(name, state);
    else next.delete(name);
    this.#states = new Map([...next.values()].sort(byInstall).map((s) => [s.name, s]));
    this.#changed();
    void this.#store.publish?.(CHANGED_TOPIC).catch(() => undefined);
  }

  /** Every module's state, in install order (this instance's view; other instances' changes arrive within a second). */
  states(): ModuleState[] {
    return [...this.#states.values()];
  }

  /** One module's state (this instance's view). */
  state(name: string): ModuleState | undefined {
    return this.#states.get(name);
  }

  /** Reads one module's state from the store (not the cached view). */
  async stored(name: string): Promise<ModuleState | undefined> {
    return (await this.#store.get(stateKey(name))) as ModuleState | undefined;
  }

  /** Reads a stored version. */
  async version(name: string, version: string): Promise<VersionRecord | undefined> {
    return (await this.#store.get(versionKey(name, version))) as VersionRecord | undefined;
  }

  /**
   * Stores `version` (when given) and then points the module at `state`, merged over the stored
   * state (the version list only grows; the first install time is kept). On any failure the
   * previous state stays in the store and in memory. Prefer {@link ModuleRegistry.change} when
   * the new state depends on the current one.
   * @throws {ModuleError} `MODULE_VERSION_CONFLICT`, `MODULE_STORE_FAILED`.
   */
  commit(state: ModuleState, version?: VersionRecord): Promise<ModuleState> {
    return this.change(state.name, (current) => merged(current, state), version);
  }

  /**
   * Stores `version` (when given: created once, or kept when the same bundle is stored again),
   * then replaces the module's state with `fn(stored state)` atomically on the store. `fn` may
   * run more than once (when another instance wrote meanwhile) and may throw to abort.
   * @throws {ModuleError} `MODULE_VERSION_CONFLICT` when another bundle has this version, `MODULE_STORE_FAILED`, or what `fn` throws.
   */
  async change(name: string, fn: StateChange, version?: VersionRecord): Promise<ModuleState> {
    if (!version) return this.#changeState(name, fn);
    // Version records and the pointer that lists them change together: an uninstall on another
    // instance must not delete a record between this install's write and its pointer.
    return this.#locked(name, async () => {
      await this.#storeVersion(name, version);
      return this.#changeState(name, fn);
    });
  }

  /**
   * Runs `work` holding the module's install/uninstall lock (a record with an expiry, taken
   * atomically through the store, so it holds across instances; a crashed holder's lock lapses).
   */
  async #locked<T>(name: string, work: () => Promise<T>): Promise<T> {
    if (!this.#store.update) return work(); // no shared atomic operation: one process, already serial enough
    type Lock = { owner: string; until: number };
    const owner = randomUUID();
    const deadline = Date.now() + MODULE_LOCK_WAIT_MS;
    const take = (cur: Lock | undefined): Lock | undefined => (!cur || cur.until <= Date.now() ? { owner, until: Date.now() + MODULE_LOCK_TTL_MS } : cur);
    for (let attempt = 0; ; attempt++) {
      let held: Lock | undefined;
      try {
        held = await this.#updater.update<Lock>(lockKey(name), take);
      } catch (e) {
        throw storeFailed(name, 'lock it', e);
      }
      if (held?.owner === owner) break;
      if (Date.now() > deadline)
        throw new ModuleError('MODULE_BUSY', `Module "${name}" is being installed or uninstalled by another instance; retry in a moment.`, {
          moduleName: name,
        });
      await sleep(5 + Math.random() * Math.min(50, 5 * 2 ** attempt));
    }
    try {
      return await work();
    } finally {
      await this.#updater.update<Lock>(lockKey(name), (cur) => (cur?.owner === owner ? undefined : cur)).catch(() => undefined);
    }
  }

  async #changeState(name: string, fn: StateChange): Promise<ModuleState> {
    if (!this.#store.keys && !this.#states.has(name)) {
      try {
        await this.#updater.update<string[]>(INDEX_KEY, (names) => (names?.includes(name) ? names : [...(names ?? []), name]));
      } catch (e) {
        throw storeFailed(name, 'add it to the registry index', e);
      }
    }
    let state: ModuleState;
    try {
      state = (await this.#updater.update<ModuleState>(stateKey(name), (current) => fn(current))) as ModuleState;
    } catch (e) {
      throw storeFailed(name, 'activate the new state', e);
    }
    this.#written(name, state);
    return state;
  }

  async #storeVersion(name: string, version: VersionRecord): Promise<void> {
    // A record left by an install that failed before its pointer was written is not a version
    // of the module: it may be replaced. A listed version never is.
    let listed: boolean;
    try {
      listed = (await this.stored(name))?.versions.includes(version.version) ?? false;
      await this.#updater.update<VersionRecord>(versionKey(name, version.version), (current) => {
        if (!current || (!listed && current.bundleHash !== version.bundleHash)) return version;
        if (current.bundleHash !== version.bundleHash) throw versionConflict(name, version.version);
        return current;
      });
    } catch (e) {
      throw storeFailed(name, `store version ${version.version}`, e);
    }
  }

  /** Rewrites a stored version record (e.g. to add recorded regression cases); never replaces another bundle. */
  async updateVersion(name: string, version: VersionRecord): Promise<void> {
    try {
      await this.#updater.update<VersionRecord>(versionKey(name, version.version), (current) =>
        current && current.bundleHash === version.bundleHash ? version : current,
      );
    } catch (e) {
      throw storeFailed(name, `update version ${version.version}`, e);
    }
  }

  /** Removes a module: first its state (so it is gone at once on every instance), then its versions. */
  remove(name: string): Promise<void> {
    return this.#locked(name, () => this.#remove(name));
  }

  async #remove(name: string): Promise<void> {
    let removed: ModuleState | undefined;
    try {
      await this.#updater.update<ModuleState>(stateKey(name), (current) => {
        removed = current;
        return undefined;
      });
      if (!this.#store.keys) await this.#updater.update<string[]>(INDEX_KEY, (names) => names?.filter((n) => n !== name));
    } catch (e) {
      throw storeFailed(name, 'remove it from the registry', e);
    }
    this.#written(name, undefined);
    if (!removed) return;
    await Promise.all(removed.versions.map((v) => this.#store.delete(versionKey(name, v))));
  }

  /**
   * Deletes a module's state record and the given version records from the store, whether or not
   * it is still in the index: what a resumed uninstall uses to finish an interrupted `remove`.
   */
  purge(name: string, versions: string[]): Promise<void> {
    return this.#locked(name, async () => {
      try {
        await this.#updater.update<ModuleState>(stateKey(name), () => undefined);
        if (!this.#store.keys) await this.#updater.update<string[]>(INDEX_KEY, (names) => names?.filter((n) => n !== name));
        for (const v of versions) await this.#store.delete(versionKey(name, v));
      } catch (e) {
        throw storeFailed(name, 'delete its records', e);
      }
      if (this.#states.has(name)) this.#written(name, undefined);
    });
  }
}
