/**
 * Tokens for lexical tool ranking: words of names (`snake_case`, `camelCase`, `kebab-case`,
 * `HTTPServer` and `v2Api` split), descriptions and schema property names, lower-cased,
 * without stop words, Porter-stemmed (the `stemmer` package) so "forecasts", "forecasting"
 * and "forecast" meet; an abbreviation ("temp", "txn") is followed by the words it stands for.
 */
import { stemmer } from 'stemmer';
import { ABBREVIATIONS } from './abbreviations.js';

const STOP_WORDS = new Set(
  (
    'a an and are as at be by can do does for from get gets give has have how i in into is it its ' +
    'me my of on or our please show tell that the their them then this to use used uses using want was ' +
    'what when where which with you your would could should will just some any all about also one module tool api ' +
    'here there than too very so if but been being did had we us they he she him her his were am let lets need needs ' +
    'gonna wanna pls plz thx hey hi ok okay'
  ).split(' '),
);

/**
 * `camelCase` and `v2Api`: two lower-case letters or digits, or a digit, before an upper-case
 * letter. One lower-case letter at a word's start is a prefix or a unit, not a word: `kWh`,
 * `iPhone`, `eBay` stay whole.
 */
const CAMEL = /(?<=[a-z0-9]{2}|\d)([A-Z])/g;
/** `HTTPServer`: an acronym before a capitalised word. */
const ACRONYM = /([A-Z]+)([A-Z][a-z])/g;
const SPLIT = /[^a-z0-9]+/;
/** A plural acronym (`PRs`, `VMs`, `URLs`): one word, not `P` + `Rs`. */
const PLURAL_ACRONYM = /\b([A-Z]{2,})s\b/g;
/** A hyphenated pair of short words (`to-do`, `to-dos`, `how-to`). */
const HYPHEN_PAIR = /\b([a-z]{2,4})-([a-z]{2,4})\b/gi;
const cache = new Map<string, string>();
/** Bound of the stem cache (words seen across tools and queries). */
const STEM_CACHE_MAX = 50_000;

/** The Porter stem of a lower-case word (cached). */
export function stem(word: string): string {
  let s = cache.get(word);
  if (s === undefined) {
    s = /\d/.test(word) ? word : stemmer(word);
    if (cache.size >= STEM_CACHE_MAX) cache.clear();
    cache.set(word, s);
  }
  return s;
}

/** Stems of each abbreviation's full words (built on first use). */
let expansions: Map<string, string[]> | undefined;

function expansionOf(word: string): string[] | undefined {
  if (!expansions) {
    expansions = new Map();
    for (const [short, long] of Object.entries(ABBREVIATIONS))
      expansions.set(
        short,
        long
          .split(' ')
          .filter((w) => !STOP_WORDS.has(w))
          .map(stem),
      );
  }
  return expansions.get(word);
}

/** A hyphenated pair of stop words ("to-do") is one word (`todo`); other pairs stay as they are. */
function joinStopPair(pair: string, a: string, b: string): string {
  const stop = (w: string) => STOP_WORDS.has(w.toLowerCase()) || STOP_WORDS.has(stem(w.toLowerCase()));
  return stop(a) && stop(b) ? a + b : pair;
}

/**
 * Two capitals in a row, or a capital after a lower-case letter or digit: without one, the
 * acronym (`[A-Z]+[A-Z][a-z]`), plural-acronym (`[A-Z]{2,}s`) and camel-case (`[a-z0-9]` before
 * `[A-Z]`) splits change nothing ("Current weather for a city" has only its first capital).
 */
const INNER_CAPITAL = /[A-Z]{2}|[a-z0-9][A-Z]/;

/** The lower-case words of `text` (names split, plural acronyms and stop-word pairs kept whole; may hold empty strings). */
export function wordsOf(text: string): string[] {
  // each step only where it can match: most field texts have one capital (their first letter) or none
  if (text.includes('-')) text = text.replace(HYPHEN_PAIR, joinStopPair);
  if (INNER_CAPITAL.test(text))
    text = text
      .replace(PLURAL_ACRONYM, (_, a: string) => `${a.toLowerCase()}s`)
      .replace(ACRONYM, '$1 $2')
      .replace(CAMEL, ' $1');
  return text.toLowerCase().split(SPLIT);
}

/** Marks a surface key (a word with only its plural ending removed), apart from Porter stems. */
export const SURFACE_MARK = '=';

/** A word without its plural ending (`categories` → `category`, `boxes` → `box`, `runs` → `run`); other endings stay. */
export function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(?:ss|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/**
 * Surface keys of `text`: each non-stop word without its plural ending, marked with
 * `SURFACE_MARK`. Porter's stems join words of different meanings (`general`, `generous` and
 * `generator` are all `gener`); a match on the surface key as well says the word itself is there.
 */
export function surfaceKeys(text: string): string[] {
  const out: string[] = [];
  tokenizeInto(text, out);
  return out;
}

/** The tokens of `text`, in order (duplicates kept; callers count them). */
export function tokenize(text: string): string[] {
  return tokenizeInto(text);
}

/** What one lower-case word adds to an index. */
export interface WordTerms {
  /** Its stem, then the stems of what it abbreviates. */
  readonly tokens: readonly string[];
  /** Its surface key. */
  readonly surface: string;
}

/** Terms by word (`null`: a stop word or too short); tool texts and requests repeat their words. */
const wordCache = new Map<string, WordTerms | null>();

/** The terms of a word of {@link wordsOf} (`null`: a stop word or too short; cached). */
export function termsOfWord(raw: string): WordTerms | null {
  let hit = wordCache.get(raw);
  if (hit === undefined) {
    hit = null;
    if (raw.length >= 2 && !STOP_WORDS.has(raw)) {
      const s = stem(raw);
      // "doing" → "do"
      if (!STOP_WORDS.has(s)) hit = { tokens: [s, ...(expansionOf(raw) ?? [])], surface: SURFACE_MARK + singular(raw) };
    }
    if (wordCache.size >= STEM_CACHE_MAX) wordCache.clear();
    wordCache.set(raw, hit);
  }
  return hit;
}

function tokenizeInto(text: string, surface?: string[]): string[] {
  const out: string[] = [];
  for (const raw of wordsOf(text)) {
    const terms = termsOfWord(raw);
    if (!terms) continue;
    for (const t of terms.tokens) out.push(t);
    surface?.push(terms.surface);
  }
  return out;
}
