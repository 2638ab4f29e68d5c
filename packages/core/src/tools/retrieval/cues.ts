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

/** `query` without its time cues (the words that say what), and the cues alone. */
export function splitCues(query: string): { what: string; cues: string[] } {
  const cues: string[] = [];
  const what = query.replace(/[A-Za-z']+/g, (w) => {
    const lower = w.toLowerCase().replace(/'/g, '');
    if (!TIME_CUES.has(lower)) return w;
    cues.push(lower);
    return ' ';
  });
  return { what, cues };
}
