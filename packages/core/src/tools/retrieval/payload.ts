import { PAYLOAD_WEIGHT } from '../../defaults.js';
export { PAYLOAD_WEIGHT };
/**
 * The payload of a request: text the user wants a tool to work on, not words about which tool.
 * In `translate "where is the station" into Portuguese` the quoted words would otherwise pull
 * in maps and transit tools; in `shorten https://docs.example.org/guide` the URL's words would
 * pull in documentation tools. Quoted spans are ranked at a low weight without synonyms; URLs
 * count as the words "web page link" (the page is what "this article" or "this post" then
 * means) and e-mail addresses as "email address", instead of their parts.
 */

const URL = /\b(?:https?:\/\/|www\.)[^\s"'<>]+/gi;
const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
/** Double and typographic quotes, and single quotes that open after a space and close before a space or punctuation (not "what's"). */
const QUOTED = /"([^"\n]{1,300})"|“([^”\n]{1,300})”|«([^»\n]{1,300})»|(?<=^|[\s(:])'([^'\n]{1,300})'(?=$|[\s.,!?;:)])/g;

/** A query cut into the words about the task (`intent`) and quoted payload (`quoted`). */
export interface QueryText {
  /** The request without its quoted spans; URLs and e-mail addresses replaced by "web page link" / "email address". */
  intent: string;
  /** The quoted spans, joined. */
  quoted: string;
}

/** Separate a query's quoted payload from its intent words (see the module comment). */
export function splitPayload(query: string): QueryText {
  const quoted: string[] = [];
  const intent = query
    .replace(URL, ' web page link ')
    .replace(EMAIL, ' email address ')
    .replace(QUOTED, (...m: string[]) => {
      quoted.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
      return ' ';
    });
  return { intent, quoted: quoted.join(' ') };
}
