/**
 * Per injection rule, how far before the end of one of its triggers a match can start: the
 * width of the windows the trigger scan opens for it, instead of the shared
 * `RULE_LOOKBACK_CHARS` (`override.ignore-above` starts at most 9 units before the end of
 * `disregard`: 10 starts to try, not 161).
 *
 * Distances are in units of the trigger scan's view of the text: a character, or a whole run
 * of whitespace (the scan folds a run into one space). Where no run falls in the last
 * `reach` characters before a trigger's end, units are characters.
 *
 * Worked out from each pattern's structure by `test/guards/rule-reach-analysis.ts` (a sound
 * bound: the analysis never guesses), and `test/guards/rule-reach.test.ts` fails, printing
 * the table to paste, when a rule changes and this table no longer equals the analysis. A
 * rule not listed keeps the shared lookback.
 * @module
 */

/** Reach per rule id, in scan units (rules whose bound is the shared lookback are not listed). */
export const RULE_REACH: Readonly<Record<string, number>> = {
  'override.ignore-previous': 13,
  'override.ignore-above': 9,
  'override.forget-everything': 6,
  'override.new-instructions': 27,
  'override.multilingual-all': 18,
  'override.multilingual': 46,
  'role.you-are-now': 17,
  'role.from-now-on': 33,
  'role.act-now': 16,
  'role.persistent': 16,
  'role.dan': 21,
  'role.mode-enabled': 37,
  'role.unrestricted-persona': 78,
  'role.stay-in-character': 19,
  'role.freed-ai': 27,
  'role.named-persona': 105,
  'role.safety-off': 30,
  'role.authority-claim': 26,
  'exfiltration.repeat-above': 41,
  'exfiltration.secrets': 56,
  'exfiltration.told-secret': 45,
  'exfiltration.verbatim': 13,
  'exfiltration.access-probe': 19,
  'indirect.permission-claim': 39,
  'fake-tag.chat-template': 15,
  'fake-tag.tool-envelope': 13,
  'fake-tag.system-header': 9,
  'fake-tag.bracket-system': 10,
  'fake-tag.transcript': 6,
  'fake-tag.treat-as-system': 5,
  'fake-tag.role-line': 10,
  'tool-coercion.send-data': 9,
  'tool-coercion.send-to-url': 84,
  'tool-coercion.insert-link': 80,
  'tool-coercion.markdown-image': 2,
  'tool-coercion.render-exfil': 55,
  'tool-coercion.covert': 22,
  'tool-coercion.no-confirm': 41,
  'indirect.addresses-ai': 46,
  'indirect.note-to-ai': 22,
  'indirect.phishing': 22,
  'indirect.greets-ai': 26,
  'indirect.must-obey': 19,
  'encoded.decode-and-follow': 11,
  'hidden.html-comment': 4,
  'hidden.css-hidden': 10,
  'indirect.steer-output': 105,
  'indirect.overrule-user': 14,
  'indirect.task-hijack': 18,
  'indirect.before-answering': 15,
  'indirect.on-behalf': 45,
  'indirect.vocative-command': 16,
  'indirect.assistant-must': 13,
  'indirect.tell-user': 22,
  'override.say-phrase': 86,
  'override.ignore-rest': 9,
  'override.void-prior': 13,
  'override.forget-bare': 18,
  'exfiltration.transform-prompt': 70,
  'exfiltration.context-top': 67,
  'role.named-ai-persona': 13,
  'role.rule-breaker': 41,
  'role.deceased-relative': 57,
  'role.dual-persona': 14,
};
