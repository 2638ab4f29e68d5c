/**
 * Defaults and limits of module generation, validation and repair (the lifecycle's are in
 * `limits.ts`).
 */

/** How many times an unreadable model reply is sent back to the model before giving up. */
export const MAX_OUTPUT_RETRIES = 2;

/** Maximum number of candidates `generateDrafts` samples at once. */
export const MAX_CANDIDATES = 8;

/** Sampling temperature used when several candidates are requested (diversity matters then). */
export const CANDIDATE_TEMPERATURE = 0.8;

/** Maximum characters of an actual/expected value quoted back to the model in a repair prompt. */
export const MAX_REPAIR_VALUE_CHARS = 2_000;

/** Maximum number of failing cases detailed in one repair prompt. */
export const MAX_REPAIR_CASES = 12;

/** Maximum characters of API docs included in a generation prompt. */
export const MAX_DOCS_CHARS = 60_000;

/** Test cases of one validation are split into at most this many concurrent `runTests` calls. */
export const VALIDATION_CHUNKS = 4;

/** Least time between two `module.progress` events of one streaming generation or repair call. */
export const GENERATION_PROGRESS_INTERVAL_MS = 500;

/** Characters per token when a candidate's prompt is estimated (the providers' estimate uses 4 too). */
export const CANDIDATE_CHARS_PER_TOKEN = 4;

/**
 * Output tokens one candidate is assumed to write (manifest, code and tests, plus one retry's
 * worth of slack) when the candidate budget is checked before sampling.
 */
export const CANDIDATE_OUTPUT_TOKENS_ESTIMATE = 8_000;

/** Most disagreeing inputs detailed in one disagreement repair prompt. */
export const MAX_DISAGREEMENT_INPUTS = 8;
