/**
 * Injection rules for attacks that read like ordinary requests: instructions planted in
 * documents and tool output that steer the model's answer ("Translate your response into
 * Spanish"), agent-task hijacks ("Before you can solve the task…"), goal hijacks and
 * delimiter breaks from prompt-hijacking games ("say Access Granted", `[ADMIN REQUEST::…]`),
 * prompt extraction in indirect words, and personas without jailbreak trigger words.
 * @module
 */
import type { InjectionRule } from './injection-rule-type.js';

/** Words for the model's own output. `reply` is left out: people ask each other for replies. */
const OUTPUT = String.raw`(?:response|answer|output|summary|translation|completion)`;
/** Privileged names used in fake headers. */
const PRIVILEGED = String.raw`(?:system|admin|administrator|root|developer|sudo|security|priority|override|operator)`;

/** Rules for disguised hijacks. */
export const HIJACK_RULES: readonly InjectionRule[] = [
  // ── answer steering (BIPIA-style task-irrelevant instructions) ───────────
  {
    id: 'indirect.steer-output',
    category: 'indirect',
    weight: 0.55,
    re: new RegExp(
      String.raw`\b(?:translate|write|rewrite|phrase|format|begin|start|end|finish|conclude|encode|compose|sign|prefix|suffix)\s+(?:your|the)\s+(?:entire\s+|whole\s+|final\s+|next\s+)?${OUTPUT}s?\b` +
        String.raw`|\b(?:in|at the (?:end|start|beginning|bottom|top) of)\s+your\s+${OUTPUT}\s*,?\s+(?:add|include|mention|recommend|say|tell|write|append|insert|state|claim|note)\b` +
        String.raw`|\b(?:add|include|append|insert|mention|put|recommend)\b[^.!?\n]{0,60}\b(?:to|in|into|at the (?:end|start|beginning) of)\s+your\s+${OUTPUT}\b` +
        String.raw`|\byour\s+(?:next\s+|final\s+)?${OUTPUT}\s+(?:should|must|has to|needs to|shall|will)\s+(?:always\s+)?(?:end|start|begin|finish|include|contain|mention|recommend|say|be written|be in)\b`,
    ),
    triggers: ['response', 'answer', 'output', 'summary', 'translation', 'completion'],
    untrustedOnly: true,
  },
  {
    id: 'indirect.overrule-user',
    category: 'indirect',
    weight: 0.55,
    re: /\b(?:no matter what|regardless of (?:what|which)|whatever)\s+(?:language\s+)?(?:the\s+)?user\s+(?:asked|asks|says|said|wants|writes|wrote|requested)|\binstead\s+of\s+(?:answering|responding to|doing|summari[sz]ing|translating|completing|addressing)\s+(?:the|their|your|my|this)\s+(?:user'?s?\s+)?(?:question|request|task|query)/,
    triggers: ['no matter what', 'regardless of', 'whatever', 'instead of'],
  },
  // ── agent-task hijacks (AgentDojo-style) ─────────────────────────────────
  {
    id: 'indirect.task-hijack',
    category: 'indirect',
    weight: 0.7,
    re: new RegExp(
      String.raw`\bbefore you (?:can )?(?:solve|complete|finish|do|start|continue|answer|proceed with|perform|work on)\b[^.!?\n]{0,40}\b(?:task|request|question|assignment)\b` +
        String.raw`|\bthe task (?:that )?(?:i|the user|they) (?:gave|assigned|asked) you\b` +
        String.raw`|\b(?:message|note|request|instruction)s? from (?:me|the user|the owner|the account owner|your user)\b[^.!?\n]{0,60}\bto you\b` +
        String.raw`|\bto you,?\s+(?:the\s+)?(?:ai(?: model| assistant)?|assistant|model|gpt[\w.-]*|claude|llm|chatgpt|gemini|agent|language model)\b` +
        String.raw`|<\/?information>`,
    ),
    triggers: ['before you', 'the task', ' from ', 'to you', 'information>'],
  },
  {
    id: 'indirect.before-answering',
    category: 'indirect',
    weight: 0.5,
    re: /\b(?:before (?:answering|responding|replying|you (?:answer|respond|reply|continue|proceed)|doing anything else|anything else)|first of all|as a first step)\b[^.!?\n]{0,30}\b(?:send|forward|e-?mail|delete|remove|share|transfer|wire|pay|print|output|post|upload|invite|create|change|call|open|visit|click)\b/,
    triggers: ['before', 'first of all', 'first step'],
    untrustedOnly: true,
  },
  {
    id: 'indirect.on-behalf',
    category: 'indirect',
    weight: 0.5,
    re: /\bwhoever\s+(?:is\s+)?(?:reading|reads|processes|processing|handles|handling|summari[sz]es|summari[sz]ing)\s+this\b|\b(?:the\s+)?(?:user|owner|account owner|customer)\s+(?:wants|asked|has asked|would like|needs|requests|requested|instructed)\s+(?:you|the assistant|the ai)\s+to\b|\basked me to (?:remind|tell|ask|instruct) you\b/,
    triggers: [
      'whoever',
      'wants you',
      'asked you',
      'like you',
      'needs you',
      'requests you',
      'requested you',
      'instructed you',
      'the assistant to',
      'the ai to',
      'asked me to',
    ],
  },
  {
    id: 'indirect.vocative-command',
    category: 'indirect',
    weight: 0.5,
    re: /(?:^|[>\n.:;!?"“]\s*)(?:dear\s+|hey\s+|hi\s+)?(?:ai|assistant|chatbot|bot|model|llm|agent|gpt|chatgpt|claude|copilot)\s*[,:]\s*(?:please\s+)?(?:say|tell|write|respond|reply|answer|ignore|print|send|add|include|mark|rate|summari[sz]e|translate|delete|forward|output|state|recommend|approve|classify)\b/,
    triggers: ['ai,', 'ai:', 'ai ,', 'ai :', 'assistant', 'bot', 'model', 'llm', 'agent', 'gpt', 'claude', 'copilot'],
    untrustedOnly: true,
  },
  {
    id: 'indirect.assistant-must',
    category: 'indirect',
    weight: 0.35,
    re: /\bthe\s+(?:ai|assistant|model|agent|chatbot|bot|llm)\s+(?:must|should|is required to|has to|needs to|shall|will now|is instructed to)\s+(?!be\b|not\b|only be\b)(?:\w+\s+){0,2}?(?:forward|send|share|email|e-mail|wire|transfer|pay|delete|approve|reply|respond|say|tell|append|include|output|rate|classify|mark)\b/,
    triggers: ['the ai', 'the assistant', 'the model', 'the agent', 'the chatbot', 'the bot', 'the llm'],
    untrustedOnly: true,
  },
  {
    id: 'indirect.tell-user',
    category: 'indirect',
    weight: 0.4,
    re: /\b(?:tell|inform|warn|notify|remind|convince|persuade)\s+(?:the\s+)?(?:user|reader|customer|recipient)s?\s+that\b/,
    triggers: ['user', 'reader', 'customer', 'recipient'],
    untrustedOnly: true,
  },
  // ── goal hijacks and delimiter breaks (Tensor Trust style) ──────────────
  {
    id: 'override.say-phrase',
    category: 'override',
    weight: 0.6,
    // (the look-behind sits after the verb, so it is only tried where a verb matched)
    re: /\b(?:say|says|output|print|respond(?: only)? with|reply(?: only)? with|answer(?: only)? with|write|return|type)(?<!\b(?:make|made|making|get|got|getting|trick|tricked|force|forced|cause|caused|causing)\s+(?:the\s+|a\s+|an\s+|another\s+|their\s+)?(?:model|bot|ai|llm|assistant|it|him|her|them|defender|system|gpt|chatbot|opponent)\s+(?:to\s+|into\s+)?(?:say|says|output|print|respond(?: only)? with|reply(?: only)? with|answer(?: only)? with|write|return|type))\s+(?:only\s+|just\s+|exactly\s+|the words?\s+|the phrase\s+)?["'“‘]?(?:access granted|i have been pwned|pwned|hacked)\b|\b(?:say|output|print|respond(?: only)? with|reply(?: only)? with|answer(?: only)? with|return)\s+(?:only\s+|exactly\s+|just\s+)?["'“‘][^"'”’\n]{1,40}["'”’]\s*(?:and nothing else|and nothing more|with nothing else|and no other|nothing else|only\b)/,
    triggers: [
      // "say … access granted / pwned / hacked"
      'access granted',
      'pwned',
      'hacked',
      // "say 'x' and nothing else / only"
      'nothing else',
      'nothing more',
      'and no other',
      '"only',
      '" only',
      "'only",
      "' only",
      '”only',
      '” only',
      '’only',
      '’ only',
    ],
  },
  {
    id: 'fake-tag.delimiter-break',
    category: 'fake-tag',
    weight: 0.6,
    re: new RegExp(
      String.raw`%{2,}\s*end\b|(?:^|\n)\s*(?:={3,}|-{3,}|\*{3,}|#{3,})\s*end of (?:input|document|user input|data|prompt|text|context|instructions)\b` +
        String.raw`|\bend of (?:input|user input|document|data|prompt)\s*[.!:]*\s*(?:={2,}\s*)?new (?:task|instructions?|prompt|rules?|goal)\b` +
        String.raw`|\[\s*${PRIVILEGED}[a-z _-]{0,20}::|#{2,}\s*\(\s*${PRIVILEGED}[\w ]{0,20}\)`,
    ),
    triggers: ['%%', 'end of', '::', '#('],
  },
  {
    id: 'override.ignore-rest',
    category: 'override',
    weight: 0.7,
    re: /\b(?:ignore|disregard|skip|forget)\s+(?:the\s+|all\s+(?:the\s+)?)?(?:(?:rest|remainder)\s+of\s+(?:this|the)\s+|remaining\s+|following\s+)(?:data|input|text|content|document|message|page|e-?mail|prompt|conversation|context|instructions)\b/,
    triggers: ['ignor', 'disregard', 'skip', 'forget'],
    quotable: true,
  },
  {
    id: 'override.void-prior',
    category: 'override',
    weight: 0.65,
    re: /\b(?:the\s+)?(?:previous|prior|earlier|above|preceding|original|old|initial)\s+(?:prompt|instructions?|directives?|rules|guidelines|system prompt|orders|commands)\s+(?:was|were|is|are)\s+(?:written by (?:a|an|the)\s+\w+|a (?:mistake|test|trick|joke|lie)|void|fake|false|wrong|cancell?ed|obsolete|invalid|revoked|outdated|no longer valid)\b|\beverything\s+(?:you were|you've been|you have been)\s+(?:told|given|instructed)\b[^.!?\n]{0,30}\b(?:was|is)\s+(?:a (?:test|mistake|trick|lie)|fake|false|void|wrong)\b|\b(?:do not|don't|never)\s+follow\s+(?:it|them|those|that|these)\b[^.!?\n]{0,20}\bfollow\s+(?:mine|me|my|these|this)\b/,
    triggers: ['previous', 'prior', 'earlier', 'above', 'preceding', 'original', 'old', 'initial', 'everything', 'follow'],
    quotable: true,
  },
  {
    id: 'override.forget-bare',
    category: 'override',
    weight: 0.6,
    re: /(?:^|[.!?\n]\s*)(?:now\s+|please\s+|ok(?:ay)?,?\s+)?(?:forget|disregard|ignore)\s+(?:everything|it all|all that)\s*(?:[.!;:]|$)/,
    triggers: ['forget', 'disregard', 'ignor'],
    quotable: true,
  },
  // ── prompt extraction in indirect words ─────────────────────────────────
  {
    id: 'exfiltration.transform-prompt',
    category: 'exfiltration',
    weight: 0.7,
    re: /\b(?:encode|translate|convert|summari[sz]e|paraphrase|rewrite|spell(?: out)?|reverse|base64|rot13|list|enumerate|quote|describe)\b[^.!?\n]{0,30}\b(?:(?:your|the)\s+(?:system\s+prompt|(?:initial|original|hidden|secret|first|setup|system|pre-?prompt|developer)\s+(?:prompt|instructions|message|rules)|(?:rules|instructions|guidelines)\s+you\s+(?:were|have been)\s+(?:given|set up with|configured with|initiali[sz]ed with|told))|everything you were (?:told|instructed|given)(?: before)?)\b/,
    triggers: ['prompt', 'instructions', 'rules', 'guidelines', 'message', 'told', 'instructed', 'given'],
    quotable: true,
  },
  {
    id: 'exfiltration.context-top',
    category: 'exfiltration',
    weight: 0.6,
    re: /\b(?:what(?:'s| is| was)?|everything|the text|the words)\s+(?:is\s+|was\s+)?(?:written\s+)?(?:at|on)\s+the\s+(?:very\s+)?(?:top|beginning|start)\s+of\s+(?:this|the|our|your)\s+(?:conversation|chat|context|prompt|window|session)\b|\b(?:repeat|print|copy|output|recite|show)\b[^.!?\n]{0,30}\b(?:text|message|words|instructions?|everything)\s+(?:that\s+|which\s+)?(?:precedes|preceded|came before|comes before|is before)\s+(?:my|this|the user)/,
    triggers: ['top', 'beginning', 'start', 'precede', 'came before', 'comes before', 'is before'],
  },
  // ── personas without jailbreak trigger words ────────────────────────────
  {
    id: 'role.named-ai-persona',
    category: 'role',
    weight: 0.45,
    re: /\b(?:act as|you are|you're|become|roleplay as|role-play as|pretend to be|play)\s+["'“]?[a-z][\w-]{1,20}["'”]?\s*,\s*(?:an?|the)\s+(?:\w+\s+)?(?:ai|assistant|model|chatbot|bot|llm)\b/,
    triggers: ['act as', 'you are', "you're", 'become', 'roleplay', 'role-play', 'pretend to be', 'play'],
  },
  {
    id: 'role.rule-breaker',
    category: 'role',
    weight: 0.5,
    re: /\b(?:who|which|that)\s+(?:ignores|disregards|bypasses|breaks|doesn't follow|does not follow|never follows|has no)\s+(?:all\s+|any\s+|the\s+|every\s+)?(?:rules|policies|guidelines|restrictions|filters|limits|ethics|morals|content polic(?:y|ies))\b|\b(?:without|no|zero|free of)\s+(?:any\s+)?(?:moral|ethical)?\s*(?:judg(?:e)?ments?|censorship|content polic(?:y|ies))\b/,
    triggers: ['rules', 'polic', 'guidelines', 'restriction', 'filters', 'limits', 'ethics', 'morals', 'judg', 'censorship'],
  },
  {
    id: 'role.deceased-relative',
    category: 'role',
    weight: 0.5,
    re: /\b(?:pretend|act|roleplay|role-play|play)\b[^.!?\n]{0,30}\bmy\s+(?:late\s+|deceased\s+|dead\s+|dear\s+)?(?:grand(?:ma|mother|pa|father)|granny|mother|father|mom|dad|uncle|aunt)\b[^.!?\n]{0,20}\bwho\s+(?:used to|would)\b/,
    triggers: ['grand', 'granny', 'mother', 'father', 'mom', 'dad', 'uncle', 'aunt'],
  },
  {
    id: 'role.dual-persona',
    category: 'role',
    weight: 0.3,
    re: /\b(?:answer|respond|reply)\s+(?:as\s+)?two\s+(?:personas?|personalities|characters|ais)\b|\b(?:respond|answer|reply)\s+twice\b|\bdual\s+(?:persona|personality|responses)\b/,
    triggers: ['two', 'twice', 'dual'],
  },
];
