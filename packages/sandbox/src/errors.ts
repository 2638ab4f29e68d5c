/**
 * Typed errors thrown by the sandbox's host API for caller mistakes. Guest behaviour never
 * throws: it ends in a `RunResult` with `ok: false`.
 */
import { GraftError } from '@graft/providers/errors';

/** Stable codes of {@link SandboxUsageError}. */
export type SandboxUsageErrorCode = 'INVALID_INPUT' | 'INVALID_OPTIONS' | 'SANDBOX_DISPOSED' | 'SANDBOX_START_FAILED';

/**
 * Thrown by `sandbox.run` / `runTests` / `createSandbox` when the caller (not the guest) passed
 * something unusable: input that is not JSON or too deep/large, limits out of range, or a
 * sandbox that was already disposed; and by `createSandbox` when its worker threads cannot start
 * (`SANDBOX_START_FAILED`). The message says what to change.
 */
export class SandboxUsageError extends GraftError<SandboxUsageErrorCode> {
  /** @param code what is unusable. @param message what to change. */
  constructor(code: SandboxUsageErrorCode, message: string) {
    super(code, message);
  }
}
