/**
 * `GraftError`: the one base class of every error a Graft package throws. Each package's
 * errors extend it with their own string-literal union of codes (one naming pattern:
 * UPPER_SNAKE, prefixed by area where a package has several). `isGraftError()` recognizes an
 * error from any copy of any Graft package (a duplicated install, a bundled `/testing` entry)
 * by a global brand, so apps can branch on `code` without `instanceof` pitfalls.
 * @module
 */

const BRAND = Symbol.for('@graft/error');

/** What to do with any Graft failure: branch on `code`; show `message` (it says what to do next). */
export class GraftError<Code extends string = string> extends Error {
  /** Stable machine-readable code (`docs/errors.md` lists every code with what to do). */
  readonly code: Code;

  /**
   * @param code stable code of the failure
   * @param message what happened and what to do next (never a secret)
   * @param options the underlying cause, when there is one
   */
  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** Whether `value` is an error thrown by any Graft package (any copy of it), so its `code` can be trusted. */
export function isGraftError(value: unknown): value is GraftError {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true && typeof (value as { code?: unknown }).code === 'string'
  );
}
