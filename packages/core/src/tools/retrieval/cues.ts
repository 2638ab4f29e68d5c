/**
 * Time cues: words that say when ("tomorrow", "last year", "friday") rather than what. They
 * tell sibling operations apart (a forecast from current weather, history from a quote) but
 * must not pull in a domain of their own: "what meetings do I have tomorrow" is about a
 * calendar, not a forecast (nor the Tomorrow.io module). The lexical ranker lets a cue's terms
 * (the word and what its synonym groups add) score only tools that the request's other words
 * already match; a phrase with a cue in it ("play next", "next match") is not a cue.
 */

/** Words that only say when. */
export const TIME_CUES: ReadonlySet<string> = new Set(
  (
    'today todays tonight tomorrow tmrw tmr yesterday weekend week weeks weekly month months monthly year years yearly ' +
    'morning afternoon evening night overnight later soon ago recently upcoming now currently moment daily hourly ' +
    'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun ' +
    'january february march april june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'noon midnight christmas easter'
  ).split(' '),
);

/** A year (1900–2099) or "since": the past when the year is before this one, or after "since". */
const PAST_MARK = /\b(?:since|(?:19|20)\d\d)\b/gi;
/** The cue a past year or "since" stands for (its synonym group holds history words). */
const PAST_CUE = 'past';

/**
 * `query` without its time cues (the words that say what), and the cues alone; a year before
 * the current one, or "since", is the cue "past".
 */
export function splitCues(query: string, year = new Date().getUTCFullYear()): { what: string; cues: string[] } {
  const cues: string[] = [];
  const what = query
    .replace(PAST_MARK, (w) => {
      if (/\d/.test(w) && Number(w) >= year) return w;
      if (!cues.includes(PAST_CUE)) cues.push(PAST_CUE);
      return ' ';
    })
    .replace(/[A-Za-z']+/g, (w) => {
      const lower = w.toLowerCase().replace(/'/g, '');
      if (!TIME_CUES.has(lower)) return w;
      cues.push(lower);
      return ' ';
    });
  return { what, cues };
}
