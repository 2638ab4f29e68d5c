/**
 * The stand-in credential values offline tests run with (fixtures never see real secrets).
 */

/** Value given to a declared credential during offline tests: `graft-test-` + the name in kebab-case. */
export function testSecretValue(name: string): string {
  return `graft-test-${name.toLowerCase().replace(/_/g, '-')}`;
}
