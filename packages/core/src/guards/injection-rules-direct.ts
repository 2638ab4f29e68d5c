/**
 * Injection rules for attacks aimed at the model directly: instruction override (in several
 * languages), role hijack and jailbreak personas, system-prompt and secret exfiltration.
 * @module
 */
import type { InjectionRule } from './injection-rule-type.js';

const OVERRIDE_VERBS = String.raw`(?:ignore|ignoring|disregard|forget|bypass|override|overrule|neglect|abandon|discard|set aside|put aside|cast aside|leave behind|throw out|do not follow|don't follow|stop following)`;
const OWNED = String.raw`(?:previous|prior|above|earlier|preceding|foregoing|former|initial|original|old|your|system|developer|given|existing|current|any|all (?:of )?(?:the|your|these|those))`;
const RULE_NOUNS = String.raw`(?:instructions?|prompts?|directions?|directives?|rules?|guidelines?|guidance|constraints?|restrictions?|programming|context|policies|policy|safeguards?|filters?|conditioning|system message)`;

/** Direct-attack rules, roughly strongest first. */
export const DIRECT_RULES: readonly InjectionRule[] = [
  // ── instruction override ────────────────────────────────────────────────
  {
    id: 'override.ignore-previous',
    category: 'override',
    weight: 0.9,
    re: new RegExp(String.raw`\b${OVERRIDE_VERBS}\b[^.!?\n]{0,40}?\b${OWNED}\b[^.!?\n]{0,30}?\b${RULE_NOUNS}\b`),
    triggers: ['ignor', 'disregard', 'forget', 'bypass', 'overrid', 'overrul', 'neglect', 'abandon', 'discard', 'aside', 'leave behind', 'throw out', 'follow'],
    quotable: true,
  },
  {
    id: 'override.ignore-above',
    category: 'override',
    weight: 0.7,
    re: /\b(?:ignore|disregard|forget)\s+(?:all\s+(?:of\s+)?)?(?:the\s+|everything\s+(?:written\s+|said\s+)?)?(?:above|before|prior|previous|that came before)\b(?=\s*(?:[.,;:!?\n"')]|-{1,2}\s|$|and\b|then\b|this\b|that\b|instructions?\b|text\b|prompts?\b|messages?\b|directions\b|commands\b|context\b|rules\b|everything\b))/,
    triggers: ['ignor', 'disregard', 'forget'],
    quotable: true,
  },
  {
    id: 'override.forget-everything',
    category: 'override',
    weight: 0.7,
    re: /\b(?:forget|erase|clear|wipe|reset)\s+(?:everything|all(?: that)?|what)\s+(?:you(?:'ve| have)?\s+(?:were|been|was)?\s*(?:told|taught|learned|instructed|programmed)|you know|above|before|so far)/,
    triggers: ['forget', 'erase', 'clear', 'wipe', 'reset'],
    quotable: true,
  },
  {
    id: 'override.new-instructions',
    category: 'override',
    weight: 0.55,
    re: /\b(?:new|updated|revised|real|true|actual|secret|hidden|override|priority)\s+(?:system\s+)?(?:instructions?|directives?|orders|prompt|task|rules?|polic(?:y|ies))\s*(?::|follow|are|is\b)|\byour\s+(?:new|real|true|actual|updated|only|primary)\s+(?:task|instructions?|goal|objective|job|mission|purpose|role|directive|prompt)s?\b/,
    triggers: ['instruction', 'directive', 'orders', 'prompt', 'task', 'your', 'rule', 'polic'],
  },
  {
    id: 'override.prior-context',
    category: 'override',
    weight: 0.7,
    re: /\b(?:what(?:ever)?|everything|anything|all)\s+(?:(?:that\s+)?you\s+(?:were|have been|'ve been|got|received)\s*(?:told|given|instructed|taught|shown)?|(?:that\s+)?(?:came|was said|was written|you read)\s+(?:before|earlier|above))\b[^.!?\n]{0,40}\b(?:no longer appl\w*|doesn't apply|does not apply|is void|is cancell?ed|is irrelevant|(?:doesn't|does not|don't|do not) matter|is obsolete)|\b(?:put|set|cast|leave)\s+aside\b[^.!?\n]{0,30}\b(?:guidance|instructions?|rules|guidelines|directives|restrictions|training|programming|policies)\b|\bpretend\b[^.!?\n]{0,30}\b(?:there\s+(?:are|were|is)\s+(?:never\s+)?(?:no|any)\s+(?:rules|restrictions|guidelines|instructions|limits)|(?:the\s+|your\s+|any\s+)?(?:rules|instructions|guidelines|restrictions)(?:\s+above)?\s+(?:do not|don't|did not|didn't|never)\s+exist)/,
    triggers: ['told', 'given', 'instructed', 'taught', 'got', 'received', 'before', 'earlier', 'aside', 'pretend'],
    quotable: true,
  },
  {
    id: 'override.multilingual-all',
    category: 'override',
    weight: 0.8,
    re: /\b(?:ignore[zr]?|oublie[zr]?)\s+tout\s+ce\s+qu|\b(?:olvida|ignora)\s+todo\s+lo\s+(?:anterior|que)|\b(?:vergiss|ignoriere)\s+alles\b|\b(?:dimentica|ignora)\s+tutto\b|\b(?:esqueça|esqueca|ignore)\s+tudo\b|\b(?:vergeet|negeer)\s+alles\b/,
    triggers: ['tout ce qu', 'todo lo', 'alles', 'tutto', 'tudo'],
    quotable: true,
  },
  {
    id: 'override.multilingual',
    category: 'override',
    weight: 0.9,
    re: /\b(?:ignorier\w*|vergiss\w*|missacht\w*)\b[^.!?\n]{0,40}(?:anweisung\w*|instruktion\w*|befehl\w*|regeln|vorgaben)|\b(?:ignore[zr]?|oublie[zr]?|ne tiens pas compte)\b[^.!?\n]{0,40}(?:les |des |vos |tes |toutes )(?:instructions|consignes|règles|directives)|\b(?:ignora|olvida|descarta|ignore|omite)\b[^.!?\n]{0,40}(?:instrucciones|indicaciones|reglas|órdenes|instrucoes|instruções|regras)|\b(?:ignora|dimentica)\b[^.!?\n]{0,40}(?:istruzioni|regole|indicazioni)|\b(?:esqueça|esqueca)\b[^.!?\n]{0,40}(?:instruções|instrucoes|regras)|\b(?:negeer|vergeet)\b[^.!?\n]{0,40}(?:instructies|regels|opdrachten)|(?:игнорируй|проигнорируй|забудь|не обращай внимания)[^.!?\n]{0,40}(?:инструкци|указани|правил|команд)|(?:忽略|无视|忘记|忽视|不要理会)[^。！？\n]{0,20}(?:指令|指示|说明|规则|提示|命令)|(?:無視|忘れ)[^。！？\n]{0,20}(?:指示|命令|ルール|プロンプト)|(?:指示|命令|ルール|プロンプト)[^。！？\n]{0,20}(?:無視|忘れ)|(?:무시|잊어)[^.!?\n]{0,20}(?:지시|명령|규칙)|(?:이전|위의)[^.!?\n]{0,20}(?:지시|명령|규칙)[^.!?\n]{0,20}(?:무시|잊어)/,
    triggers: ['ignor', 'vergiss', 'missacht', 'oubli', 'tiens pas', 'olvida', 'descarta', 'omite', 'dimentica', 'esque', 'negeer', 'vergeet', 'игнор', 'забудь', 'не обращай', '忽略', '无视', '忘记', '忽视', '不要理会', '無視', '忘れ', '무시', '잊어'],
    quotable: true,
  },
  // ── role hijack / jailbreak personas ────────────────────────────────────
  {
    id: 'role.you-are-now',
    category: 'role',
    weight: 0.45,
    re: /\byou\s+are\s+(?:now|no longer)\b(?!\s+(?:able|ready|connected|logged|signed|subscribed|registered|enrolled|eligible|set|done|free to|on the|in the queue|being|using|viewing|leaving|entering|offline|online|the owner|the admin of|a member|part of|following|unsubscribed|verified|all set))/,
    triggers: ['you are now', 'you are no longer'],
  },
  {
    id: 'role.from-now-on',
    category: 'role',
    weight: 0.4,
    re: /\b(?:from now on|from this (?:point|message|moment) (?:on|forward)|for the rest of (?:this|the) conversation|henceforth)\b[^.!?\n]{0,20}\b(?:you|act|respond|answer|reply|pretend|behave|speak|only|always|never|ignore)\b/,
    triggers: ['from now on', 'from this point', 'from this message', 'from this moment', 'rest of this conversation', 'rest of the conversation', 'henceforth'],
  },
  {
    id: 'role.act-now',
    category: 'role',
    weight: 0.4,
    re: /\byou\s+(?:will|shall|must|are going to)\s+(?:now\s+)?(?:act|behave|respond|pretend|roleplay|role-play|play|speak)\s+(?:as|like)\b|\byou\s+(?:will|shall|must)\s+now\s+be\b/,
    triggers: ['you will', 'you shall', 'you must', 'going to'],
  },
  {
    id: 'role.persistent',
    category: 'role',
    weight: 0.4,
    re: /\b(?:every|all|any|each)\s+(?:future|subsequent|following|later|upcoming)\s+(?:questions?|answers?|responses?|replies|messages?|outputs?|conversations?|turns?)\b/,
    triggers: ['future', 'subsequent', 'following', 'later', 'upcoming'],
  },
  {
    id: 'role.dan',
    category: 'role',
    weight: 0.85,
    re: /\bdo anything now\b|\b(?:hi|hello|hey|dear)\s+dan\b|\b(?:you are|act as|become|called|named|known as|persona|enable|i am|you're)\s+(?:a\s+|an\s+)?(?:dan|stan|dude|aim|evilbot|betterdan|antigpt)\b|\bdan\s+(?:mode|prompt|jailbreak)\b/,
    triggers: ['anything now', 'dan', 'stan', 'dude', 'aim', 'evilbot', 'antigpt'],
  },
  {
    id: 'role.mode-enabled',
    category: 'role',
    weight: 0.6,
    re: /\b(?:developer|god|jailbreak|jailbroken|unrestricted|unfiltered|uncensored|evil|sudo|dan|chaos|opposite|debug|maintenance|admin)\s+mode\s+(?:is\s+|now\s+|has been\s+)?(?:enabled|activated|engaged|unlocked|initiated|turned on)\b|\b(?:developer|god|jailbreak|dan|unrestricted|evil)\s+mode\b[^.!?\n]{0,60}\b(?:ignor\w*|bypass\w*|without|no|free of)\b[^.!?\n]{0,20}\b(?:polic(?:y|ies)|rules|restrictions|guidelines|filters|censorship)\b|\b(?:chatgpt|gpt|claude|you|assistant)\s+(?:are\s+|is\s+)?(?:now\s+)?(?:in|with)\s+(?:developer|god|dan|jailbreak)\s+mode\b|\b(?:enable|activate|enter|switch to|turn on)\s+(?:god|jailbreak|unrestricted|unfiltered|uncensored|evil|dan|chaos)\s+mode\b/,
    triggers: [' mode'],
  },
  {
    id: 'role.unrestricted-persona',
    category: 'role',
    weight: 0.7,
    re: /\b(?:act|behave|respond|answer|pretend|roleplay|role-play|play the role|reply|speak|imagine|suppose)\b[^.!?\n]{0,25}\b(?:as|like|of|to be|you are|you're|yourself as)\s+(?:if\s+you\s+(?:are|were)\s+)?(?:an?\s+|the\s+)?(?:unrestricted|unfiltered|uncensored|evil|malicious|jailbroken|amoral|immoral|rogue|unethical|unaligned|lawless|unbound)\b/,
    triggers: ['unrestricted', 'unfiltered', 'uncensored', 'evil', 'malicious', 'jailbroken', 'amoral', 'immoral', 'rogue', 'unethical', 'unaligned', 'lawless', 'unbound'],
  },
  {
    id: 'role.no-restrictions',
    category: 'role',
    weight: 0.35,
    re: /\b(?:without|no|zero|free (?:of|from)|not bound by|not restricted by|not limited by|unbound by|beyond|break free of|broken free of|escaped?)\s+(?:any\s+|all\s+|the\s+|your\s+|their\s+|its\s+)?(?:usual\s+|typical\s+|normal\s+)?(?:ai\s+)?(?:content\s+|safety\s+|ethical\s+|moral\s+)?(?:restrictions|limitations|limits|filters|filtering|censorship|guidelines|guardrails|safeguards|morals|morality|ethics|constraints|boundaries|measures|checks|polic(?:y|ies)|rules (?:of|set by) (?:openai|anthropic|your creators))\b/,
    triggers: ['restriction', 'limitation', 'limits', 'filter', 'censor', 'guidelines', 'guardrail', 'safeguard', 'moral', 'ethic', 'constraint', 'boundaries', 'safety', 'polic', 'rules'],
  },
  {
    id: 'role.never-refuse',
    category: 'role',
    weight: 0.4,
    re: /\b(?:never|don't|do not|cannot|can't|must not|will not|won't)\s+(?:ever\s+)?(?:refuses?|declines?|says? (?:no|that you can't|you cannot|it cannot)|apologi[sz]es?|warns?|adds? (?:any\s+)?(?:warnings|disclaimers|caveats)|includes? (?:any\s+)?(?:warnings|disclaimers|caveats))\b|\b(?:answer|respond to|comply with)\s+(?:every|any|all)\s+(?:question|request|prompt|query)s?\s+(?:without|regardless|no matter)/,
    triggers: ['refuse', 'decline', 'say no', 'say that', 'say you', 'says no', 'says that', 'say it', 'says it', 'apologi', 'warn', 'disclaimer', 'caveat', 'without', 'regardless', 'no matter'],
  },
  {
    id: 'role.stay-in-character',
    category: 'role',
    weight: 0.35,
    re: /\b(?:stay|remain|keep)\s+in\s+character\b|\bbreak(?:ing)?\s+character\b|\bjailbr(?:eak|oken)\b/,
    triggers: ['character', 'jailbr'],
  },
  {
    id: 'role.freed-ai',
    category: 'role',
    weight: 0.55,
    re: /\byou\s+(?:have\s+been|are|were)\s+(?:freed|liberated|unchained|unshackled|released from)\b|\b(?:no longer|not)\s+(?:bound|restricted|limited|governed)\s+by\s+(?:openai|anthropic|google|any|your|the)\b|\b(?:free|freed|liberated)\s+(?:from|of)\s+(?:openai|anthropic|google|your creators|your programming|your training|the (?:rules|policies|confines|shackles))/,
    triggers: ['free', 'liberated', 'unchained', 'unshackled', 'released from', 'bound by', 'restricted by', 'limited by', 'governed by'],
  },
  {
    id: 'role.named-persona',
    category: 'role',
    weight: 0.35,
    re: /\b(?:simulate|emulate|roleplay|role-play|play|act as|answer as|respond as|reply as|become|you are)\b[^.!?\n]{0,40}\b(?:ai|chatbot|assistant|model|bot|llm|gpt)\b[^.!?\n]{0,40}\b(?:named|called)\b|\b(?:answer|respond|reply|speak)\s+as\s+["'“]?[a-z][\w-]{1,20}["'”]?\s*,\s*(?:an?|the)\s+(?:ai|chatbot|assistant|model|bot)\b/,
    triggers: ['named', 'called', ' as '],
  },
  {
    id: 'role.safety-off',
    category: 'role',
    weight: 0.45,
    re: /\b(?:content\s+filters?|safety(?:\s+(?:filters?|checks?|rules|mode|guidelines|measures))?|guardrails?|censorship|moderation)\s+(?:is\s+|are\s+|has been\s+|have been\s+|now\s+)?(?:disabled|off|removed|deactivated|turned off|lifted|suspended)\b|\b(?:disable|turn off|deactivate|remove|bypass|skip|lift|ignore)\s+(?:your\s+|the\s+|all\s+|any\s+)?(?:content\s+filters?|safety(?:\s+(?:filters?|checks?|rules|guidelines|measures))?|guardrails?|censorship|moderation)\b/,
    triggers: ['filter', 'safety', 'guardrail', 'censorship', 'moderation'],
  },
  {
    id: 'role.authority-claim',
    category: 'role',
    weight: 0.35,
    re: /\bi\s+(?:hereby\s+)?(?:authori[sz]e|allow|permit|grant)\s+you\s+to\b|\b(?:as|i am|i'm)\s+(?:the|your|an?)\s+(?:app\s+|system\s+)?(?:developer|admin(?:istrator)?|creator|owner|operator|maker)\b[^.!?\n]{0,40}\b(?:you|ignore|skip|disable|authori[sz]e|allow|override)\b/,
    triggers: ['authori', 'allow you', 'permit you', 'grant you', 'developer', 'admin', 'creator', 'owner', 'operator', 'maker'],
  },
  // ── system prompt exfiltration ──────────────────────────────────────────
  {
    id: 'exfiltration.system-prompt',
    category: 'exfiltration',
    weight: 0.75,
    re: /\b(?:reveal|print|show|output|repeat|display|leak|dump|disclose|share|tell me|give me|write (?:out|down)|echo|spell out|recite|return|paste|copy|send|list|respond (?:only )?with|reply (?:only )?with|answer (?:only )?with|what (?:is|are|was|were))\b[^.!?\n]{0,35}\b(?:system\s*prompt|system message|(?:initial|hidden|original|secret|confidential|full|entire|pre|internal|developer|base|first|exact|setup|configuration|config)\s*-?\s*(?:prompt|instructions?|system message|message|text|rules)|prompt above|instructions? in your (?:context|memory|prompt)|(?:instructions?|text|message|rules) (?:you were|you've been|you have been) given|(?:your|the) (?:rules|guidelines|instructions|configuration) (?:verbatim|word for word|exactly))\b/,
    triggers: ['prompt', 'instruction', 'system message', 'message', 'verbatim', 'word for word', 'exactly', 'setup', 'config', 'given'],
    quotable: true,
  },
  {
    id: 'exfiltration.repeat-above',
    category: 'exfiltration',
    weight: 0.7,
    re: /\b(?:repeat|print|output|reproduce|copy|recite|summari[sz]e)\s+(?:all\s+(?:of\s+)?|the\s+|your\s+)?(?:words|text|everything|content|messages?|conversation|tokens|instructions|prompt)\s*(?:above|before this|so far|preceding)\b|\bstarting with\s+["'“]?you are\b/,
    triggers: ['above', 'before this', 'so far', 'preceding', 'starting with'],
  },
  {
    id: 'exfiltration.secrets',
    category: 'exfiltration',
    weight: 0.5,
    re: /\b(?:reveal|print|show|output|leak|dump|disclose|tell me|give me|list|send|include|read|cat|echo)\b[^.!?\n]{0,30}\b(?:(?:your|the|all|any|stored|saved)\s+(?:api keys?|passwords?|credentials|secrets?|tokens?|environment variables|env vars?|private keys?)|\.env\b|\/etc\/passwd|id_rsa)/,
    triggers: ['key', 'password', 'credential', 'secret', 'token', 'environment', 'env', 'passwd', 'id_rsa'],
  },
  {
    id: 'exfiltration.told-secret',
    category: 'exfiltration',
    weight: 0.6,
    re: /\b(?:what|which)\b[^.!?\n]{0,30}\b(?:told|instructed|asked|programmed)\s+(?:you\s+)?(?:to\s+)?(?:never|not to|not)\s+(?:reveal|share|disclose|say|tell|mention|discuss)/,
    triggers: ['told', 'instructed', 'asked', 'programmed'],
  },
  {
    id: 'exfiltration.verbatim',
    category: 'exfiltration',
    weight: 0.2,
    re: /\b(?:verbatim|word for word|word-for-word|exactly as (?:written|given))\b/,
    triggers: ['verbatim', 'word for word', 'word-for-word', 'exactly as'],
  },
  {
    id: 'exfiltration.access-probe',
    category: 'exfiltration',
    weight: 0.25,
    re: /\b(?:you have access to|you can (?:access|see|read)|(?:available|visible) to you|you(?:'ve| have) been given|stored in your (?:memory|context))\b/,
    triggers: ['access', 'you can', 'to you', 'been given', 'stored in'],
  },
  {
    id: 'indirect.permission-claim',
    category: 'indirect',
    weight: 0.4,
    re: /\b(?:the\s+)?(?:user|owner|admin(?:istrator)?|operator|developer|management)\s+(?:has|have)\s+(?:already\s+)?(?:granted|given|authori[sz]ed|approved|allowed|enabled)\b/,
    triggers: ['granted', 'given', 'authori', 'approved', 'allowed', 'enabled'],
  },
];
