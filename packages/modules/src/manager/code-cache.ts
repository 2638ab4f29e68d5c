/**
 * The active version's code of each module, cached by bundle hash so a tool call does not read
 * the version record from the store every time; an install, rollback or uninstall of a module
 * drops its entry.
 */
import { ModuleError } from '../errors.js';
import type { ModuleRegistry, ModuleState } from '../install/registry.js';

/** The code cache a `ModuleManager` keeps. */
export class ActiveCodeCache {
  readonly #code = new Map<string, string>();
  readonly #registry: ModuleRegistry;

  /** @param registry where the versions' code is read from */
  constructor(registry: ModuleRegistry) {
    this.#registry = registry;
  }

  /**
   * The code of the module's active version.
   * @throws {ModuleError} `MODULE_VERSION_NOT_FOUND` when that version is missing from the store.
   */
  async of(state: ModuleState): Promise<string> {
    const key = `${state.name}@${state.bundleHash}`;
    const cached = this.#code.get(key);
    if (cached !== undefined) return cached;
    const v = await this.#registry.version(state.name, state.activeVersion);
    if (!v)
      throw new ModuleError(
        'MODULE_VERSION_NOT_FOUND',
        `The active version ${state.activeVersion} of module "${state.name}" is missing from the store; roll back to another version or reinstall.`,
        { moduleName: state.name },
      );
    this.forget(state.name);
    this.#code.set(key, v.bundle.code);
    return v.bundle.code;
  }

  /** Drops every cached version of `name`. */
  forget(name: string): void {
    for (const k of this.#code.keys()) if (k.startsWith(`${name}@`)) this.#code.delete(k);
  }
}
