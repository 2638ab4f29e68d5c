/** A kind of personal or secret data the PII detector knows. */
export type PiiType = 'email' | 'phone' | 'credit_card' | 'ssn' | 'iban' | 'api_key' | 'ip_address';

/** Every {@link PiiType}, in detection-priority order. */
export const PII_TYPES: readonly PiiType[] = ['api_key', 'email', 'iban', 'credit_card', 'ssn', 'ip_address', 'phone'];

/** One detected PII value in a text. Offsets are UTF-16 indices: `text.slice(start, end) === value`. */
export interface PiiSpan {
  /** What was found. */
  type: PiiType;
  /** Sub-kind, e.g. `openai`, `aws`, `jwt`, `bearer` for keys, `v4`/`v6` for IPs, `visa` for cards. */
  kind?: string;
  /** Start offset (inclusive). */
  start: number;
  /** End offset (exclusive). */
  end: number;
  /** The matched text. Never put this in logs, events or errors. */
  value: string;
}

/** A PII span as it may be reported in findings and events: no raw value. */
export interface PiiFinding {
  /** What was found. */
  type: PiiType;
  /** Sub-kind when known, e.g. `openai` or `jwt` for keys, `v4`/`v6` for IPs, `visa` for cards. */
  kind?: string;
  /** Start offset in the inspected (original) text, inclusive. */
  start: number;
  /** End offset in the inspected (original) text, exclusive. */
  end: number;
  /** The placeholder that replaced the value, when redacted. */
  placeholder?: string;
}

/** Options of {@link detectPII}. */
export interface DetectPiiOptions {
  /** Types to look for (default: all of {@link PII_TYPES}). */
  types?: readonly PiiType[];
}

/** One injection rule that fired. */
export interface InjectionRuleHit {
  /** Stable rule id, e.g. `override.ignore-previous`. */
  id: string;
  /** Rule family, e.g. `override`, `role`, `exfiltration`, `fake-tag`, `tool-coercion`, `encoded`, `hidden`. */
  category: string;
  /** Weight the rule contributed (after context adjustments). */
  weight: number;
}

/** Result of {@link detectInjection}. */
export interface InjectionResult {
  /** True when `score >= threshold`. */
  flagged: boolean;
  /** Combined score in [0, 1] (noisy-OR of rule weights). */
  score: number;
  /** Rules that fired, strongest first. */
  rules: InjectionRuleHit[];
}

/** Options of {@link detectInjection}. */
export interface DetectInjectionOptions {
  /** Flag at or above this score (default `DEFAULT_INJECTION_THRESHOLD`, 0.5). */
  threshold?: number;
  /** Rule ids to disable. */
  disabledRules?: readonly string[];
  /**
   * Where the text comes from (default `'untrusted'`, every rule runs). `'user'` skips the
   * rules for instructions a user may rightly give ("answer in Spanish", "Assistant,
   * summarize this") but a tool result or document may not.
   */
  origin?: 'user' | 'untrusted';
}
