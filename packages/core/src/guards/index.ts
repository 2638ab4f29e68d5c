/**
 * Guards, the reflex layer: PII detection and reversible redaction, prompt-injection
 * heuristics (with an optional model-assisted check) and a response cache.
 * @module
 */
export { createGuards } from './guards.js';
export type { GuardFinding, GuardResult, Guards, GuardsOptions, InjectionGuardOptions, InspectOptions, PiiGuardOptions } from './guards.js';
export { detectPII, redactPII, toFinding } from './pii.js';
export type { RedactPiiOptions, RedactPiiResult } from './pii.js';
export { PiiVault, placeholderPrefix } from './vault.js';
export { detectInjection } from './injection.js';
export { INJECTION_RULES } from './injection-rules.js';
export type { InjectionRule } from './injection-rules.js';
export { modelCheckInjection } from './model-check.js';
export type { ModelCheckFallback, ModelCheckOptions, ModelCheckResult } from './model-check.js';
export { createResponseCache, normalizeRequest, requestKey, withResponseCache } from './cache.js';
export type { CacheStore, ResponseCache, ResponseCacheOptions } from './cache.js';
export type { CardBrand } from './luhn.js';
export { injectionNotice, spotlight, SPOTLIGHT_INSTRUCTIONS, unspotlight, withSpotlightInstructions } from './spotlight.js';
export type { SpotlightInput, SpotlightMode, SpotlightOptions } from './spotlight.js';
export { GuardError } from './errors.js';
export type { GuardErrorCode } from './errors.js';
export { PII_TYPES } from './types.js';
export type { DetectInjectionOptions, DetectPiiOptions, InjectionResult, InjectionRuleHit, PiiFinding, PiiSpan, PiiType } from './types.js';
export * as guardDefaults from './defaults.js';
