/**
 * Tokens for lexical tool ranking: words of names (`snake_case`, `camelCase`, `kebab-case`
 * split), descriptions and schema property names, lower-cased, without stop words, with a
 * light suffix stemmer so "forecasts", "forecasting" and "forecast" meet.
 */

const STOP_WORDS = new Set(
  (
    'a an and are as at be by can do does for from get gets give has have how i in into is it its ' +
    'me my of on or our please show tell that the their them then this to use used uses using want was ' +
    'what when where which with you your would could should will just some any all about also one module tool'
  ).split(' '),
);

/** Strip common English suffixes (deterministic, no dictionary). */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ing') && word.length > 5) return trimDouble(word.slice(0, -3));
  if (word.endsWith('ed') && word.length > 4) return trimDouble(word.slice(0, -2));
  if (word.endsWith('es') && /(?:ch|sh|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

function trimDouble(w: string): string {
  return w.length > 3 && w[w.length - 1] === w[w.length - 2] && !/[lsz]/.test(w[w.length - 1]) ? w.slice(0, -1) : w;
}

const CAMEL = /([a-z0-9])([A-Z])/g;
const SPLIT = /[^a-z0-9]+/;

/** The tokens of `text`, in order (duplicates kept; callers count them). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.replace(CAMEL, '$1 $2').toLowerCase().split(SPLIT)) {
    if (raw.length < 2 || STOP_WORDS.has(raw)) continue;
    out.push(stem(raw));
  }
  return out;
}
