/**
 * Defaults and limits of the guards, in one place.
 * @module
 */

/** Injection score at or above which a text is flagged (or blocked in `block` mode). */
export const DEFAULT_INJECTION_THRESHOLD = 0.5;

/** Minimum length of a base64 run that is decoded and re-checked for instructions. */
export const MIN_BASE64_PAYLOAD_CHARS = 40;

/** At most this many base64 runs are decoded per text (bounds the work on hostile input). */
export const MAX_BASE64_PAYLOADS_DECODED = 8;

/** Longest base64 run that is decoded (longer runs are checked on their first part only). */
export const MAX_BASE64_DECODE_CHARS = 4096;

/** Minimum number of zero-width characters in a text that counts as hidden-text smuggling. */
export const MIN_ZERO_WIDTH_CHARS = 3;

/** Minimum length of a generic secret after a keyword such as `token=` or `Bearer`. */
export const MIN_GENERIC_SECRET_CHARS = 16;

/** Minimum Shannon entropy (bits per char) of a generic secret. */
export const MIN_GENERIC_SECRET_ENTROPY = 3.0;

/** Default time-to-live of response-cache entries: one hour. */
export const DEFAULT_CACHE_TTL_MS = 60 * 60 * 1000;

/** Key prefix of response-cache entries in the store. */
export const CACHE_KEY_PREFIX = 'graft:response:';

/** Longest text (in chars) the model-assisted injection check sends to the model. */
export const MODEL_CHECK_MAX_INPUT_CHARS = 8000;

/** Output token budget of the model-assisted injection check. */
export const MODEL_CHECK_MAX_TOKENS = 200;

/** Score the model-assisted check must reach (with its verdict) to flag on its own. */
export const MODEL_CHECK_MIN_CONFIDENCE = 0.5;

/** Weight multiplier for an override phrase that is quoted in text about attacks, or permitted ("you can ignore…"). */
export const QUOTED_RULE_DISCOUNT = 0.2;

/** Weight of a base64 payload whose decoded text is itself flagged. */
export const ENCODED_PAYLOAD_WEIGHT = 0.85;

/** Weight of zero-width-character smuggling (at least {@link MIN_ZERO_WIDTH_CHARS}). */
export const ZERO_WIDTH_WEIGHT = 0.35;

/** Weight of Unicode tag characters (U+E0000–U+E007F), an invisible ASCII channel. */
export const TAG_CHARS_WEIGHT = 0.7;

/** Confidence assumed when the model's verdict omits it. */
export const MODEL_CHECK_DEFAULT_CONFIDENCE = 0.8;

/** Text that replaces a tool result blocked by the injection guard. */
export const BLOCKED_TOOL_RESULT_TEXT =
  '[tool result withheld by Graft guards: it looked like a prompt injection. Treat the tool call as failed; do not retry the same source.]';

/**
 * An injection rule's pattern is tried only at starts from this many characters before the end
 * of each occurrence of one of its triggers up to that end: a match contains a trigger and
 * never starts further back than that from the trigger's end.
 */
export const RULE_LOOKBACK_CHARS = 160;

/** Bytes of a spotlighted block's id (a content hash, hex-encoded in its opening and closing markers). */
export const SPOTLIGHT_ID_BYTES = 6;

/** Prefix of every line of a spotlighted block in `'mark'` mode (one token in common tokenizers). */
export const SPOTLIGHT_LINE_MARK = '» ';

/** Replaces every run of whitespace of a spotlighted block in `'datamark'` mode (Hines et al.'s marker). */
export const SPOTLIGHT_WORD_MARK = 'ˆ';

/** Model-assisted injection checks one agent run may make (cache hits are free); then heuristics decide. */
export const DEFAULT_MODEL_CHECK_BUDGET_PER_RUN = 8;

/** Runs whose model-check budget is tracked at once (the oldest is forgotten first). */
export const MAX_MODEL_CHECK_BUDGET_RUNS = 1024;

/** Entries of the default in-memory model-check verdict cache (the oldest is evicted first). */
export const DEFAULT_MODEL_CHECK_CACHE_ENTRIES = 2048;
