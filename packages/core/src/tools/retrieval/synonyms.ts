/**
 * Query expansion for lexical ranking: users say "cab" where a tool says "ride", "PR" where it
 * says "pull request". Each group lists words (or short phrases) that mean the same in the
 * everyday vocabulary of app tools; a query word, or a phrase found word for word, adds its
 * group's other words at a lower weight. General-purpose on purpose: apps add their own groups with `lexicalRanker({ synonyms })`.
 */
import { ConceptMatcher } from './concepts.js';
import { PAYLOAD_WEIGHT, splitPayload } from './payload.js';
import { surfaceKeys, tokenize } from './tokenize.js';
import { DOMAIN_GROUPS } from './lexicon.js';
import { TASK_GROUPS } from './lexicon-tasks.js';
import { STEM_SHARE, SYNONYM_WEIGHT } from '../../defaults.js';
export { SYNONYM_WEIGHT };

/** Built-in groups of interchangeable words. */
export const SYNONYM_GROUPS: ReadonlyArray<readonly string[]> = [
  ['taxi', 'cab', 'ride', 'car'],
  ['pr', 'prs', 'pull request', 'merge request'],
  ['bug', 'issue', 'ticket', 'problem'],
  ['email', 'mail', 'inbox', 'message'],
  ['movie', 'film', 'cinema'],
  ['song', 'track', 'music', 'tune'],
  ['show', 'series', 'episode'],
  ['photo', 'picture', 'image', 'pic'],
  ['umbrella', 'rain', 'precipitation'],
  ['hot', 'cold', 'temperature', 'warm'],
  ['price', 'cost', 'worth', 'value', 'cheap', 'cheapest', 'expensive'],
  ['buy', 'purchase', 'order'],
  ['spend', 'spent', 'expense', 'spending'],
  ['money', 'payment', 'charge', 'bill'],
  ['coin', 'crypto', 'cryptocurrency', 'bitcoin', 'btc', 'ethereum', 'eth', 'solana', 'dogecoin'],
  ['euro', 'eur', 'dollar', 'usd', 'yen', 'pound', 'gbp', 'chf', 'currency'],
  ['stock', 'share', 'ticker', 'equity'],
  ['news', 'headline', 'article', 'story', 'breaking', 'happening'],
  ['score', 'result', 'win', 'won', 'lose', 'lost', 'match', 'game'],
  ['table', 'standing', 'ranking'],
  ['schedule', 'fixture', 'agenda', 'calendar', 'play next'],
  ['meeting', 'event', 'appointment', 'call'],
  ['todo', 'to-do', 'task', 'reminder', 'remind'],
  ['note', 'notes', 'notebook', 'write down'],
  ['chat', 'channel', 'message', 'slack'],
  ['server', 'vm', 'instance', 'machine'],
  ['site', 'website', 'web', 'online', 'internet'],
  ['google', 'search', 'look up', 'find'],
  ['error', 'exception', 'crash', 'failure'],
  ['file', 'document', 'doc', 'pdf', 'folder', 'spreadsheet', 'deck', 'presentation', 'slides'],
  ['drive', 'driving', 'car', 'route', 'directions'],
  ['flight', 'fly', 'plane', 'airline'],
  ['hotel', 'stay', 'accommodation', 'room', 'night'],
  ['train', 'bus', 'metro', 'subway', 'transit', 'public transport', 'station'],
  ['near', 'nearby', 'nearest', 'around', 'close'],
  ['restaurant', 'eat', 'dinner', 'lunch', 'food', 'place to eat'],
  ['recipe', 'cook', 'dish', 'meal'],
  ['calorie', 'kcal', 'nutrition', 'protein'],
  ['light', 'lamp', 'bulb'],
  ['heating', 'thermostat', 'temperature', 'cooler', 'warmer'],
  ['electricity', 'power', 'energy', 'kwh'],
  ['solar', 'pv', 'panel'],
  ['run', 'ride', 'workout', 'exercise', 'activity'],
  ['sleep', 'slept', 'night'],
  ['pulse', 'heart rate', 'hrv'],
  ['doctor', 'physician', 'dermatologist', 'appointment'],
  ['pill', 'medication', 'medicine', 'drug', 'prescription'],
  ['playlist', 'album', 'artist'],
  ['listen', 'listened', 'played'],
  ['book', 'novel', 'author', 'wrote', 'written'],
  ['cast', 'actor', 'actress', 'star', 'starring'],
  ['rating', 'review', 'good'],
  ['stream', 'streaming', 'watch'],
  ['translate', 'translation', 'say in', 'language'],
  [
    'language',
    'english',
    'spanish',
    'french',
    'german',
    'italian',
    'portuguese',
    'dutch',
    'polish',
    'russian',
    'ukrainian',
    'turkish',
    'arabic',
    'hebrew',
    'hindi',
    'chinese',
    'mandarin',
    'japanese',
    'korean',
    'vietnamese',
    'thai',
    'greek',
    'swedish',
  ],
  ['change', 'update', 'edit', 'modify', 'adjust', 'lower', 'raise', 'increase', 'decrease', 'reduce'],
  ['post', 'notify', 'announce', 'inform'],
  ['mean', 'meaning', 'definition', 'define'],
  ['word', 'synonym', 'thesaurus'],
  ['streak', 'progress', 'lesson', 'course'],
  ['flashcard', 'card', 'vocabulary', 'review'],
  ['page', 'url', 'link', 'article'],
  ['history', 'biography', 'about', 'who was', 'encyclopedia'],
  ['convert', 'conversion', 'mile', 'kilometer', 'unit', 'solve', 'equation', 'calculate', 'compute', 'how many days'],
  ['background', 'resize', 'crop', 'edit'],
  ['post', 'publish', 'share', 'feed'],
  ['mention', 'notification', 'reply'],
  ['trending', 'viral', 'popular'],
  ['qr', 'qr code', 'scannable'],
  ['shorten', 'short link', 'short url'],
  ['time', 'clock', 'timezone', 'time zone'],
  ['holiday', 'day off', 'bank holiday'],
  ['package', 'parcel', 'shipment', 'delivery'],
  ['ship', 'shipping', 'send', 'postage'],
  ['stock level', 'inventory', 'out of stock', 'units left'],
  ['customer', 'client'],
  ['invoice', 'bill', 'owe', 'unpaid'],
  ['refund', 'money back', 'charge'],
  ['tax', 'vat', 'sales tax'],
  ['lead', 'contact', 'prospect'],
  ['deal', 'pipeline', 'opportunity', 'sale'],
  ['support', 'complaint', 'customer request', 'ticket'],
  ['query', 'sql', 'database', 'select'],
  ['row', 'record', 'entry', 'spreadsheet', 'sheet'],
  ['sign', 'signature', 'e-sign', 'nda', 'contract'],
  ['on call', 'incident', 'page', 'pager'],
  ['down', 'up', 'uptime', 'outage'],
  ['ci', 'build', 'pipeline', 'green', 'workflow'],
  ['code', 'codebase', 'source', 'defined', 'function'],
  ['sprint', 'board', 'backlog', 'story'],
  ['budget', 'left', 'overspend'],
  ['net worth', 'worth', 'asset', 'account balance'],
  ['subscription', 'recurring', 'monthly charge'],
  ['csv', 'statement', 'export', 'transactions'],
  ['category', 'categorize', 'sort'],
  ['pollen', 'hay fever', 'allergy'],
  ['aqi', 'air quality', 'pollution', 'polluted', 'smog'],
  ['uv', 'sun', 'sunscreen'],
  ['storm', 'warning', 'alert', 'severe'],
  ['trophy', 'rank', 'level', 'profile', 'tag', 'stats'],
  ['battle', 'match', 'game played'],
  ['leaderboard', 'top player', 'best player'],
  ['podcast', 'episode'],
  ['video', 'tutorial', 'clip', 'upload'],
  ['revenue', 'profit', 'earnings', 'p/e', 'financials'],
  ['coordinates', 'latitude', 'longitude', 'geocode'],
  ['pharmacy', 'gas station', 'atm', 'place'],
  ...DOMAIN_GROUPS,
  ...TASK_GROUPS,
];

type Expander = (query: string) => Map<string, number>;

/** The matcher of the built-in groups alone, shared by every expander without extra groups. */
let builtIn: ConceptMatcher | undefined;

/** Build a query expander from the built-in groups plus `extra`. */
export function queryExpander(extra: ReadonlyArray<readonly string[]> = []): Expander {
  // built on the first query: stemming the synonym table takes milliseconds that an agent
  // whose tools never need narrowing (the default below the threshold) should not pay when created
  let matcher: ConceptMatcher | undefined;
  return (query) => {
    const concepts = (matcher ??= extra.length ? new ConceptMatcher([...SYNONYM_GROUPS, ...extra]) : (builtIn ??= new ConceptMatcher(SYNONYM_GROUPS)));
    const weights = new Map<string, number>();
    const { intent, quoted } = splitPayload(query);
    const own = tokenize(intent);
    // a request's own word weighs 1: its Porter stem a share, its surface key the rest (see surfaceKeys)
    for (const t of own) weights.set(t, STEM_SHARE);
    if (STEM_SHARE < 1) for (const t of surfaceKeys(intent)) weights.set(t, 1 - STEM_SHARE);
    // numbers do not break a phrase ("next 10 matches" mentions "next match")
    const words = own.filter((t) => !/^\d+$/.test(t));
    for (const g of new Set([...concepts.match(words).keys(), ...concepts.matchText(intent)])) {
      for (const u of concepts.terms[g]) if (!weights.has(u)) weights.set(u, SYNONYM_WEIGHT);
    }
    for (const t of tokenize(quoted)) if (!weights.has(t)) weights.set(t, PAYLOAD_WEIGHT);
    return weights;
  };
}
