/**
 * The state changes of an installed module that are not an install or an uninstall: disable,
 * enable and rollback. Each writes through the registry's atomic `change`, resets or keeps the
 * health breaker, emits its event, and (enable, rollback) replays the recorded regression cases.
 */
import { ModuleError } from '../errors.js';
import { parseManifest } from '../format/manifest.js';
import type { ManagerRuntime } from '../manager/runtime.js';
import { needsLiveTest } from './install.js';
import type { ModuleState } from './registry.js';
import { activeBaseline, checkActiveVersion, checkRegression } from './regression-check.js';

/** Throws `MODULE_NOT_FOUND` for a module that is gone (e.g. uninstalled on another instance). */
export function notInstalled(name: string): never {
  throw new ModuleError(
    'MODULE_NOT_FOUND',
    `No module named "${name}" is installed (it may have been uninstalled on another instance); call list() to see the installed modules.`,
    { moduleName: name },
  );
}

/** Disables a module (its tools disappear from the agent); a no-op when it is already disabled. */
export async function disableModule(rt: ManagerRuntime, state: ModuleState, reason: string): Promise<ModuleState> {
  const { name } = state;
  if (state.status === 'disabled' && (await rt.registry.stored(name))?.status === 'disabled') return state;
  const at = new Date().toISOString();
  const next = await rt.registry.change(name, (cur) =>
    cur ? (cur.status === 'disabled' ? cur : { ...cur, status: 'disabled', disabledReason: reason, updatedAt: at }) : notInstalled(name),
  );
  rt.emit({ type: 'module.disabled', name, reason });
  return next;
}

/**
 * Enables a disabled module: resets its health breaker and returns it to the status its
 * credentials and live test allow (never skipping the live step), then replays its recorded cases.
 */
export async function enableModule(rt: ManagerRuntime, name: string): Promise<ModuleState> {
  await rt.breakers.reset(name);
  const state = (await rt.registry.stored(name)) ?? notInstalled(name);
  if (state.status !== 'disabled') return state;
  const missing = await rt.vault.missing(
    name,
    state.manifest.credentials.map((c) => c.name),
  );
  const at = new Date().toISOString();
  const next = await rt.registry.change(name, (cur) => {
    if (!cur) return notInstalled(name);
    if (cur.status !== 'disabled') return cur;
    const { disabledReason: _r, ...rest } = cur;
    // Enabling never skips the live step: a module reaching hosts needs a passing live test of this bundle.
    const untested = needsLiveTest(cur.manifest) && cur.liveTested !== cur.bundleHash;
    return { ...rest, status: missing.length ? 'awaiting_credentials' : untested ? 'awaiting_live_test' : 'installed', updatedAt: at };
  });
  rt.emit({ type: 'module.enabled', name });
  if (await activeBaseline(rt.registry, name)) await checkActiveVersion(rt, name, state.activeVersion, 'enable').catch(() => undefined);
  if (missing.length) rt.emit({ type: 'module.awaiting_credentials', name, credentials: missing });
  return next;
}

/**
 * Makes an installed version active again, then replays what the replaced version recorded
 * against it (reported by event, not enforced: both versions were approved).
 * @throws {ModuleError} `MODULE_VERSION_NOT_FOUND`.
 */
export async function rollbackModule(rt: ManagerRuntime, state: ModuleState, version: string): Promise<ModuleState> {
  const { name } = state;
  const v = state.versions.includes(version) ? await rt.registry.version(name, version) : undefined;
  if (!v)
    throw new ModuleError('MODULE_VERSION_NOT_FOUND', `Module "${name}" has no version ${version}; installed versions: ${state.versions.join(', ')}.`, {
      moduleName: name,
    });
  const missing = await rt.vault.missing(
    name,
    v.bundle.manifest.credentials.map((c) => c.name),
  );
  const untested = needsLiveTest(v.bundle.manifest) && !v.liveTested;
  const manifest = parseManifest(v.bundle.manifest);
  const at = new Date().toISOString();
  const baseline = await activeBaseline(rt.registry, name);
  const next = await rt.registry.change(name, (cur) => {
    if (!cur?.versions.includes(version)) return notInstalled(name);
    const status = cur.status === 'disabled' ? 'disabled' : missing.length ? 'awaiting_credentials' : untested ? 'awaiting_live_test' : 'installed';
    return {
      ...cur,
      activeVersion: version,
      manifest,
      bundleHash: v.bundleHash,
      tools: v.tools,
      liveTested: v.liveTested ? v.bundleHash : undefined,
      status,
      updatedAt: at,
    };
  });
  await rt.breakers.reset(name);
  rt.emit({ type: 'module.rolled_back', name, version });
  if (baseline) await checkRegression(rt, name, version, v.bundle, baseline, 'rollback').catch(() => undefined);
  return next;
}
