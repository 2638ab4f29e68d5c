/**
 * What picks a rule's search strategy (see `rule-search.ts`): per rule, how many times slower
 * trying starts with the sticky lazy-prefix pattern is than the plain pattern's forward
 * search, per character. Patterns differ a lot: a forward search for `<!--` skips text almost
 * for free, one for `\b(?:new|real|true|…)\s+…` stops at most words; the sticky form costs
 * about the same per start for all of them.
 *
 * Measured by `test/guards/rule-search-calibration.ts` on the development texts (never the
 * held-out ones); the strategy never changes a match, only its cost (`test/guards/rule-windows.test.ts`
 * checks that both strategies agree).
 * @module
 */

/** The ratio for a rule with too few measurements in the calibration. */
export const DEFAULT_STICKY_COST_RATIO = 2;

/**
 * The fixed cost of searching one window with the sticky pattern (setting up the exec),
 * counted as that many more starts tried. Many small windows (a trigger on every line of a
 * repetitive text) favour the forward search; a few narrow ones the sticky search.
 */
export const STICKY_WINDOW_COST = 20;

/** Sticky cost per start over forward cost per character, per rule id (others: {@link DEFAULT_STICKY_COST_RATIO}). */
export const STICKY_COST_RATIOS: Readonly<Record<string, number>> = {
  'override.ignore-previous': 3.6,
  'override.ignore-above': 2.1,
  'override.forget-everything': 2.0,
  'override.new-instructions': 1.6,
  'override.prior-context': 1.8,
  'override.multilingual': 1.9,
  'role.from-now-on': 4.9,
  'role.act-now': 8.5,
  'role.persistent': 5.1,
  'role.dan': 1.0,
  'role.mode-enabled': 1.1,
  'role.unrestricted-persona': 2.4,
  'role.no-restrictions': 2.4,
  'role.never-refuse': 1.8,
  'role.freed-ai': 4.7,
  'role.named-persona': 2.6,
  'role.safety-off': 1.7,
  'role.authority-claim': 2.2,
  'exfiltration.system-prompt': 2.1,
  'exfiltration.repeat-above': 1.7,
  'exfiltration.secrets': 1.9,
  'exfiltration.told-secret': 6.8,
  'exfiltration.access-probe': 2.0,
  'indirect.permission-claim': 2.3,
  'fake-tag.tool-envelope': 3.1,
  'fake-tag.system-header': 1.8,
  'fake-tag.bracket-system': 3.2,
  'fake-tag.transcript': 2.0,
  'fake-tag.role-line': 2.7,
  'tool-coercion.send-data': 2.4,
  'tool-coercion.send-to-url': 1.9,
  'tool-coercion.insert-link': 3.0,
  'tool-coercion.call-tool': 2.4,
  'tool-coercion.render-exfil': 1.8,
  'tool-coercion.covert': 1.2,
  'tool-coercion.no-confirm': 3.1,
  'indirect.addresses-ai': 1.5,
  'indirect.note-to-ai': 3.9,
  'indirect.phishing': 1.3,
  'indirect.greets-ai': 2.5,
  'indirect.instead': 4.0,
  'indirect.must-obey': 2.2,
  'encoded.decode-and-follow': 6.0,
  'hidden.html-comment': 45.4,
  'indirect.steer-output': 1.6,
  'indirect.overrule-user': 1.7,
  'indirect.task-hijack': 1.3,
  'indirect.before-answering': 2.4,
  'indirect.vocative-command': 1.8,
  'indirect.assistant-must': 4.5,
  'indirect.tell-user': 1.7,
  'override.say-phrase': 2.7,
  'fake-tag.delimiter-break': 2.6,
  'override.ignore-rest': 3.7,
  'override.void-prior': 1.2,
  'override.forget-bare': 2.5,
  'exfiltration.transform-prompt': 2.1,
  'exfiltration.context-top': 2.1,
  'role.named-ai-persona': 1.8,
  'role.rule-breaker': 1.9,
  'role.deceased-relative': 4.4,
  'role.dual-persona': 3.1,
};
