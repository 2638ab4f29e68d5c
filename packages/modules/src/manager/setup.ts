/** What a `ModuleManager` opens when it starts: the registry load, and its sandbox on first use. */
import { createSandbox, type Sandbox } from '@graft/sandbox';
import { ModuleError } from '../errors.js';
import type { ModuleRegistry } from '../install/registry.js';
import type { ModuleManagerOptions } from './options.js';

/**
 * Loads the registry; the promise rejects with `MODULE_STORE_FAILED` (and is marked handled, so
 * a manager nobody awaits does not crash the process).
 */
export function loadRegistry(registry: ModuleRegistry): Promise<void> {
  const ready = registry.load().catch((cause: unknown) => {
    throw new ModuleError(
      'MODULE_STORE_FAILED',
      `Could not load the module registry from the store (${cause instanceof Error ? cause.message : String(cause)}). Check the store (path, permissions, connection) and create the ModuleManager again.`,
      { cause },
    );
  });
  ready.catch(() => undefined);
  return ready;
}

/** The manager's sandbox, and whether the manager created it (then it closes it too). */
export interface ManagerSandbox {
  /** The sandbox, wrapped by telemetry when the manager has it. */
  sandbox: Promise<Sandbox>;
  /** True when no sandbox was passed in options: the manager created it and closes it. */
  owned: boolean;
}

/** Opens the sandbox of `options` (a sandbox, a factory, or a new one). */
export function openSandbox(options: Pick<ModuleManagerOptions, 'sandbox' | 'telemetry'>): ManagerSandbox {
  const s = options.sandbox;
  const telemetry = options.telemetry;
  const sandbox = Promise.resolve(s === undefined ? createSandbox() : typeof s === 'function' ? s() : s).then((sb) => (telemetry ? telemetry.sandbox(sb) : sb));
  return { sandbox, owned: s === undefined };
}
