/**
 * Everyday words for what app tools do, by domain: how people phrase a request ("do I need a
 * jacket", "who plays in", "ragweed") next to the words tools use ("current weather", "cast",
 * "pollen"). Added to `SYNONYM_GROUPS` (same format: a query word, or a phrase found word for
 * word, adds its group's other words at `SYNONYM_WEIGHT`). General-purpose on purpose: no
 * product names and nothing specific to one app's tools; apps add their own with
 * `lexicalRanker({ synonyms })`.
 */

/** Weather, air and climate. */
const WEATHER: ReadonlyArray<readonly string[]> = [
  ['weather', 'current conditions', 'jacket', 'coat', 'umbrella', 'sunny', 'cloudy', 'rainy', 'snowy', 'outside', 'sunshine', 'wear'],
  ['storm', 'tornado', 'hurricane', 'typhoon', 'cyclone', 'flood', 'blizzard', 'heatwave', 'heat wave', 'wildfire', 'thunderstorm', 'alert', 'warning'],
  ['pollen', 'ragweed', 'birch', 'grass pollen', 'sneeze', 'sneezing', 'allergy', 'allergies', 'hay fever', 'itchy eyes'],
  ['humidity', 'humid', 'muggy', 'damp'],
  ['wind', 'windy', 'gust', 'breeze'],
  ['forecast', 'tomorrow', 'tonight', 'this weekend', 'next week', 'next few days', 'later today', 'coming days'],
  ['uv', 'sunburn', 'sunburnt', 'spf', 'sun cream', 'sun protection', 'tanning'],
];

/** Time: the past, the future, trends. */
const TIME: ReadonlyArray<readonly string[]> = [
  [
    'history',
    'historical',
    'past',
    'last year',
    'last month',
    'last week',
    'yesterday',
    'last night',
    'ago',
    'previous',
    'trend',
    'over time',
    'chart',
    'moved',
    'performance',
  ],
  ['upcoming', 'next match', 'next game', 'fixture', 'schedule', 'kickoff', 'kick off', 'coming up'],
];

/** Money, markets and prices. */
const FINANCE: ReadonlyArray<readonly string[]> = [
  ['stock', 'shares', 'stock price', 'share price', 'stock market', 'ticker', 'nasdaq', 'nyse', 'trading', 'quote'],
  ['coin', 'sol', 'xrp', 'cardano', 'litecoin', 'ltc', 'tether', 'usdt', 'altcoin', 'token'],
  ['convert', 'conversion', 'exchange', 'exchange rate', 'rate'],
  ['estimate', 'quote', 'cost', 'price', 'fare', 'fee', 'rate', 'charge'],
  ['bill', 'invoice', 'billing', 'create invoice', 'charge'],
  ['discount', 'markdown', 'promo', 'promotion', 'coupon', 'sale price', 'price'],
  ['payday', 'salary', 'income', 'paycheck'],
  ['dollar', 'bucks'],
  ['pound', 'quid'],
];

/** Messages, mail, search and the web. */
const COMMUNICATION: ReadonlyArray<readonly string[]> = [
  ['post', 'send', 'notify', 'announce', 'broadcast', 'ping', 'message'],
  ['email', 'emails', 'mail', 'inbox', 'mailbox', 'newsletter'],
  ['search', 'look', 'look up', 'lookup', 'find', 'search for', 'hunt'],
  ['web search', 'search engine', 'google', 'web', 'online', 'internet'],
  ['contact', 'person', 'people', 'know about', 'phone number', 'email address'],
];

/** Calendars, tasks and tickets. */
const WORK: ReadonlyArray<readonly string[]> = [
  ['free slot', 'free time', 'availability', 'available', 'find a time', 'open slot', 'time slot', 'when can'],
  ['status', 'in review', 'in progress', 'blocked', 'resolved', 'closed', 'move to', 'mark as'],
  ['ticket', 'issue', 'story', 'epic', 'bug'],
  ['complete', 'finish', 'finished', 'tick off', 'check off', 'mark done'],
];

/** Shopping, shipping and services. */
const COMMERCE: ReadonlyArray<readonly string[]> = [
  ['shipping rate', 'shipping cost', 'postage', 'courier', 'parcel', 'mail a package', 'send a package', 'ship'],
  ['track', 'tracking', 'where is my', 'arrive', 'delivered', 'in transit'],
  ['order', 'orders', 'sale', 'sales', 'sold', 'purchase'],
];

/** Home, energy and devices. */
const HOME: ReadonlyArray<readonly string[]> = [
  ['device', 'sensor', 'sensors', 'window', 'door', 'lock', 'motion', 'smart home', 'device status', 'plug'],
  ['battery', 'home battery', 'charge level', 'storage', 'solar', 'production', 'inverter'],
  ['lights', 'light', 'lamp', 'dim', 'brightness', 'turn on', 'turn off', 'switch on', 'switch off', 'darker', 'brighter'],
];

/** Food and cooking. */
const FOOD: ReadonlyArray<readonly string[]> = [
  [
    'recipe',
    'recipes',
    'cook',
    'cooking',
    'dish',
    'meal idea',
    'dinner idea',
    'leftover',
    'leftovers',
    'ingredient',
    'ingredients',
    'bake',
    'baking',
    'what to make',
  ],
  ['nutrition', 'protein', 'carbs', 'fat', 'calories', 'macros', 'vitamin', 'fiber', 'sugar'],
  ['order food', 'takeaway', 'takeout', 'delivery', 'deliver'],
];

/** Films, books, pictures and knowledge. */
const MEDIA: ReadonlyArray<readonly string[]> = [
  ['cast', 'actor', 'actress', 'starring', 'who plays', 'who starred', 'director', 'directed', 'plot', 'movie info', 'film'],
  ['photo', 'image', 'picture', 'stock photo', 'stock image', 'wallpaper', 'illustration', 'royalty free'],
  ['book', 'novel', 'read', 'reading', 'author', 'isbn', 'paperback', 'ebook', 'audiobook', 'title'],
  ['encyclopedia', 'biography', 'bio', 'life of', 'who is', 'who was', 'tell me about', 'facts', 'summary', 'born', 'invented', 'famous', 'explain'],
  ['play', 'put on', 'listen', 'music', 'song'],
  ['music', 'tunes', 'jams'],
  ['movie', 'flick', 'flicks'],
];

/** Health and fitness. */
const HEALTH: ReadonlyArray<readonly string[]> = [
  ['heart rate', 'hrv', 'pulse', 'bpm', 'resting heart rate', 'heart', 'resting hr'],
  ['workout', 'runs', 'jog', 'jogging', 'cycling', 'cycled', 'bike ride', 'swim', 'hike', 'training session'],
  ['steps', 'walked', 'walk', 'step count', 'distance', 'activity'],
  ['weight', 'weigh', 'bmi', 'body fat', 'scale'],
];

/** Every domain's groups. */
export const DOMAIN_GROUPS: ReadonlyArray<readonly string[]> = [
  ...WEATHER,
  ...TIME,
  ...FINANCE,
  ...COMMUNICATION,
  ...WORK,
  ...COMMERCE,
  ...HOME,
  ...FOOD,
  ...MEDIA,
  ...HEALTH,
];
