/**
 * Time orientation ("tense") of tools and requests. Sibling operations of one domain share
 * nearly all their words and differ in when they look: a forecast (the future), current
 * conditions or a live quote (the present), history (the past). A tool's tense is read from the
 * time words of its own name and description (`forecast`, `upcoming`, `current`, `historical`,
 * `recent`), a request's from English time words ("tomorrow", "on saturday", "right now",
 * "last july", "did", a past year). Only words of the language are listed here, no tool or
 * domain: the same words read any module's descriptions. The lexical ranker lowers the score of
 * a tool whose tenses do not include the request's (see `TENSE_MISMATCH_FACTOR`); a tool or a
 * request with no time words changes nothing.
 */

/** When a tool looks or a request asks: the past, the present or the future. */
export type Tense = 'past' | 'present' | 'future';

/** Words of a tool's name or description that say it looks ahead. */
const TOOL_FUTURE = /\b(?:forecasts?|upcoming|next|future|ahead|predicted|predictions?)\b/i;
/** Words of a tool's name or description that say it looks back. */
const TOOL_PAST = /\b(?:history|historical|past|previous|ago|recent|recently|yesterday|last)\b/i;
/** Words of a tool's name or description that say it reads the present. */
const TOOL_PRESENT = /\b(?:current|currently|now|live|real[- ]?time)\b/i;

/** Request words that put it in the past ("last july", "did", "a week ago"). */
const ASK_PAST = /\b(?:yesterday|ago|last|was|were|did|since|previously|past)\b/i;
/** Request words that put it in the future ("tomorrow", "next week", "is it gonna", "on saturday"). */
const ASK_FUTURE =
  /\b(?:tomorrow|tmrw|tmr|tonight|next|upcoming|later|soon|gonna|going to|coming|weekend|will(?! you\b)|mon|monday|tue|tues|tuesday|wed|wednesday|thu|thur|thurs|thursday|fri|friday|sat|saturday|sun|sunday)\b/i;
/** Request words that put it in the present ("right now", "atm", "currently"). */
const ASK_PRESENT = /\b(?:now|currently|current|atm|at the moment|live)\b/i;
/** A year (1900–2099). */
const YEAR = /\b(?:19|20)\d\d\b(?![-/.]\d)/g;

/** The tenses a tool's name (operation part) and description speak of (empty: none). */
export function toolTenses(name: string, description = ''): ReadonlySet<Tense> {
  const cut = name.indexOf('__');
  const text = `${(cut >= 0 ? name.slice(cut + 2) : name).replace(/[_-]+/g, ' ')} ${description}`;
  const out = new Set<Tense>();
  if (TOOL_PAST.test(text)) out.add('past');
  if (TOOL_PRESENT.test(text)) out.add('present');
  if (TOOL_FUTURE.test(text)) out.add('future');
  return out;
}

/**
 * The tense a request asks about, or `undefined` when its words do not say: the past wins over
 * the future ("what was the weather on tuesday"), the future over the present. A year before
 * `year` is the past.
 */
export function requestTense(query: string, year = new Date().getUTCFullYear()): Tense | undefined {
  const text = query.replace(/['’]/g, '');
  if (ASK_PAST.test(text) || (text.match(YEAR) ?? []).some((y) => Number(y) < year)) return 'past';
  if (ASK_FUTURE.test(text)) return 'future';
  if (ASK_PRESENT.test(text)) return 'present';
  return undefined;
}
