/**
 * `@graft/providers/scrub`: the one secret scrubber of Graft, on a lightweight entry (no model
 * client attached), so the sandbox, core and modules share one implementation.
 * @packageDocumentation
 */
export { createScrubber, scrubSecrets, scrubJson, redactBearerTokens } from './scrubber.js';
export type { Scrubber, ScrubberOptions } from './scrubber.js';
export { REDACTED, MIN_SCRUB_CORE_CHARS } from '../limits.js';
