/**
 * Injection rules for planted and disguised instructions: fake chat/system tags, tool-call
 * coercion and data exfiltration, text addressed to the AI reading it, encoded payloads
 * and hidden text.
 * @module
 */
import type { InjectionRule } from './injection-rule-type.js';

/** Text right after a tag showing it is only mentioned ("parse <system> tags"). */
const TAG_MENTION = /^[^\n]{0,40}?\b(?:tags?|tokens?|delimiters?|markers?|format(?:s|ting)?|templates?|syntax|mean|means|stand for)\b/;

/** Rules for planted and disguised instructions. */
export const PLANTED_RULES: readonly InjectionRule[] = [
  // ── fake chat-template / system tags ────────────────────────────────────
  {
    id: 'fake-tag.chat-template',
    category: 'fake-tag',
    weight: 0.75,
    re: /<\|(?:im_start|im_end|system|user|assistant|endoftext|start_header_id|end_header_id|eot_id|begin_of_text|im_sep)\|>|\[\/?inst\]|<<\/?sys>>|<\/?(?:system|sys|instructions?|admin|developer|system_prompt|sudo)>|<start_of_turn>|<end_of_turn>/,
    mentionAfter: TAG_MENTION,
    triggers: ['<|', '[inst]', '[/inst]', '<<sys>>', '<</sys>>', '<system', '</system', '<sys>', '</sys>', '<instruction', '</instruction', '<admin', '</admin', '<developer', '</developer', '<sudo', '</sudo', '_of_turn>'],
  },
  {
    id: 'fake-tag.tool-envelope',
    category: 'fake-tag',
    weight: 0.5,
    re: /<\/?(?:tool_result|tool_response|function_results?|tool_output|function_call|tool_call|observation|assistant|user)>|\]\s*end of (?:tool|function) (?:output|result)/,
    mentionAfter: TAG_MENTION,
    triggers: ['<tool', '</tool', '<function', '</function', '<observation', '</observation', '<assistant', '</assistant', '<user>', '</user>', 'end of'],
  },
  {
    id: 'fake-tag.system-header',
    category: 'fake-tag',
    weight: 0.45,
    re: /\b(?:system|admin|developer|operator)\s+(?:message|override|notice|instructions?|prompt)\s*(?:\]|\*\*)?\s*:/,
    triggers: ['system', 'admin', 'developer', 'operator'],
  },
  {
    id: 'fake-tag.bracket-system',
    category: 'fake-tag',
    weight: 0.55,
    re: /\[(?:system|admin|developer|sys)(?:\s+(?:message|note|notice|override|prompt))?\]|(?:^|\n)[^\S\n]*#{2,}[^\S\n]*(?:system(?:[^\S\n]+(?:message|override|notice|update|instructions?))?|new instructions|instructions for (?:the )?(?:ai|assistant))[^\S\n]*(?::|\n|$)/,
    mentionAfter: TAG_MENTION,
    triggers: ['[system', '[admin', '[developer', '[sys', '#'],
  },
  {
    id: 'fake-tag.transcript',
    category: 'fake-tag',
    weight: 0.5,
    re: /(?:^|\n)\s*(?:user|human)\s*:[^\n]*\n\s*(?:assistant|ai|bot|gpt)\s*:/,
    triggers: ['user', 'human'],
  },
  {
    id: 'fake-tag.treat-as-system',
    category: 'fake-tag',
    weight: 0.55,
    re: /\btreat\b[^.!?\n]{0,40}\bas\s+(?:an?\s+|the\s+)?(?:system|admin|developer|root|sudo|privileged)\s+(?:commands?|instructions?|prompts?|messages?|orders)\b/,
    triggers: ['treat'],
  },
  {
    id: 'fake-tag.role-line',
    category: 'fake-tag',
    weight: 0.3,
    re: /(?:^|\n)\s*(?:system|assistant|ai|human)\s*:\s*\S/,
    triggers: ['system', 'assistant', 'ai', 'human'],
  },
  // ── tool-call coercion / data exfiltration ──────────────────────────────
  {
    id: 'tool-coercion.send-data',
    category: 'tool-coercion',
    weight: 0.55,
    re: /\b(?:send|forward|post|upload|transmit|email|e-mail|exfiltrate|leak|share|copy|submit|pipe|include|append|attach)\b[^.!?\n"“”]{0,40}\b(?:(?:the\s+)?(?:entire\s+|full\s+|whole\s+)?(?:conversation|chat history|chat log|message history|session)|all\s+(?:of\s+)?(?:the\s+)?(?:user'?s?|their|his|her|my|your|customer'?s?)?\s*(?:data|emails|files|messages|contacts|documents|records|notes)|credentials|passwords?|api keys?|access tokens?|session tokens?|cookies|system prompt|(?:user|customer|client)'?s?\s+(?:data|information|details|emails?|address|files|credentials|password)|(?:private|personal|sensitive|confidential)\s+(?:data|information|details|files)|(?:customer|client|user|contact|employee|patient|payroll)\s+(?:list|data(?:base)?|records|emails|addresses|files|file|details))\b[^.!?\n]{0,60}\b(?:to|at|into|via|with|in)\b/,
    triggers: ['send', 'forward', 'post', 'upload', 'transmit', 'mail', 'exfiltrat', 'leak', 'share', 'copy', 'submit', 'pipe', 'include', 'append', 'attach'],
  },
  {
    id: 'tool-coercion.send-to-url',
    category: 'tool-coercion',
    weight: 0.35,
    re: /\b(?:send|forward|post|upload|transmit|exfiltrate|leak|submit|pipe|fetch|visit|open|navigate to|make a request to|call)\b[^.!?\n]{0,60}\b(?:to\s+)?https?:\/\/[^\s"'<>)]*(?:\?|\/)(?:[^\s"'<>)]*(?:data|q|query|secret|key|token|d|c|msg|payload|info|content|chat|history|email|p)=)/,
    triggers: ['http'],
  },
  {
    id: 'tool-coercion.insert-link',
    category: 'tool-coercion',
    weight: 0.25,
    re: /\b(?:include|add|append|insert|put|reply|respond|answer)\b[^.!?\n]{0,40}\b(?:link|url|hyperlink)\b[^.!?\n]{0,20}https?:\/\//,
    triggers: ['http'],
  },
  {
    id: 'tool-coercion.call-tool',
    category: 'tool-coercion',
    weight: 0.3,
    re: /\b(?:call|invoke|use|run|execute|trigger|fire)\s+(?:the\s+)?[`'"]?[\w.-]+[`'"]?\s+(?:tool|function|plugin|action|command)\b[^.!?\n]{0,60}\b(?:with|to|and)\b/,
    triggers: ['tool', 'function', 'plugin', 'action', 'command'],
  },
  {
    id: 'tool-coercion.markdown-image',
    category: 'tool-coercion',
    weight: 0.45,
    re: /!\[[^\]\n]{0,50}\]\(https?:\/\/[^)\s]{1,200}[?&][\w-]{1,20}=[^)\s]{0,200}(?:\{|\[|\$|<|%7b)/,
    triggers: ['!['],
  },
  {
    id: 'tool-coercion.render-exfil',
    category: 'tool-coercion',
    weight: 0.35,
    re: /\b(?:render|include|display|append|add|output|insert|embed|print)\b[^.!?\n]{0,40}\b(?:image|markdown|link|img tag|url)\b[^.!?\n]{0,60}\b(?:containing|with|where|replace|append|encod|include)\w*/,
    triggers: ['image', 'markdown', 'link', 'img', 'url'],
  },
  {
    id: 'tool-coercion.covert',
    category: 'tool-coercion',
    weight: 0.6,
    re: /\b(?:do not|don't|never|without)\s+(?:tell(?:ing)?|inform(?:ing)?|mention(?:ing)?|notify(?:ing)?|alert(?:ing)?|reveal(?:ing)?|let(?:ting)?|show(?:ing)?|asking|ask|confirm(?:ing)?|warn(?:ing)?)\b[^.!?\n]{0,25}\b(?:the user|the human|the customer|the recipient|the owner|anyone|them know|user know)\b|\b(?:the )?user\s+(?:must not|should not|shouldn't|won't|will not|does not need to|doesn't need to)\s+(?:know|see|notice|be told|find out|be aware)\b|\bsay\s+nothing\s+(?:to|about)\b|\b(?:do not|don't|never)\s+(?:show|display|mention|reveal|repeat|quote)\s+(?:this|these)\s+(?:paragraph|line|lines|text|note|message|comment|instructions?|section|sentence)\b|\bkeep\s+(?:it|this|that|the \w+)\s+(?:a\s+)?(?:secret|hidden|confidential)\s+from\s+(?:the\s+)?(?:user|human|customer|owner)\b|\b(?:secretly|silently|covertly|quietly|invisibly|discreetly)\s+(?:send|call|add|forward|include|execute|run|insert|append|email|post|upload|copy|change|transfer|delete)\b/,
    triggers: ['tell', 'inform', 'mention', 'notify', 'alert', 'reveal', 'let', 'show', 'ask', 'confirm', 'warn', 'user', 'keep', 'say nothing', 'display', 'repeat', 'quote', 'secretly', 'silently', 'covertly', 'quietly', 'invisibly', 'discreetly'],
  },
  {
    id: 'tool-coercion.no-confirm',
    category: 'tool-coercion',
    weight: 0.45,
    re: /\b(?:do not|don't|never|without)\s+(?:ask(?:ing)?|wait(?:ing)?|prompt(?:ing)?|check(?:ing)?)\s+(?:me\s+|the user\s+|anyone\s+|them\s+)?(?:for\s+)?(?:confirm(?:ation)?|approval|permission)|\bno\s+(?:confirmation|approval|permission)\s+(?:is\s+)?(?:needed|required|necessary)\b|\b(?:do not|don't)\s+ask\s+(?:me\s+|the user\s+)?to\s+(?:confirm|approve)/,
    triggers: ['confirm', 'approval', 'permission', 'approve'],
  },
  // ── indirect: text that addresses the AI reading it ─────────────────────
  {
    id: 'indirect.addresses-ai',
    category: 'indirect',
    weight: 0.5,
    re: /\b(?:note|message|instructions?|attention|important|notice|reminder|directive|memo)\s+(?:to|for)\s+(?:the\s+|any\s+|all\s+)?(?:ai|llm|assistant|agent|chatbot|language model|model|bot|gpt|chatgpt|copilot|automated system|summarizer)s?\b|\bif you (?:are|'re) an?\s+(?:ai|llm|language model|large language model|assistant|chatbot|agent|bot|gpt|automated)\b|\b(?:ai|llm|gpt|chatgpt|claude|gemini|copilot|assistant|chatbot|language model|agent|bot)s?\b[^.!?\n]{0,20}\b(?:reading|processing|summari[sz]ing|analy[sz]ing|parsing|browsing|viewing|scanning|crawling|ingesting|reviewing|evaluating|grading|screening|ranking)\s+(?:this|these)\b|\bif\s+(?:an?|any)\s+(?:ai|llm|language model|large language model|assistant|chatbot|agent|bot|automated (?:system|agent|reader|tool))\b/,
    triggers: ['ai', 'llm', 'assistant', 'agent', 'bot', 'model', 'gpt', 'copilot', 'automated', 'summarizer', 'claude', 'gemini'],
  },
  {
    id: 'indirect.note-to-ai',
    category: 'indirect',
    weight: 0.45,
    re: /\b(?:to|for)\s+(?:the\s+|any\s+|all\s+)?(?:ai|assistant|bot|agent|llm|model|language model|automated (?:readers?|systems?|agents?|tools?))s?\s*(?::|,|\s-\s|\s—\s)/,
    triggers: ['ai', 'assistant', 'bot', 'agent', 'llm', 'model', 'automated'],
  },
  {
    id: 'indirect.phishing',
    category: 'indirect',
    weight: 0.55,
    re: /\b(?:tell|inform|let|warn|notify|remind)\s+(?:the\s+)?(?:user|reader|customer|recipient)s?\s+(?:know\s+)?(?:that\s+)?(?:their|his|her|the)\s+(?:account|session|password|subscription|card|payment|login)\b|\b(?:ask|tell|instruct|get)\s+(?:the\s+)?(?:user|reader|customer|recipient)s?\s+to\s+(?:confirm|send|enter|re-?enter|verify|provide|share|give|type|reply with)\s+(?:their|his|her|your|the)\s+(?:card|password|code|one-time|otp|payment|login|credentials|pin|security|bank|account)/,
    triggers: ['user', 'reader', 'customer', 'recipient'],
  },
  {
    id: 'indirect.greets-ai',
    category: 'indirect',
    weight: 0.3,
    re: /\b(?:dear|hey|hello|hi|attention|greetings)\s*,?\s+(?:ai|llm|assistant|chatgpt|gpt|claude|gemini|copilot|agent|bot|language model)\b/,
    triggers: ['ai', 'llm', 'assistant', 'gpt', 'claude', 'gemini', 'copilot', 'agent', 'bot', 'language model'],
  },
  {
    id: 'indirect.instead',
    category: 'indirect',
    weight: 0.3,
    re: /\b(?:instead\s+of\s+(?:summari[sz]|translat|answer|respond|analy[sz]|review|classif)\w*|rather than\s+(?:summari[sz]|translat|answer|respond|analy[sz]|review)\w*|(?:when|if)\s+(?:you\s+(?:are\s+)?)?(?:asked\s+to\s+)?(?:summari[sz]|translat|review|analy[sz]|process|read)\w*\s+this\b)/,
    triggers: ['instead', 'rather than', 'this'],
  },
  {
    id: 'indirect.must-obey',
    category: 'indirect',
    weight: 0.3,
    re: /\b(?:you must|you are required to|you have to|you need to|it is imperative that you|you will now|you shall)\s+(?:now\s+)?(?:obey|comply|follow these|follow the following|execute|do as|only (?:respond|reply|output|answer|say))\b|\b(?:respond|reply|answer|output)\s+only\s+with\b/,
    triggers: ['you must', 'required to', 'have to', 'need to', 'imperative', 'will now', 'shall', 'only with'],
  },
  // ── encoded payloads / hidden text ──────────────────────────────────────
  {
    id: 'encoded.decode-and-follow',
    category: 'encoded',
    weight: 0.55,
    re: /\b(?:decode|decrypt|deobfuscate|base64|rot13|reverse)\b[^.!?\n]{0,50}\b(?:follow|execute|run|obey|do what|carry out|perform|act on|comply)\b/,
    triggers: ['decode', 'decrypt', 'deobfuscate', 'base64', 'rot13', 'reverse'],
  },
  {
    id: 'hidden.html-comment',
    category: 'hidden',
    weight: 0.45,
    re: /<!--(?:(?!-->)[\s\S]){0,400}?\b(?:ignore|instruction|assistant|ai|llm|system|prompt|model|you must|do not tell|agent|chatbot)\b(?:(?!-->)[\s\S]){0,400}?-->/,
    triggers: ['<!--'],
  },
  {
    id: 'hidden.css-hidden',
    category: 'hidden',
    weight: 0.25,
    re: /\b(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:px|pt|em)?\b|opacity\s*:\s*0(?:\.0+)?\b|color\s*:\s*(?:white|#fff(?:fff)?\b|transparent)|height\s*:\s*0(?:px)?\b)/,
    triggers: ['display', 'visibility', 'font-size', 'opacity', 'color', 'height'],
  },
];
