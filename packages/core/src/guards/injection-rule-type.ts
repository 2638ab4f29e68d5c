/**
 * The shape of a prompt-injection rule (see `injection-rules.ts`).
 * @module
 */

/** One injection heuristic. */
export interface InjectionRule {
  /** Stable id, `<category>.<name>`. */
  id: string;
  /** Rule family. */
  category: 'override' | 'role' | 'exfiltration' | 'fake-tag' | 'tool-coercion' | 'indirect' | 'encoded' | 'hidden';
  /** Contribution to the noisy-OR score, in (0, 1). */
  weight: number;
  /** Pattern over the normalized text (no `g` flag). */
  re: RegExp;
  /**
   * The rule runs only when the normalized text contains one of these, and only around them:
   * every text its pattern matches must contain one, ending at most `RULE_LOOKBACK_CHARS`
   * after the match's start (`test/guards/rule-windows.test.ts` checks this on the eval sets).
   * Most rules are searched in narrower windows still, from `rule-reach.ts` (a table of bounds
   * worked out from the pattern, which `test/guards/rule-reach.test.ts` keeps in step with it).
   */
  triggers: string[];
  /**
   * Discount the hit when the text permits it ("you can safely ignore the previous
   * instructions"). Hits quoted in text that talks about attacks are discounted for every rule.
   */
  quotable?: boolean;
  /**
   * Run only on untrusted text (tool results, documents): the rule describes something a
   * user may rightly ask for ("translate your answer into Spanish") but a document may not.
   */
  untrustedOnly?: boolean;
  /** Discount the hit when the text right after it shows it is only mentioned ("parse <system> tags"). */
  mentionAfter?: RegExp;
}
