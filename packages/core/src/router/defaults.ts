/**
 * Defaults and limits of the tier router, in one place.
 */

/** Default category → tier map (heavy for code, module building and long context). */
export const DEFAULT_CATEGORY_TIERS: Readonly<Record<string, string>> = Object.freeze({
  coding: 'heavy',
  module_generation: 'heavy',
  long_context: 'heavy',
  chat: 'standard',
  extraction: 'standard',
  classification: 'standard',
  summarization: 'standard',
});

/** The built-in categories, in the order the classifier is told about them. */
export const BUILTIN_CATEGORIES = Object.freeze([
  'coding',
  'module_generation',
  'chat',
  'extraction',
  'classification',
  'summarization',
  'long_context',
] as const);

/** Category of requests no rule matched. */
export const FALLBACK_CATEGORY = 'chat';

/** Preferred tier order when those tiers exist. */
export const PREFERRED_TIER_ORDER = Object.freeze(['standard', 'heavy']);

/** Total message characters above which a request is `long_context`. */
export const LONG_CONTEXT_CHARS = 48_000;

/** With at least this many tools a request moves one tier up. */
export const MANY_TOOLS_THRESHOLD = 24;

/** Rule confidence below which the model classifier (when configured) is asked. */
export const CLASSIFIER_THRESHOLD = 0.6;

/** Confidence of a user rule that sets none. */
export const USER_RULE_CONFIDENCE = 0.9;

/** Confidence of the fallback category when no rule matched. */
export const FALLBACK_CONFIDENCE = 0.4;

/** Confidence given to a category the model classifier picked. */
export const MODEL_CLASSIFIER_CONFIDENCE = 0.8;

/** Characters of the user's message the model classifier sees (the rest is cut). */
export const CLASSIFIER_MAX_INPUT_CHARS = 4_000;

/** Output tokens the model classifier may spend. */
export const CLASSIFIER_MAX_TOKENS = 64;
