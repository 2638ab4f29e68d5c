/**
 * The sandbox used by generation/validation tests: the real `@graft/sandbox`.
 * (Falls back to engineer A's temporary in-process stand-in only while the real sandbox does not
 * export `createSandbox` yet; tests that need real limits are skipped then.)
 */
import type { Sandbox } from '@graft/sandbox';
import * as sandboxApi from '@graft/sandbox';

/** True when the real sandbox is available. */
export const REAL_SANDBOX = typeof (sandboxApi as Record<string, unknown>)['createSandbox'] === 'function';

/** Creates the sandbox for a test file. */
export async function makeSandbox(): Promise<Sandbox> {
  if (REAL_SANDBOX) return (sandboxApi as unknown as { createSandbox(): Promise<Sandbox> }).createSandbox();
  const { stubSandbox } = await import('./manager-stub-sandbox.js');
  return stubSandbox();
}
