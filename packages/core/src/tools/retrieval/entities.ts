/**
 * Words a request implies by the shape of its tokens rather than their meaning: an issue key
 * (`PROJ-88`, `ABC-123`) is about a ticket, a `#name` about a chat channel; an all-caps word of 3–5 letters that no tool
 * mentions (`NVDA`, `AMZN`) is most likely a stock ticker. Known all-caps words (`CSV`, `VAT`,
 * `SQL`, provider names) are left alone: the caller says which words its tools know. An amount
 * of one currency "in" or "to" another (`40 EUR in yen`, `$25 to euros`), or an amount of one
 * currency in a request that names another (`how many rupees is 80 euros`), is a conversion.
 */

/** A chat channel: `#` and a lower-case name (`#general`, `#design-team`), not a number (`#3321`). */
const CHANNEL = /(?:^|\s)#[a-z][a-z0-9_-]*\b/;
/** An issue key: project letters, a dash, a number. */
const ISSUE_KEY = /\b[A-Z][A-Z0-9]{1,9}-\d+\b/g;
/** Currency names and ISO codes people write (singular or plural). */
const CURRENCY =
  '(?:usd|eur|gbp|jpy|chf|cad|aud|nzd|cny|inr|sek|nok|dkk|pln|czk|huf|try|mxn|brl|zar|krw|sgd|hkd|dollars?|euros?|pounds?|yen|francs?|rupees?|kronor|krona|kroner|zloty|yuan|pesos?|reais|real|rand|won|bucks)';
/** An amount of one currency in or to another. */
const CONVERSION = new RegExp(`(?:\\d[\\d.,]*\\s*${CURRENCY}|[$€£¥]\\s*\\d[\\d.,]*)\\s+(?:in|to|into)\\s+${CURRENCY}\\b`, 'i');
/** An amount of money: a number and a currency (`80 euros`, `$300`, `300 bucks`). */
const AMOUNT = new RegExp(`\\d[\\d.,]*\\s*(${CURRENCY})\\b|([$€£¥])\\s*\\d`, 'gi');
/** Any currency mention. */
const CURRENCY_WORD = new RegExp(`\\b${CURRENCY}\\b|[$€£¥]`, 'gi');
/** Symbols and names of one currency, so `$30` and `30 dollars` count as one. */
const SAME: Record<string, string> = {
  $: 'usd',
  dollar: 'usd',
  dollars: 'usd',
  bucks: 'usd',
  '€': 'eur',
  euro: 'eur',
  euros: 'eur',
  '£': 'gbp',
  pound: 'gbp',
  pounds: 'gbp',
  '¥': 'jpy',
  yen: 'jpy',
};
const currencyKey = (w: string) => SAME[w.toLowerCase()] ?? w.toLowerCase().replace(/s$/, '');

/** Whether `query` gives an amount in one currency and names another. */
function amountAndOtherCurrency(query: string): boolean {
  const amounts = new Set<string>();
  for (const m of query.matchAll(AMOUNT)) amounts.add(currencyKey(m[1] ?? m[2]));
  if (!amounts.size) return false;
  for (const m of query.matchAll(CURRENCY_WORD)) if (!amounts.has(currencyKey(m[0]))) return true;
  return false;
}

/** An all-caps word of 3–5 letters. */
const CAPS = /\b[A-Z]{3,5}\b/g;

/** Words `query` implies by its tokens' shapes; `known(word)` tells whether any tool uses a lower-case word. */
export function impliedWords(query: string, known: (word: string) => boolean): string[] {
  const out: string[] = [];
  if (query.match(ISSUE_KEY)) out.push('ticket', 'issue');
  if (CHANNEL.test(query)) out.push('channel');
  if (CONVERSION.test(query) || amountAndOtherCurrency(query)) out.push('convert');
  const rest = query.replace(ISSUE_KEY, ' ');
  for (const m of rest.match(CAPS) ?? []) {
    if (!known(m.toLowerCase())) {
      out.push('stock', 'ticker');
      break;
    }
  }
  return out;
}
