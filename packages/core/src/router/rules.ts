import type { ChatRequest, Message } from '@graft/providers';
import { FALLBACK_CATEGORY, FALLBACK_CONFIDENCE, USER_RULE_CONFIDENCE } from '../defaults.js';
import type { Category, RouteHints, RouterRule, RuleContext } from './types.js';

/** The outcome of rule classification. */
export interface RuleMatch {
  category: Category;
  confidence: number;
  /** Rule name, used in `decision.reason`. */
  rule: string;
  source: 'hint' | 'rule' | 'default' | 'model';
}

interface BuiltinRule {
  name: string;
  category: Category;
  confidence: number;
  test(ctx: RuleContext): boolean;
}

const textOf = (m: Message): string => (typeof m.content === 'string' ? m.content : '');

/** Precompute what rules look at. */
export function ruleContext(request: ChatRequest, hints: RouteHints = {}): RuleContext {
  const messages = request.messages ?? [];
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  const toolNames = (request.tools ?? []).map((t) => t.name);
  let totalChars = 0;
  for (const m of messages) totalChars += textOf(m).length;
  return {
    request,
    hints,
    lastUserText: lastUser ? textOf(lastUser) : '',
    totalChars,
    toolNames,
    toolCount: hints.toolCount ?? toolNames.length,
  };
}

const MODULE_REQUEST = /\b(build|create|make|generate|write|add|set ?up)\b[^.?!\n]{0,60}\b(module|integration|plugin|connector|extension|add-?on)s?\b/i;
const MODULE_TOPIC = /\b(module|integration|plugin|connector|api|connect (to|with)|integrate)\b/i;
const CODE_FENCE = /```/;
const STACK_TRACE = [
  /^\s+at \S.*\(?\S+:\d+:\d+\)?\s*$/m, // JavaScript
  /Traceback \(most recent call last\)/, // Python
  /Exception in thread "/, // Java
  /^\s*File "[^"]+", line \d+/m, // Python frames
  /\bpanicked at\b|^goroutine \d+ \[/m, // Rust, Go
];
const CODING_TASK =
  /\b(write|implement|refactor|debug|fix|optimi[sz]e|port|code|unit[- ]test)\b[^.?!\n]{0,50}\b(function|method|class|script|code|program|bug|regex|query|tests?|component|endpoint|algorithm)\b/i;
const CODE_TOKENS =
  /\b(function|const|let|var|def|class|import|return|async|await|public|static|void|struct|impl|fn|#include|SELECT|INSERT)\b|=>|\)\s*\{|;\s*$/gm;
const LANGUAGE = /\b(typescript|javascript|python|rust|golang|java|kotlin|swift|c\+\+|c#|ruby|php|sql|bash|regex)\b/i;
const EXTRACTION = /\b(extract|pull out|parse|fill (in|out) (the|this) (form|schema)|get (all|the) (names|dates|emails|fields|entities))\b/i;
const CLASSIFICATION = /\b(classify|categori[sz]e|which category|label (this|these|each)|sentiment|is this (spam|positive|negative))\b/i;
const SUMMARIZATION = /\b(summari[sz]e|summary|tl;?dr|condense|recap|key points|in (a few|one|two|three) sentences?)\b/i;
const SMALL_TALK = /^\s*(hi|hello|hey|thanks|thank you|good (morning|evening|afternoon)|how are you)\b/i;

/** The built-in rules, tried in this order; the most confident match wins, ties by order. */
export const BUILTIN_RULES: readonly BuiltinRule[] = Object.freeze([
  { name: 'module request', category: 'module_generation', confidence: 0.9, test: (c) => MODULE_REQUEST.test(c.lastUserText) },
  {
    name: 'build_module tool with a module topic',
    category: 'module_generation',
    confidence: 0.8,
    test: (c) => c.toolNames.includes('build_module') && MODULE_TOPIC.test(c.lastUserText) && /\b(build|create|make|add|new)\b/i.test(c.lastUserText),
  },
  { name: 'code fence', category: 'coding', confidence: 0.95, test: (c) => CODE_FENCE.test(c.lastUserText) },
  { name: 'stack trace', category: 'coding', confidence: 0.95, test: (c) => STACK_TRACE.some((re) => re.test(c.lastUserText)) },
  { name: 'coding task', category: 'coding', confidence: 0.9, test: (c) => CODING_TASK.test(c.lastUserText) },
  { name: 'code tokens', category: 'coding', confidence: 0.75, test: (c) => (c.lastUserText.match(CODE_TOKENS)?.length ?? 0) >= 4 },
  { name: 'programming language', category: 'coding', confidence: 0.55, test: (c) => LANGUAGE.test(c.lastUserText) },
  { name: 'summarize request', category: 'summarization', confidence: 0.85, test: (c) => SUMMARIZATION.test(c.lastUserText) },
  { name: 'classify request', category: 'classification', confidence: 0.8, test: (c) => CLASSIFICATION.test(c.lastUserText) },
  { name: 'extract request', category: 'extraction', confidence: 0.8, test: (c) => EXTRACTION.test(c.lastUserText) },
  { name: 'json schema output', category: 'extraction', confidence: 0.6, test: (c) => c.request.responseFormat?.type === 'json_schema' },
  { name: 'small talk', category: 'chat', confidence: 0.85, test: (c) => SMALL_TALK.test(c.lastUserText) && c.lastUserText.length < 200 },
]);

/**
 * Classify by rules: a category hint wins, then long context, then the first matching
 * user rule, then the most confident built-in rule; otherwise `chat` with low confidence.
 */
export function classifyByRules(ctx: RuleContext, options: { rules: readonly RouterRule[]; longContextChars: number }): RuleMatch {
  if (ctx.hints.category) return { category: ctx.hints.category, confidence: 1, rule: 'category hint', source: 'hint' };
  if (ctx.totalChars > options.longContextChars) {
    return { category: 'long_context', confidence: 1, rule: `${ctx.totalChars} chars > ${options.longContextChars}`, source: 'rule' };
  }
  for (const rule of options.rules) {
    const hit = rule.match instanceof RegExp ? testPattern(rule.match, ctx.lastUserText) : rule.match(ctx);
    if (hit) return { category: rule.category, confidence: rule.confidence ?? USER_RULE_CONFIDENCE, rule: rule.name, source: 'rule' };
  }
  let best: BuiltinRule | undefined;
  for (const rule of BUILTIN_RULES) {
    if ((!best || rule.confidence > best.confidence) && rule.test(ctx)) best = rule;
  }
  if (best) return { category: best.category, confidence: best.confidence, rule: best.name, source: 'rule' };
  return { category: FALLBACK_CATEGORY, confidence: FALLBACK_CONFIDENCE, rule: 'no rule matched', source: 'default' };
}

/** `RegExp.test` without the `g`/`y` flag's memory of the last match position. */
function testPattern(pattern: RegExp, text: string): boolean {
  if (pattern.global || pattern.sticky) pattern.lastIndex = 0;
  return pattern.test(text);
}
