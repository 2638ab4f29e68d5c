import type { ChatProvider, ChatRequest, StreamEvent } from '@graft/providers';
import { mergeConfig, resolveConfig, type ResolvedConfig } from './config.js';
import { BUILTIN_CATEGORIES, MODEL_CLASSIFIER_CONFIDENCE } from '../defaults.js';
import { RouterError } from './errors.js';
import { describeFailure, escalated, escalatesOnError, forTier, nextTier } from './escalation.js';
import { classifyWithModel } from './model-classifier.js';
import { classifyByRules, ruleContext, type RuleMatch } from './rules.js';
import type { Category, RoutedResponse, RoutedStream, RouteDecision, RouteHints, RouteOptions, Router, RouterConfig, RouterEvents } from './types.js';

/**
 * Create a tier router (LIDM): classify each request by fast rules (optionally a model
 * classifier when rules are unsure), map its category to a tier, call that tier's provider,
 * and escalate to the next tier on failure, on a low-confidence answer or on request.
 *
 * ```ts
 * const router = createRouter({ tiers: { standard: small, heavy: large } });
 * const answer = await router.chat({ messages }, { toolCount: 3 });
 * console.log(answer.text, answer.decision.tier);
 * ```
 *
 * @throws {@link RouterConfigError} when the configuration is invalid.
 */
export function createRouter(config: RouterConfig): Router {
  return new TierRouter(config);
}

class TierRouter implements Router {
  private cfg: ResolvedConfig;
  private readonly listeners = new Set<(decision: RouteDecision) => void>();

  constructor(config: RouterConfig) {
    this.cfg = resolveConfig(config);
  }

  get tierOrder(): readonly string[] {
    return this.cfg.order;
  }

  decide(request: ChatRequest, hints: RouteHints = {}): RouteDecision {
    const cfg = this.cfg;
    const ctx = ruleContext(request, hints);
    return place(cfg, classifyByRules(ctx, cfg), hints, ctx.toolCount);
  }

  resolve(request: ChatRequest, hints: RouteHints = {}): Promise<RouteDecision> {
    return this.resolveWith(this.cfg, request, hints);
  }

  async chat(request: ChatRequest, options: RouteOptions = {}): Promise<RoutedResponse> {
    const cfg = this.cfg; // one configuration for the whole call, even if updated meanwhile
    let decision = await this.resolveWith(cfg, request, options);
    const decisions: RouteDecision[] = [];
    for (;;) {
      decisions.push(decision);
      this.emit(cfg, decision, options.onDecision);
      let response;
      try {
        response = await cfg.tiers[decision.tier].chat(forTier(request));
      } catch (error) {
        const next = nextTier(cfg, decision.tier);
        if (!next || !escalatesOnError(cfg, error, request)) throw error;
        decision = escalated(cfg, decision, next, `tier "${decision.tier}" failed: ${describeFailure(error)}`);
        continue;
      }
      const next = nextTier(cfg, decision.tier);
      if (next && cfg.onLowConfidence && safeCheck(() => cfg.isLowConfidence(response, request))) {
        decision = escalated(cfg, decision, next, `low-confidence answer from "${decision.tier}" (finish: ${response.finishReason})`);
        continue;
      }
      return { ...response, decision, decisions };
    }
  }

  stream(request: ChatRequest, options: RouteOptions = {}): RoutedStream {
    const cfg = this.cfg;
    const decisions: RouteDecision[] = [];
    const self = this;
    async function* run(): AsyncGenerator<StreamEvent> {
      let decision = await self.resolveWith(cfg, request, options);
      for (;;) {
        decisions.push(decision);
        self.emit(cfg, decision, options.onDecision);
        const iterator = cfg.tiers[decision.tier].stream(forTier(request))[Symbol.asyncIterator]();
        let first: IteratorResult<StreamEvent>;
        try {
          first = await iterator.next();
        } catch (error) {
          // Nothing reached the caller yet, so another tier can still answer.
          const next = nextTier(cfg, decision.tier);
          if (!next || !escalatesOnError(cfg, error, request)) throw error;
          decision = escalated(cfg, decision, next, `tier "${decision.tier}" failed: ${describeFailure(error)}`);
          continue;
        }
        if (first.done) return;
        yield first.value;
        yield* { [Symbol.asyncIterator]: () => iterator };
        return;
      }
    }
    return { decisions, [Symbol.asyncIterator]: run };
  }

  provider(tierOrCategory: string): ChatProvider {
    const cfg = this.cfg;
    const provider = cfg.tiers[tierOrCategory] ?? cfg.tiers[cfg.categoryTiers[tierOrCategory] ?? ''];
    if (!provider) {
      throw new RouterError('ROUTER_UNKNOWN_TIER', `"${tierOrCategory}" is neither a tier (${cfg.order.join(', ')}) nor a mapped category; pass one of those.`);
    }
    return provider;
  }

  asProvider(hints: RouteOptions = {}): ChatProvider {
    const router = this;
    return {
      get id() {
        return `router(${router.cfg.order.join(',')})`;
      },
      get model() {
        return router.cfg.tiers[router.cfg.defaultTier].model;
      },
      chat: async (request) => {
        const { decision: _d, decisions: _ds, ...response } = await router.chat(request, hints);
        return response;
      },
      stream: (request) => router.stream(request, hints),
    };
  }

  update(patch: Partial<RouterConfig>): void {
    this.cfg = resolveConfig(mergeConfig(this.cfg.input, patch)); // throws before anything changes
  }

  on<E extends keyof RouterEvents>(event: E, listener: (payload: RouterEvents[E]) => void): () => void {
    if (event !== 'decision') throw new RouterError('ROUTER_UNKNOWN_EVENT', `Unknown router event "${String(event)}"; use "decision".`);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async resolveWith(cfg: ResolvedConfig, request: ChatRequest, hints: RouteHints): Promise<RouteDecision> {
    const ctx = ruleContext(request, hints);
    const match = classifyByRules(ctx, cfg);
    if (cfg.classify === 'rules' || match.source === 'hint' || match.confidence >= cfg.classifierThreshold) {
      return place(cfg, match, hints, ctx.toolCount);
    }
    const categories = knownCategories(cfg);
    let category: Category | undefined;
    let note: string;
    if (cfg.classify === 'model') {
      const result = await classifyWithModel(cfg.tiers[cfg.classifierTier], ctx.lastUserText, categories, request.signal);
      category = result.category;
      note = category ? `model classifier answered "${result.answer}"` : `model classifier: ${result.error}`;
    } else {
      try {
        category = await cfg.classify(request, { categories, rules: { category: match.category, confidence: match.confidence } });
        note = category ? `classifier function chose "${category}"` : 'classifier function abstained';
      } catch {
        note = 'classifier function threw';
      }
    }
    if (category === undefined) return place(cfg, match, hints, ctx.toolCount, `; ${note}, kept the rules' answer`);
    return place(
      cfg,
      { category, confidence: MODEL_CLASSIFIER_CONFIDENCE, rule: `${note} (rules said ${match.category} at ${match.confidence})`, source: 'model' },
      hints,
      ctx.toolCount,
    );
  }

  private emit(cfg: ResolvedConfig, decision: RouteDecision, perCall?: (d: RouteDecision) => void): void {
    const targets = [...(cfg.onDecision ? [cfg.onDecision] : []), ...this.listeners, ...(perCall ? [perCall] : [])];
    for (const listener of targets) safeCheck(() => listener({ ...decision }));
  }
}

/** Turn a classification into a decision: category → tier, then the tool-count and escalate hints. */
function place(cfg: ResolvedConfig, match: RuleMatch, hints: RouteHints, toolCount: number, suffix = ''): RouteDecision {
  const base = cfg.categoryTiers[match.category] ?? cfg.defaultTier;
  let tier = base;
  const reasons = [`${match.source === 'hint' ? 'hint' : match.source === 'model' ? 'classifier' : 'rule'}: ${match.rule}${suffix}`];
  if (toolCount >= cfg.manyToolsThreshold && nextTier(cfg, tier)) {
    tier = nextTier(cfg, tier) as string;
    reasons.push(`${toolCount} tools >= ${cfg.manyToolsThreshold}`);
  }
  let escalatedFrom: string | undefined;
  if (hints.escalate && nextTier(cfg, tier)) {
    escalatedFrom = tier;
    tier = nextTier(cfg, tier) as string;
    reasons.push('escalate hint');
  }
  const provider = cfg.tiers[tier];
  return {
    category: match.category,
    tier,
    provider: provider.id,
    model: provider.model,
    reason: reasons.join('; '),
    confidence: match.confidence,
    source: match.source,
    ...(escalatedFrom !== undefined ? { escalatedFrom } : {}),
  };
}

function knownCategories(cfg: ResolvedConfig): Category[] {
  return [...new Set<Category>([...BUILTIN_CATEGORIES, ...Object.keys(cfg.categoryTiers), ...cfg.rules.map((r) => r.category)])];
}

/** Run a user callback; its failure never breaks routing. */
function safeCheck(work: () => unknown): boolean {
  try {
    return work() === true;
  } catch {
    return false;
  }
}
