import type { ChatProvider, ChatRequest, ChatResponse, StreamEvent } from '@graft/providers';

/** Built-in request categories; any other string is a user-defined category. */
export type BuiltinCategory = 'coding' | 'module_generation' | 'chat' | 'extraction' | 'classification' | 'summarization' | 'long_context';

/** A request category: a built-in one or any user-defined name. */
export type Category = BuiltinCategory | (string & {});

/** What the caller knows about a request beyond its messages. */
export interface RouteHints {
  /** Skip classification: route as this category. */
  category?: Category;
  /** Start one tier above the category's tier. */
  escalate?: boolean;
  /** Number of tools the agent offers (defaults to `request.tools.length`). */
  toolCount?: number;
}

/** Per-call options of `chat`/`stream`: the hints plus a listener for this call's decisions. */
export interface RouteOptions extends RouteHints {
  /** Called with each decision of this call (the first choice and every escalation). */
  onDecision?: (decision: RouteDecision) => void;
}

/** How a decision was reached. */
export type DecisionSource = 'hint' | 'rule' | 'model' | 'default' | 'escalation';

/** One routing decision, emitted for the first choice and for every escalation. */
export interface RouteDecision {
  /** The request's category. */
  category: Category;
  /** Tier name, e.g. `standard` or `heavy`. */
  tier: string;
  /** Id of the provider behind the tier. */
  provider: string;
  /** The model that will answer (the tier provider's model). */
  model: string;
  /** Why: the rule, hint, classifier answer or failure that led here. */
  reason: string;
  /** How confident the classification is, 0..1. */
  confidence: number;
  /** How the decision was reached. */
  source: DecisionSource;
  /** The tier this decision escalated from, when it is an escalation. */
  escalatedFrom?: string;
}

/** What rules see: the request, the hints and precomputed facts about it. */
export interface RuleContext {
  /** The request being routed. */
  request: ChatRequest;
  /** The caller's hints. */
  hints: RouteHints;
  /** Text of the last user message. */
  lastUserText: string;
  /** Total characters of all message contents. */
  totalChars: number;
  /** Names of the tools offered. */
  toolNames: string[];
  /** `hints.toolCount` or the number of tools offered. */
  toolCount: number;
}

/** A user-defined classification rule, tried before the built-in ones, in order. */
export interface RouterRule {
  /** Shown in `decision.reason`. */
  name: string;
  /** Category chosen when the rule matches. */
  category: Category;
  /** A pattern tested on the last user message, or a predicate. */
  match: RegExp | ((ctx: RuleContext) => boolean);
  /** Confidence of a match, 0..1 (default 0.9). */
  confidence?: number;
}

/** A classifier function: return a category (or `undefined` to keep the rules' answer). */
export type ClassifierFn = (
  request: ChatRequest,
  ctx: { categories: Category[]; rules: { category: Category; confidence: number } },
) => Category | undefined | Promise<Category | undefined>;

/** When and how the router moves a request to the next tier. */
export interface EscalationConfig {
  /** Tier order, lowest first (default `['standard', 'heavy']` plus other tiers in declaration order). */
  order?: string[];
  /** Which provider failures escalate: `'any'` (default; never a caller abort), `'retryable'` or `'never'`. */
  onError?: 'any' | 'retryable' | 'never';
  /** Escalate when the answer looks low-confidence (default true; `chat` only, not `stream`). */
  onLowConfidence?: boolean;
  /** Decides whether an answer is low-confidence (default: empty with no tool calls, cut by length, or server error). */
  isLowConfidence?: (response: ChatResponse, request: ChatRequest) => boolean;
}

/** Router configuration; validated with zod (bad config throws `RouterConfigError`). */
export interface RouterConfig {
  /** Providers by tier name, e.g. `{ standard, heavy }`. */
  tiers: Record<string, ChatProvider>;
  /** Category → tier overrides, merged over the defaults. */
  categories?: Record<string, string>;
  /** Tier for categories without a mapping (default `standard`, else the lowest tier). */
  defaultTier?: string;
  /** Extra rules, tried before the built-in ones. */
  rules?: RouterRule[];
  /** `'rules'` (default), `'model'` (ask the classifier tier when rules are unsure) or a function. */
  classify?: 'rules' | 'model' | ClassifierFn;
  /** Tier that runs the model classifier (default `standard`, else the lowest tier). */
  classifierTier?: string;
  /** Rules below this confidence consult the classifier (default 0.6). */
  classifierThreshold?: number;
  /** Requests whose messages total more characters than this are `long_context` (default 48,000). */
  longContextChars?: number;
  /** With at least this many tools, a request moves one tier up (default 24). */
  manyToolsThreshold?: number;
  /** When and how requests move up a tier (see {@link EscalationConfig}). */
  escalation?: EscalationConfig;
  /** Called with every decision. */
  onDecision?: (decision: RouteDecision) => void;
}

/**
 * The outcome of `router.chat`: the answering tier's `ChatResponse` (so a router can stand
 * wherever a provider's answer is expected) plus the decisions that led to it.
 */
export interface RoutedResponse extends ChatResponse {
  /** The decision that produced this response. */
  decision: RouteDecision;
  /** Every decision of this call, first choice first. */
  decisions: RouteDecision[];
}

/** The outcome of `router.stream`: iterate it for events; decisions fill in as it runs. */
export interface RoutedStream extends AsyncIterable<StreamEvent> {
  /** Every decision so far, first choice first. */
  readonly decisions: RouteDecision[];
}

/** Router events. */
export interface RouterEvents {
  /** Every decision: first choices and escalations. */
  decision: RouteDecision;
}

/** The tier router: classify a request, pick a tier, call it, escalate when needed. */
export interface Router {
  /** Rules-only decision, synchronous and side-effect free (nothing emitted). */
  decide(request: ChatRequest, hints?: RouteHints): RouteDecision;
  /** Full decision: rules, then the model classifier when configured and rules are unsure. Emits nothing. */
  resolve(request: ChatRequest, hints?: RouteHints): Promise<RouteDecision>;
  /** Route and perform a chat call, escalating on failure or low confidence. */
  chat(request: ChatRequest, options?: RouteOptions): Promise<RoutedResponse>;
  /** Route and stream; escalates on failures that happen before the first event. */
  stream(request: ChatRequest, options?: RouteOptions): RoutedStream;
  /** The provider of a tier (`'heavy'`) or of a category's tier (`'coding'`). */
  provider(tierOrCategory: string): ChatProvider;
  /** A `ChatProvider` that routes every call through this router (with fixed hints). */
  asProvider(hints?: RouteOptions): ChatProvider;
  /** Change configuration at runtime; validated, applied atomically, merged over the current one. */
  update(patch: Partial<RouterConfig>): void;
  /** Subscribe to events; returns an unsubscribe function. */
  on<E extends keyof RouterEvents>(event: E, listener: (payload: RouterEvents[E]) => void): () => void;
  /** The tier order in force (lowest first). */
  readonly tierOrder: readonly string[];
}
