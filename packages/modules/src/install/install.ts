/**
 * The persisting half of `install`: describe the tools, write the version, then the pointer.
 */
import { bundleHash } from '../format/bundle.js';
import { describeTools } from '../approval/digest.js';
import { ModuleError } from '../errors.js';
import type { ManagerRuntime } from '../manager/runtime.js';
import { parseManifest } from '../format/manifest.js';
import type { ModuleState, VersionRecord } from './registry.js';
import type { Approval, ModuleBundle } from '../types.js';

/** A module that reaches hosts or uses credentials becomes `installed` only after a passing live test. */
export function needsLiveTest(manifest: { permissions: { hosts: string[] }; credentials: unknown[] }): boolean {
  return manifest.permissions.hosts.length > 0 || manifest.credentials.length > 0;
}

/**
 * Persists an approved bundle as a new (or the same, identical) version and activates it.
 * The caller has verified the approval.
 * @throws {ManifestError}, {ModuleError} `MODULE_EXPORTS_MISMATCH`, `MODULE_VERSION_CONFLICT`, `MODULE_STORE_FAILED`.
 */
export async function installBundle(
  rt: ManagerRuntime,
  bundle: ModuleBundle,
  approval: Approval,
  options: { validationBypassed?: boolean } = {},
): Promise<ModuleState> {
  const bypassed = options.validationBypassed === true ? ({ validationBypassed: true } as const) : {};
  const manifest = parseManifest(bundle.manifest);
  const name = manifest.name;
  const hash = bundleHash(bundle);
  try {
    // The stored state, not this instance's cached view: another instance may have changed it.
    const prev = await rt.registry.stored(name);
    let version: VersionRecord | undefined;
    let tools = prev?.tools;
    // The version may be listed while its record is gone: an uninstall on another instance
    // removed it a moment ago. Then this is a fresh install of that version, not a conflict.
    const existing = prev?.versions.includes(manifest.version) ? await rt.registry.version(name, manifest.version) : undefined;
    if (existing && existing.bundleHash !== hash)
      throw new ModuleError(
        'MODULE_VERSION_CONFLICT',
        `Module "${name}" already has a different version ${manifest.version}; bump the manifest's version (e.g. to a higher semver) and approve again.`,
        { moduleName: name },
      );
    if (existing) {
      tools = existing.tools;
      // Passed on so the registry writes it back should an uninstall elsewhere have just removed it.
      version = existing;
    } else {
      tools = await describeTools(await rt.sandbox(), bundle, rt.runLimits);
      const now = new Date().toISOString();
      version = { version: manifest.version, bundle, bundleHash: hash, tools, approvedBy: approval.by, approvedAt: approval.at, installedAt: now, ...bypassed };
    }
    // A new module never inherits credentials left behind by an earlier, failed uninstall.
    if (!prev) await rt.vault.delete(name);
    const missing = await rt.vault.missing(
      name,
      manifest.credentials.map((c) => c.name),
    );
    const now = new Date().toISOString();
    const state = await rt.registry.change(
      name,
      (current): ModuleState => ({
        name,
        activeVersion: manifest.version,
        versions: current ? [...new Set([...current.versions, manifest.version])] : [manifest.version],
        status: missing.length
          ? 'awaiting_credentials'
          : needsLiveTest(manifest) && !(current?.status === 'installed' && current.bundleHash === hash)
            ? 'awaiting_live_test'
            : 'installed',
        manifest,
        installedAt: current?.installedAt ?? now,
        updatedAt: now,
        bundleHash: hash,
        tools: tools ?? [],
        // Re-installing the identical bundle keeps its passed live test.
        ...(current?.liveTested === hash ? { liveTested: hash } : {}),
      }),
      version,
    );
    await rt.breakers.reset(name);
    if (missing.length) rt.emit({ type: 'module.awaiting_credentials', name, credentials: missing, ...bypassed });
    else if (state.status === 'awaiting_live_test') rt.emit({ type: 'module.awaiting_live_test', name, version: manifest.version, ...bypassed });
    else rt.emit({ type: 'module.installed', name, version: manifest.version, ...bypassed });
    return state;
  } catch (e) {
    if (e instanceof ModuleError) rt.emit({ type: 'module.failed', name, code: e.code, message: e.message });
    throw e;
  }
}
