/**
 * Where an injection rule matches, searched only around its triggers. The trigger scan gives
 * each rule windows of possible match starts (`[from, to]` pairs, see `trigger-index.ts`); a
 * match is the leftmost start inside a window at which the rule's pattern matches, and the
 * rest of the text is never searched from. Two equivalent strategies, picked per rule by
 * how much of the text its windows cover:
 *
 * - few, narrow windows: a sticky pattern with a lazy prefix tries the starts of one window
 *   (at most the rule's reach + 1 per exec, see `rule-reach.ts`) and no others;
 * - windows covering much of the text: the plain pattern searched forward from the first
 *   window (the engine skips non-matching text faster than the sticky form tries starts: how
 *   much faster depends on the pattern, see `rule-search-costs.ts`), resuming at the next
 *   window when a match starts between windows.
 *
 * @module
 */
import { RULE_LOOKBACK_CHARS } from '../defaults.js';
import { INJECTION_RULES } from './injection-rules.js';
import { RULE_REACH } from './rule-reach.js';
import { DEFAULT_STICKY_COST_RATIO, STICKY_COST_RATIOS, STICKY_WINDOW_COST } from './rule-search-costs.js';

/** Per rule, sticky cost per start over forward cost per character (see `rule-search-costs.ts`). */
const STICKY_COST = Float64Array.from(INJECTION_RULES, (r) => STICKY_COST_RATIOS[r.id] ?? DEFAULT_STICKY_COST_RATIO);

/**
 * Per rule, how many starts one sticky exec tries: its reach (see `rule-reach.ts`), at most
 * {@link RULE_LOOKBACK_CHARS}, plus one. Narrow windows are mostly one exec; a wider one
 * (whitespace runs, or the shared lookback) takes a few.
 */
const STEPS = INJECTION_RULES.map((r) => Math.min(RULE_LOOKBACK_CHARS, RULE_REACH[r.id] ?? RULE_LOOKBACK_CHARS) + 1);

/**
 * Sticky copies of the rule patterns trying every start in `[lastIndex, lastIndex + STEPS[i]
 * - 1]` and no further: the lazy prefix (group 1) grows one character at a time, so the
 * first match is the leftmost in that range, the one a forward search finds.
 */
const WINDOW_SEARCHERS = INJECTION_RULES.map((r, i) => new RegExp(`([\\s\\S]{0,${STEPS[i]! - 1}}?)(?:${r.re.source})`, r.re.flags.replace(/[gy]/g, '') + 'y'));
/** Global copies of the rule patterns, for the forward search. */
const FORWARD_SEARCHERS = INJECTION_RULES.map((r) => new RegExp(r.re.source, r.re.flags.replace(/[gy]/g, '') + 'g'));

/** Sticky strategy: each window's starts, a window at a time. */
function searchSticky(i: number, text: string, windows: readonly number[]): [number, number] | undefined {
  const re = WINDOW_SEARCHERS[i]!;
  const step = STEPS[i]!;
  for (let w = 0; w < windows.length; w += 2) {
    const to = windows[w + 1]!;
    for (let from = windows[w]!; from <= to; from += step) {
      re.lastIndex = from;
      const m = re.exec(text);
      if (m === null) continue;
      const start = m.index + m[1]!.length;
      // A start past `to` means none in [from, to].
      if (start > to) continue;
      return [start, m.index + m[0].length];
    }
  }
  return undefined;
}

/** Forward strategy: search on from a window start; a match starting between windows resumes the search at the next window. */
function searchForward(i: number, text: string, windows: readonly number[]): [number, number] | undefined {
  const re = FORWARD_SEARCHERS[i]!;
  let w = 0;
  re.lastIndex = windows[0]!;
  for (;;) {
    const m = re.exec(text);
    if (m === null) return undefined;
    const start = m.index;
    while (w < windows.length && windows[w + 1]! < start) w += 2;
    if (w >= windows.length) return undefined;
    if (windows[w]! <= start) return [start, start + m[0].length];
    re.lastIndex = windows[w]!;
  }
}

/**
 * The first match of rule `i` of {@link INJECTION_RULES} starting inside one of `windows`
 * (flat inclusive `[from, to]` pairs, sorted and disjoint), as `[start, end]`, or `undefined`.
 * @param i rule index
 * @param text the normalized text the windows refer to
 * @param windows where a match may start
 * @param strategy `'auto'` picks the cheaper one (the others exist for tests: all give the same match)
 * @internal
 */
export function findRuleMatch(
  i: number,
  text: string,
  windows: readonly number[],
  strategy: 'auto' | 'sticky' | 'forward' = 'auto',
): [number, number] | undefined {
  if (strategy === 'auto') {
    let sticky = 0;
    for (let w = 0; w < windows.length; w += 2) sticky += windows[w + 1]! - windows[w]! + 1 + STICKY_WINDOW_COST;
    strategy = sticky * STICKY_COST[i]! < text.length - windows[0]! ? 'sticky' : 'forward';
  }
  return strategy === 'sticky' ? searchSticky(i, text, windows) : searchForward(i, text, windows);
}
