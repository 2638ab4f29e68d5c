/**
 * The module registry on a key-value store: every installed version is kept, and one state
 * record per module points at the active version. Writes are ordered so that a failure at any
 * step leaves the previous version active: version record first, then the index, then the
 * pointer. The in-memory view changes only after the store accepted the write.
 */
import { ModuleError } from './errors.js';
import { REGISTRY_PREFIX } from './limits.js';
import type { KeyValueStore } from './registry-store.js';
import type { ModuleBundle, ModuleRecord, ModuleTestCase } from './types.js';

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
const stateKey = (name: string) => `${REGISTRY_PREFIX}state/${name}`;
const versionKey = (name: string, version: string) => `${REGISTRY_PREFIX}version/${name}/${version}`;

function storeFailed(name: string, step: string, cause: unknown): ModuleError {
  return new ModuleError(
    'MODULE_STORE_FAILED',
    `Could not ${step} for module "${name}": the store refused the write (${cause instanceof Error ? cause.message : String(cause)}). Nothing changed: the previous version stays active. Check the store and retry.`,
    { moduleName: name, cause },
  );
}

/** Installed modules and their versions, persisted in a `KeyValueStore`. */
export class ModuleRegistry {
  readonly #store: KeyValueStore & { getMany?: (keys: string[]) => Promise<unknown[]> };
  readonly #states = new Map<string, ModuleState>();
  readonly #listeners = new Set<() => void>();
  #queue: Promise<unknown> = Promise.resolve();
  #revision = 0;

  constructor(store: KeyValueStore) {
    this.#store = store;
  }

  /** Increments on every change of the in-memory view. */
  get revision(): number {
    return this.#revision;
  }

  /** Loads the index and every module's state record from the store. */
  async load(): Promise<void> {
    const names = ((await this.#store.get(INDEX_KEY)) as string[] | undefined) ?? [];
    const keys = names.map(stateKey);
    const states = (typeof this.#store.getMany === 'function'
      ? await this.#store.getMany(keys)
      : await Promise.all(keys.map((k) => this.#store.get(k)))) as Array<ModuleState | undefined>;
    this.#states.clear();
    for (const s of states) if (s) this.#states.set(s.name, s);
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

  /** Runs registry writes one at a time. */
  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(fn, fn);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** Every module's state, in install order. */
  states(): ModuleState[] {
    return [...this.#states.values()];
  }

  /** One module's state. */
  state(name: string): ModuleState | undefined {
    return this.#states.get(name);
  }

  /** Reads a stored version. */
  async version(name: string, version: string): Promise<VersionRecord | undefined> {
    return (await this.#store.get(versionKey(name, version))) as VersionRecord | undefined;
  }

  /**
   * Stores `version` (when given) and then points the module at `state`. On any failure the
   * previous state stays in the store and in memory.
   */
  commit(state: ModuleState, version?: VersionRecord): Promise<void> {
    return this.#serial(async () => {
      const name = state.name;
      if (version) {
        try {
          await this.#store.set(versionKey(name, version.version), version);
        } catch (e) {
          throw storeFailed(name, `store version ${version.version}`, e);
        }
      }
      if (!this.#states.has(name)) {
        try {
          await this.#store.set(INDEX_KEY, [...this.#states.keys(), name]);
        } catch (e) {
          throw storeFailed(name, 'add it to the registry index', e);
        }
      }
      try {
        await this.#store.set(stateKey(name), state);
      } catch (e) {
        throw storeFailed(name, 'activate the new state', e);
      }
      this.#states.set(name, state);
      this.#changed();
    });
  }

  /** Rewrites a stored version record (e.g. to add recorded regression cases). */
  updateVersion(name: string, version: VersionRecord): Promise<void> {
    return this.#serial(async () => {
      try {
        await this.#store.set(versionKey(name, version.version), version);
      } catch (e) {
        throw storeFailed(name, `update version ${version.version}`, e);
      }
    });
  }

  /** Removes a module: first from the index (so it is gone at once), then its records. */
  remove(name: string): Promise<void> {
    return this.#serial(async () => {
      const state = this.#states.get(name);
      if (!state) return;
      try {
        await this.#store.set(INDEX_KEY, [...this.#states.keys()].filter((n) => n !== name));
      } catch (e) {
        throw storeFailed(name, 'remove it from the registry index', e);
      }
      this.#states.delete(name);
      this.#changed();
      await this.#store.delete(stateKey(name));
      await Promise.all(state.versions.map((v) => this.#store.delete(versionKey(name, v))));
    });
  }

  /**
   * Deletes a module's state record and the given version records from the store, whether or not
   * it is still in the index: what a resumed uninstall uses to finish an interrupted `remove`.
   */
  purge(name: string, versions: string[]): Promise<void> {
    return this.#serial(async () => {
      if (this.#states.has(name)) {
        this.#states.delete(name);
        this.#changed();
      }
      try {
        await this.#store.delete(stateKey(name));
        for (const v of versions) await this.#store.delete(versionKey(name, v));
      } catch (e) {
        throw storeFailed(name, 'delete its records', e);
      }
    });
  }
}
