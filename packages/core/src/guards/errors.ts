import { GraftError } from '@graft/providers';

/** Stable codes of {@link GuardError}. */
export type GuardErrorCode = 'GUARD_INJECTION_BLOCKED' | 'GUARD_INVALID_OPTIONS' | 'GUARD_UNKNOWN_PLACEHOLDER';

/**
 * A failure raised by the guards. `code` is stable; `message` says what to do next.
 * It never contains raw PII values or the inspected text.
 */
export class GuardError extends GraftError<GuardErrorCode> {
  /** Injection rule ids that fired, when `code` is `GUARD_INJECTION_BLOCKED`. */
  readonly rules: string[];

  /**
   * @param code stable code
   * @param message human-readable message saying what to do next
   * @param rules rule ids involved (never text)
   */
  constructor(code: GuardErrorCode, message: string, rules: string[] = []) {
    super(code, message);
    this.name = 'GuardError';
    this.rules = rules;
  }
}
