/**
 * `@graft/sandbox`: run untrusted JavaScript in QuickJS/WASM with hard limits.
 * @packageDocumentation
 */
export type * from './types.js';
export { createSandbox } from './sandbox.js';
export { DEFAULT_LIMITS } from './limits.js';
export { SandboxUsageError, type SandboxUsageErrorCode } from './errors.js';
export { GraftError, isGraftError } from '@graft/providers/errors';
/** The shared secret scrubber, re-exported from `@graft/providers/scrub` (one implementation everywhere). */
export { createScrubber, scrubSecrets, type Scrubber } from '@graft/providers/scrub';
export { matchesExpectation } from './harness/match.js';
export { isNonPublicAddress } from './host/addresses.js';
export { GUEST_GLOBALS, GUEST_GLOBALS_DOC } from './guest/index.js';
