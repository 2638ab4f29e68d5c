/**
 * Operation modes: whether a tool changes something (`create_event`, `post_message`,
 * `order_food`) or looks something up (`list_events`, `read_channel`, `track_delivery`), and
 * whether a request asks to change or to look up. Sibling operations of one domain share
 * nearly all their words ("calendar", "event", "channel"), so BM25 cannot tell "what's on my
 * calendar friday" from "put lunch on my calendar friday"; the mode can. The lexical ranker
 * lowers the score of a tool whose mode is the opposite of the request's (see
 * `OPERATION_MISMATCH_FACTOR`); a request whose mode is unclear changes nothing.
 */

/** What an operation does: `write` changes or sends something, `read` looks it up, `neutral` transforms (convert, translate). */
export type OperationMode = 'read' | 'write' | 'neutral';

/** First words of tool names that change something. */
const TOOL_WRITE = new Set(
  (
    'add create send post book place request insert upload publish make generate set restart reboot update log reply refund ' +
    'complete share delete remove cancel schedule order play move write submit invite assign archive pay transfer start stop'
  ).split(' '),
);
/** Words of tool names that make it a lookup wherever they occur (`book_search`, `get_recent_orders`). */
const TOOL_READ = new Set('get list search find track show read fetch lookup query view summarize'.split(' '));
/** First words of tool names that transform their input without changing anything. */
const TOOL_NEUTRAL = new Set('convert translate detect estimate compute calculate define shorten parse categorize extract edit resize run'.split(' '));

/** Words that start a request to change or send something. */
const ASK_WRITE = new Set(
  (
    'add create make book schedule send post email text message tell set turn switch dim brighten reserve order buy sell ' +
    'log record note jot remind mark tick move reboot restart bounce refund reply respond answer share upload save put ' +
    'publish tweet play invite block pencil raise file bill charge pay cancel delete update change drop increase lower crank ' +
    'draft write compose start generate append insert submit'
  ).split(' '),
);
/** Words that start a question or a request to look something up. */
const ASK_READ = new Set(
  (
    'what whats which who whos whose when whens where wheres how hows why is are am was were do does did has have had any ' +
    'anything show list find search look check lookup read fetch view'
  ).split(' '),
);
/**
 * Words that, after "and", start another request ("turn off the lights and set the heat to 65",
 * "check the forecast and do I have anything on"): the request verbs above plus common verbs of
 * asking that decide no mode. Not "is"/"are"/"was": "salt and pepper", "stocks and bonds" stay whole.
 */
export const PART_VERBS: readonly string[] = [
  ...[...ASK_WRITE].filter((w) => w !== 'new' && w !== 'note' && w !== 'file' && w !== 'record' && w !== 'block'),
  ...'what which who when where how do does did any show list find search look check get give call tell track convert translate page summarize'.split(' '),
];

/** Words before the verb that do not decide the mode ("please", "can you", "i want to"). */
const FILLER = new Set(
  (
    'hey hi hello yo ok okay so um uh please pls plz can could would will you u i id want wanna need to like lets let us go ahead ' +
    'and quickly just also now then right alright hmm ugh well actually gonna should might may me real quick kindly'
  ).split(' '),
);
/** Lookups phrased as commands: "tell me", "show me", "give me", "let me know". */
const READ_PHRASE = /^(?:tell|show|give|let) (?:me|us)\b/;
/** A leading "Provider:" or "Check Provider:" label (up to four words before a colon). */
const LABEL = /^[^:\n]{1,40}:\s+/;

/** The mode of a tool from the operation part of its name (`module__create_event` → `write`). */
export function toolMode(name: string): OperationMode {
  const cut = name.indexOf('__');
  const words = (cut >= 0 ? name.slice(cut + 2) : name)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (!words.length) return 'neutral';
  if (words.some((w) => TOOL_READ.has(w))) return 'read';
  if (TOOL_WRITE.has(words[0])) return 'write';
  if (TOOL_NEUTRAL.has(words[0])) return 'neutral';
  return 'neutral'; // a noun (`forecast`, `meal_plan`): what the tool returns, looked up or made
}

/** The mode a request asks for, from its first words, or `undefined` when they do not say. */
export function requestMode(query: string): OperationMode | undefined {
  const text = query.trim().toLowerCase().replace(LABEL, '').replace(/['’]/g, '');
  const words = text.split(/[^a-z0-9-]+/).filter(Boolean);
  let i = 0;
  while (i < words.length && FILLER.has(words[i]) && !READ_PHRASE.test(words.slice(i).join(' '))) i++;
  const rest = words.slice(i).join(' ');
  if (READ_PHRASE.test(rest)) return 'read';
  const first = words[i];
  if (first === undefined) return undefined;
  if (ASK_WRITE.has(first)) return 'write';
  if (ASK_READ.has(first)) return 'read';
  return undefined;
}
