/**
 * Everyday ways of asking for the common jobs of app tools ("catch me up on", "who owes us",
 * "pick me up"), by domain, next to the words such tools are described with. Same format and
 * purpose as `lexicon.ts` (general-purpose; no product names).
 */

/** Money: budgets, bills, taxes, markets. */
const MONEY: ReadonlyArray<readonly string[]> = [
  ['revenue', 'earnings', 'balance sheet', 'quarterly', 'fundamentals', 'profit', 'income statement', 'financials'],
  ['wallet', 'holdings', 'portfolio', 'my coins', 'balance', 'in my account'],
  ['market news', 'jump', 'jumped', 'surge', 'surged', 'plunge', 'plunged', 'rally', 'tanked', 'soared', 'stock news'],
  ['buy', 'sell', 'trade', 'place order'],
  ['statement', 'bank statement', 'csv', 'export', 'transactions', 'parse', 'import'],
  ['categorize', 'category', 'classify', 'label', 'by type', 'by category'],
  ['subscription', 'recurring', 'monthly charge', 'paying for', 'renewal', 'membership'],
  ['budget', 'remaining', 'overspend', 'overspent', 'spending limit', 'allowance'],
  ['expense', 'spent', 'paid', 'cash', 'receipt', 'log'],
  ['net worth', 'assets', 'debts', 'wealth'],
  ['unpaid', 'overdue', 'outstanding', 'owe', 'owes', 'late payment'],
  ['refund', 'money back', 'reimburse', 'chargeback'],
  ['sales tax', 'vat', 'tax rate', 'zip code'],
  ['income tax', 'tax return', 'taxes', 'deduction', 'bracket', 'irs', 'hmrc', 'tax bill', 'filing status'],
];

/** News, sports and games. */
const NEWS_SPORTS: ReadonlyArray<readonly string[]> = [
  ['headlines', 'news', 'breaking', 'going on', 'happening', 'latest'],
  ['coverage', 'articles', 'press', 'reported', 'written about', 'mentioning', 'stories'],
  ['score', 'scores', 'live', 'winning', 'who won', 'final score', 'result'],
  ['standings', 'league table', 'ranking', 'top of the league', 'position'],
  ['stats', 'statistics', 'goals', 'assists', 'points', 'scored', 'averages', 'rebounds'],
  ['last games', 'recent games', 'record', 'wins', 'losses', 'match history'],
];

/** Food and restaurants. */
const EATING: ReadonlyArray<readonly string[]> = [
  ['meal plan', 'meal prep', 'weekly menu', 'diet plan'],
  ['reservation', 'reserve', 'table for', 'book a table'],
  ['where is my food', 'courier', 'driver', 'eta', 'on its way'],
  ['restaurant', 'somewhere to eat', 'cuisine', 'sushi', 'pizza', 'burger', 'tacos', 'brunch', 'ramen', 'noodles', 'eat out', 'bistro', 'diner'],
  ['order food', 'hungry', 'starving', 'craving', 'order in', 'get delivered'],
  ['recipe', 'what can i make', 'what can i cook', 'vegan', 'vegetarian', 'gluten free', 'keto'],
];

/** Mail, calendar, tasks, notes and chat. */
const PRODUCTIVITY: ReadonlyArray<readonly string[]> = [
  ['unread', 'catch up', 'missed', 'new emails', 'what did i miss', 'havent read', 'not read', 'not read yet'],
  ['email', 'write to', 'compose', 'drop a line'],
  ['schedule', 'set up a meeting', 'sync', 'invite', 'calendar event', 'put on my calendar'],
  ['agenda', 'calendar', 'busy', 'on my plate', 'plans', 'diary'],
  ['create event', 'block off', 'block out', 'block time', 'pencil in', 'add to my calendar'],
  ['free slot', 'gap', 'both free', 'all free', 'time that works', 'when are we free'],
  ['todo', 'remind', 'reminder', 'add task', 'remember to', 'dont forget'],
  ['due', 'overdue', 'to do list', 'need to do', 'todos', 'still have to do', 'open tasks'],
  ['note', 'jot', 'jot down', 'write down', 'memo'],
  ['tell', 'let know', 'let everyone know', 'announce', 'message the team', 'ping', 'heads up'],
  ['catch up', 'latest messages', 'what happened in', 'chat history'],
];

/** Software, cloud and data. */
const ENGINEERING: ReadonlyArray<readonly string[]> = [
  ['pull request', 'review', 'merge', 'open prs', 'code review'],
  ['bug', 'report a bug', 'file an issue', 'issue', 'defect'],
  ['ci', 'build', 'pipeline', 'tests passing', 'failing', 'broken build', 'workflow'],
  ['defined', 'function', 'implementation', 'grep', 'codebase', 'repo', 'repos', 'repository', 'source code'],
  ['sprint', 'board', 'who is working on', 'standup'],
  ['servers', 'instances', 'machines', 'droplets', 'nodes', 'box', 'boxes', 'hosts', 'ec2', 'vps'],
  ['cloud bill', 'costs', 'billing', 'spend'],
  ['restart', 'reboot', 'bounce', 'power cycle', 'hung', 'frozen', 'unresponsive', 'kick'],
  ['errors', 'exceptions', 'crash', 'crashing', 'stack trace', 'stack traces', '500s', 'throwing', 'traceback'],
  ['down', 'outage', 'reachable', 'site status', 'uptime', 'is it up'],
  ['on call', 'oncall', 'pager', 'incident', 'on duty'],
  ['query', 'sql', 'how many users', 'count', 'database', 'rows'],
  ['add a row', 'append', 'spreadsheet', 'sheet', 'record'],
];

/** Files, documents, customers and shops. */
const BUSINESS: ReadonlyArray<readonly string[]> = [
  ['file', 'document', 'where did i put', 'find file', 'folder'],
  ['share', 'give access', 'permission', 'access to'],
  ['upload', 'save to', 'back up', 'store'],
  ['sign', 'signature', 'e-sign', 'contract', 'nda', 'countersign'],
  ['pdf', 'extract', 'contents', 'text of'],
  ['contact', 'lead', 'phone', 'company'],
  ['pipeline', 'deals', 'opportunities', 'closing'],
  ['log', 'record a call', 'after the call', 'followed up', 'follow up', 'customer record', 'touchpoint', 'interaction'],
  ['support queue', 'open tickets', 'complaints', 'customers waiting'],
  ['reply', 'respond', 'answer', 'get back to'],
  ['orders', 'sales', 'sold', 'new orders', 'shop', 'store'],
  ['in stock', 'units left', 'inventory', 'how many left', 'sold out', 'sell out', 'restock', 'running low', 'low stock'],
  ['tracking number', 'delivered', 'arrive', 'shipment', 'where is my package'],
  ['how much to ship', 'postage', 'shipping cost'],
];

/** Travel and getting around. */
const TRAVEL: ReadonlyArray<readonly string[]> = [
  ['flight', 'fly', 'plane', 'airfare', 'plane tickets', 'one way', 'round trip', 'return ticket', 'layover', 'nonstop'],
  ['delayed', 'on time', 'landed', 'departure', 'arrival', 'gate'],
  ['hotel', 'stay', 'room', 'accommodation', 'place to stay', 'nights', 'rental'],
  ['booking', 'reservation', 'booked', 'confirmation', 'itinerary', 'my trip'],
  ['public transport', 'how do i get to', 'get to', 'route', 'directions', 'connection'],
  ['departures', 'next train', 'next bus', 'leaving', 'platform'],
  ['taxi', 'cab', 'ride', 'pick me up', 'lift'],
  ['fare', 'estimate', 'cost'],
  ['drive', 'driving', 'by car', 'traffic'],
  ['near me', 'nearby', 'closest', 'around here'],
  ['coordinates', 'lat long', 'gps', 'location of'],
];

/** Home, health and fitness. */
const LIFE: ReadonlyArray<readonly string[]> = [
  ['heating', 'warmer', 'cooler', 'thermostat', 'degrees', 'air conditioning', 'cold in here', 'hot in here', 'freezing', 'chilly'],
  ['electricity', 'power use', 'consumption', 'kwh', 'energy bill', 'usage', 'power bill', 'electric bill', 'meter'],
  ['tariff', 'price per kwh', 'cheap electricity', 'off-peak', 'peak hours'],
  ['workout', 'run', 'ride', 'exercise', 'training', 'gym', 'pace'],
  ['sleep', 'slept', 'rest', 'bedtime', 'tired'],
  ['doctor', 'appointment', 'checkup', 'dentist', 'see a doctor', 'specialist'],
  ['pill', 'pills', 'medication', 'dose', 'take my'],
  ['prescription', 'drug price', 'pharmacy'],
];

/** Media, language, learning and the web. */
const CULTURE: ReadonlyArray<readonly string[]> = [
  ['playlist', 'mix', 'compilation'],
  ['play music', 'something to listen to', 'chill', 'vibes', 'lofi', 'background music'],
  ['recently played', 'listening history', 'last song'],
  ['video', 'watch', 'tutorial', 'clip', 'how to'],
  ['new uploads', 'latest videos', 'new episodes', 'unplayed'],
  ['stream', 'streaming', 'where can i watch', 'rent', 'available on'],
  ['reading list', 'to read', 'want to read', 'currently reading'],
  ['podcast', 'episode', 'listen'],
  ['how do you say', 'how do i say', 'translate'],
  ['what language', 'which language', 'detect', 'identify language'],
  ['define', 'definition', 'meaning', 'what does mean', 'pronounce', 'pronunciation'],
  ['synonym', 'another word for', 'other word', 'thesaurus', 'similar word', 'antonym', 'opposite of'],
  ['flashcards', 'cards due', 'quiz me', 'practice', 'study', 'vocab'],
  ['streak', 'days in a row', 'practiced', 'xp', 'progress'],
  ['page', 'url', 'link', 'website', 'summarize this page', 'open'],
  ['calculate', 'compute', 'math', 'how many', 'solve', 'equation', 'percent', 'square root'],
  ['resize', 'crop', 'background', 'remove background', 'rotate', 'compress'],
  ['post', 'tweet', 'publish', 'status update'],
  ['mentions', 'replied', 'tagged', 'notifications'],
  ['trending', 'viral', 'popular', 'hot topics', 'hashtag', 'hashtags', 'buzzing'],
  ['what time', 'local time', 'timezone', 'clock'],
  ['holiday', 'day off', 'bank holiday', 'public holiday', 'long weekend'],
];

/** Every domain's task groups. */
export const TASK_GROUPS: ReadonlyArray<readonly string[]> = [
  ...MONEY,
  ...NEWS_SPORTS,
  ...EATING,
  ...PRODUCTIVITY,
  ...ENGINEERING,
  ...BUSINESS,
  ...TRAVEL,
  ...LIFE,
  ...CULTURE,
];
