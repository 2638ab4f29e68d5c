/** Storing a module's credentials: only the names its manifest declares, encrypted in the vault. */
import { ModuleError } from '../errors.js';
import type { ModuleState } from '../install/registry.js';
import type { CredentialVault } from './vault.js';

/**
 * Stores `values` for the module in `vault` and reports which declared credentials are still missing.
 * @throws {ModuleError} `MODULE_CREDENTIAL_UNKNOWN` for a name the manifest does not declare (nothing is stored then).
 */
export async function setModuleCredentials(vault: CredentialVault, state: ModuleState, values: Record<string, string>): Promise<{ missing: string[] }> {
  const { name } = state;
  const declared = state.manifest.credentials.map((c) => c.name);
  const unknown = Object.keys(values ?? {}).filter((k) => !declared.includes(k));
  if (unknown.length)
    throw new ModuleError(
      'MODULE_CREDENTIAL_UNKNOWN',
      `Module "${name}" does not declare ${unknown.join(', ')}; it needs ${declared.join(', ') || 'no credentials'}.`,
      {
        moduleName: name,
      },
    );
  await vault.set(name, values);
  return { missing: await vault.missing(name, declared) };
}
