/**
 * The manager's side of regression replay: which recorded exchanges a check replays, on which
 * code, and the event that reports it (see `regression.ts` for the replay itself).
 */
import type { ManagerRuntime } from '../manager/runtime.js';
import type { ModuleRegistry, VersionRecord } from './registry.js';
import { replayRecorded, type RegressionReport } from './regression.js';
import { ModuleError } from '../errors.js';
import type { ModuleBundle, ModuleTestCase } from '../types.js';

/** Why a regression check ran. */
export type RegressionTrigger = 'check' | 'upgrade' | 'rollback' | 'enable';

/** The recorded cases of a module's active version: the baseline a new or older version must reproduce. */
export async function activeBaseline(registry: ModuleRegistry, name: string): Promise<{ version: string; recorded: ModuleTestCase[] } | undefined> {
  const state = registry.state(name);
  if (!state) return undefined;
  const v: VersionRecord | undefined = await registry.version(name, state.activeVersion);
  return v?.recorded?.length ? { version: v.version, recorded: v.recorded } : undefined;
}

/** Replays `recorded` on `bundle` (version `version`) and emits `module.regression_checked`. */
export async function checkRegression(
  rt: Pick<ManagerRuntime, 'sandbox' | 'emit' | 'runLimits' | 'capabilities'>,
  name: string,
  version: string,
  bundle: ModuleBundle,
  baseline: { version: string; recorded: readonly ModuleTestCase[] },
  trigger: RegressionTrigger,
): Promise<RegressionReport> {
  const report = await replayRecorded(await rt.sandbox(), { moduleName: name, version, bundle }, baseline, {
    ...(rt.runLimits ? { limits: rt.runLimits } : {}),
    capabilities: rt.capabilities,
  });
  rt.emit({
    type: 'module.regression_checked',
    name,
    version,
    baselineVersion: baseline.version,
    trigger,
    passed: report.passed,
    total: report.total,
    failed: report.failed,
  });
  return report;
}

/** An upgrade candidate replays the installed version's recordings (nothing when its name is new or nothing was recorded). */
export async function upgradeRegression(rt: ManagerRuntime, bundle: ModuleBundle): Promise<RegressionReport | undefined> {
  const name = typeof bundle.manifest?.name === 'string' ? bundle.manifest.name : undefined;
  const baseline = name ? await activeBaseline(rt.registry, name) : undefined;
  if (!name || !baseline) return undefined;
  return checkRegression(rt, name, String(bundle.manifest.version), bundle, baseline, 'upgrade');
}

/**
 * Replays the active version's own recordings on its code (`checkModule`, and after `enable`).
 * @throws {ModuleError} `MODULE_VERSION_NOT_FOUND` when the active version's record is gone.
 */
export async function checkActiveVersion(rt: ManagerRuntime, name: string, activeVersion: string, trigger: 'check' | 'enable'): Promise<RegressionReport> {
  const version = await rt.registry.version(name, activeVersion);
  if (!version)
    throw new ModuleError('MODULE_VERSION_NOT_FOUND', `Module "${name}" has no stored version ${activeVersion}; reinstall it.`, { moduleName: name });
  return checkRegression(rt, name, version.version, version.bundle, { version: version.version, recorded: version.recorded ?? [] }, trigger);
}
