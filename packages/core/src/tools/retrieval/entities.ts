/**
 * Words a request implies by the shape of its tokens rather than their meaning: an issue key
 * (`PROJ-88`, `ABC-123`) is about a ticket; an all-caps word of 3–5 letters that no tool
 * mentions (`NVDA`, `AMZN`) is most likely a stock ticker. Known all-caps words (`CSV`, `VAT`,
 * `SQL`, provider names) are left alone: the caller says which words its tools know.
 */

/** An issue key: project letters, a dash, a number. */
const ISSUE_KEY = /\b[A-Z][A-Z0-9]{1,9}-\d+\b/g;
/** An all-caps word of 3–5 letters. */
const CAPS = /\b[A-Z]{3,5}\b/g;

/** Words `query` implies by its tokens' shapes; `known(word)` tells whether any tool uses a lower-case word. */
export function impliedWords(query: string, known: (word: string) => boolean): string[] {
  const out: string[] = [];
  if (query.match(ISSUE_KEY)) out.push('ticket', 'issue');
  const rest = query.replace(ISSUE_KEY, ' ');
  for (const m of rest.match(CAPS) ?? []) {
    if (!known(m.toLowerCase())) {
      out.push('stock', 'ticker');
      break;
    }
  }
  return out;
}
