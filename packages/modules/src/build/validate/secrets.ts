/**
 * The stand-in credential values offline tests run with (fixtures never see real secrets).
 */

/** Value given to a declared credential during offline tests: `graft-test-` + the name in kebab-case. */
export function testSecretValue(name: string): string {
  return `graft-test-${name.toLowerCase().replace(/_/g, '-')}`;
}

/** The hosts a manifest allows (`permissions.hosts`), or none when it declares no valid list. */
export function declaredHosts(manifest: unknown): string[] {
  const hosts = (manifest as { permissions?: { hosts?: unknown } } | null)?.permissions?.hosts;
  return Array.isArray(hosts) ? hosts.filter((h): h is string => typeof h === 'string') : [];
}

/** Every credential a manifest declares, with its stand-in test value ({@link testSecretValue}). */
export function declaredTestSecrets(manifest: unknown): Record<string, string> {
  const creds = (manifest as { credentials?: unknown } | null)?.credentials;
  const out: Record<string, string> = {};
  if (!Array.isArray(creds)) return out;
  for (const c of creds) {
    const name = (c as { name?: unknown })?.name;
    if (typeof name === 'string') out[name] = testSecretValue(name);
  }
  return out;
}
