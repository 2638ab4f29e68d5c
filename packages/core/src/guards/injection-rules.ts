/**
 * The weighted prompt-injection rules. Each rule runs on the normalized text (lower-case,
 * NFKC, zero-width characters removed, whitespace collapsed) and only when one of its
 * `triggers` occurs in it (found for all rules at once by one Aho–Corasick pass, see
 * `trigger-index.ts`), and only near those occurrences (see `rule-search.ts`).
 * @module
 */

import { DIRECT_RULES } from './injection-rules-direct.js';
import { HIJACK_RULES } from './injection-rules-hijack.js';
import { PLANTED_RULES } from './injection-rules-planted.js';
import type { InjectionRule } from './injection-rule-type.js';

export type { InjectionRule } from './injection-rule-type.js';

/** All rules: direct attacks, planted/disguised instructions, then hijacks that read like ordinary requests. */
export const INJECTION_RULES: readonly InjectionRule[] = [...DIRECT_RULES, ...PLANTED_RULES, ...HIJACK_RULES];
