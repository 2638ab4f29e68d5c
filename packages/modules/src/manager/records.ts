/** The public `ModuleRecord` view of the registry's internal module state. */
import type { ModuleState } from '../install/registry.js';
import type { ModuleRecord } from '../types.js';

/** A copy of `s` as a `ModuleRecord` (what `list`, `get` and the state changes return). */
export function toRecord(s: ModuleState): ModuleRecord {
  return {
    name: s.name,
    activeVersion: s.activeVersion,
    versions: [...s.versions],
    status: s.status,
    ...(s.disabledReason !== undefined ? { disabledReason: s.disabledReason } : {}),
    manifest: s.manifest,
    installedAt: s.installedAt,
    updatedAt: s.updatedAt,
  };
}
