/**
 * `uninstall`, idempotent and resumable: a marker naming the module's versions is written first,
 * then the registry records and the vault's credentials are removed, then the marker. A store
 * failure at any step leaves the marker, and a retry finishes the cleanup (it never answers
 * `MODULE_NOT_FOUND` for a half-removed module). Uninstalling a module that is gone is a no-op.
 */
import { ModuleError } from '../errors.js';
import { REGISTRY_PREFIX } from '../limits.js';
import type { ManagerRuntime } from '../manager/runtime.js';
import type { KeyValueStore } from '../store/kv.js';

interface UninstallMarker {
  versions: string[];
  at: string;
}

const markerKey = (name: string) => `${REGISTRY_PREFIX}uninstalling/${name}`;

function failed(name: string, step: string, cause: unknown): ModuleError {
  if (cause instanceof ModuleError) return cause;
  return new ModuleError(
    'MODULE_STORE_FAILED',
    `Could not ${step} while uninstalling "${name}": the store failed (${cause instanceof Error ? cause.message : String(cause)}). Call uninstall("${name}") again once the store works: it resumes where it stopped.`,
    { moduleName: name, cause },
  );
}

/**
 * Removes a module: every version, its credentials, its tools. Returns whether anything was left
 * to remove.
 * @throws {ModuleError} `MODULE_STORE_FAILED` / {VaultError} `VAULT_STORE_FAILED` (retry to finish).
 */
export async function uninstallModule(rt: ManagerRuntime, store: KeyValueStore, name: string, forget: () => void): Promise<boolean> {
  if (typeof name !== 'string' || name === '')
    throw new ModuleError('MODULE_NOT_FOUND', 'uninstall(name) needs the name of a module; call list() to see them.');
  const state = rt.registry.state(name);
  let marker: UninstallMarker | undefined;
  try {
    marker = (await store.get(markerKey(name))) as UninstallMarker | undefined;
  } catch (e) {
    throw failed(name, 'read the uninstall marker', e);
  }
  if (!state && !marker) return false;
  const versions = [...new Set([...(marker?.versions ?? []), ...(state?.versions ?? [])])];
  try {
    await store.set(markerKey(name), { versions, at: new Date().toISOString() } satisfies UninstallMarker);
  } catch (e) {
    throw failed(name, 'write the uninstall marker', e);
  }
  try {
    if (rt.registry.state(name)) await rt.registry.remove(name);
    await rt.registry.purge(name, versions);
  } catch (e) {
    throw failed(name, 'remove its registry records', e);
  }
  await rt.vault.delete(name);
  await rt.breakers.reset(name);
  forget();
  try {
    await store.delete(markerKey(name));
  } catch (e) {
    throw failed(name, 'delete the uninstall marker', e);
  }
  rt.emit({ type: 'module.uninstalled', name });
  return true;
}
