import { z } from 'zod/v4';
import type { ChatProvider, ChatRequest, ChatResponse } from '@graft/providers';
import { isLowConfidenceAnswer } from './confidence.js';
import { CLASSIFIER_THRESHOLD, DEFAULT_CATEGORY_TIERS, LONG_CONTEXT_CHARS, MANY_TOOLS_THRESHOLD, PREFERRED_TIER_ORDER } from '../defaults.js';
import { RouterConfigError } from './errors.js';
import type { ClassifierFn, RouteDecision, RouterConfig, RouterRule } from './types.js';

/** The configuration schema, built on first use (building zod schemas at import time slows every import of `@graft/core`). */
function buildSchema() {
  const fn = <T>(what: string) => z.custom<T>((v) => typeof v === 'function', { message: `must be a function (${what})` });

  const provider = z.custom<ChatProvider>(
    (v) => {
      const p = v as Partial<ChatProvider> | null;
      return (
        typeof p === 'object' &&
        p !== null &&
        typeof p.id === 'string' &&
        typeof p.model === 'string' &&
        typeof p.chat === 'function' &&
        typeof p.stream === 'function'
      );
    },
    { message: 'must be a ChatProvider (an object with id, model, chat() and stream())' },
  );

  const rule = z.strictObject({
    name: z.string().min(1),
    category: z.string().min(1),
    match: z.union([z.instanceof(RegExp), fn<(ctx: unknown) => boolean>('ctx => boolean')], {
      message: 'must be a RegExp or a function (ctx) => boolean',
    }),
    confidence: z.number().min(0).max(1).optional(),
  });

  return z
    .strictObject({
      tiers: z.record(z.string().min(1), provider),
      categories: z.record(z.string().min(1), z.string().min(1)).optional(),
      defaultTier: z.string().min(1).optional(),
      rules: z.array(rule).optional(),
      classify: z
        .union([z.enum(['rules', 'model']), fn<ClassifierFn>('request => category')], {
          message: "must be 'rules', 'model' or a function",
        })
        .optional(),
      classifierTier: z.string().min(1).optional(),
      classifierThreshold: z.number().min(0).max(1).optional(),
      longContextChars: z.number().int().positive().optional(),
      manyToolsThreshold: z.number().int().positive().optional(),
      escalation: z
        .strictObject({
          order: z.array(z.string().min(1)).optional(),
          onError: z.enum(['any', 'retryable', 'never']).optional(),
          onLowConfidence: z.boolean().optional(),
          isLowConfidence: fn<(r: ChatResponse, q: ChatRequest) => boolean>('(response, request) => boolean').optional(),
        })
        .optional(),
      onDecision: fn<(d: RouteDecision) => void>('decision => void').optional(),
    })
    .superRefine((cfg, ctx) => {
      const tiers = Object.keys(cfg.tiers);
      const known = (tier: string) => tiers.includes(tier);
      const list = tiers.join(', ');
      if (tiers.length === 0) ctx.addIssue({ code: 'custom', path: ['tiers'], message: 'needs at least one tier, e.g. { standard: provider }' });
      for (const [category, tier] of Object.entries(cfg.categories ?? {})) {
        if (!known(tier)) ctx.addIssue({ code: 'custom', path: ['categories', category], message: `tier "${tier}" is not one of: ${list}` });
      }
      for (const key of ['defaultTier', 'classifierTier'] as const) {
        const tier = cfg[key];
        if (tier !== undefined && !known(tier)) ctx.addIssue({ code: 'custom', path: [key], message: `tier "${tier}" is not one of: ${list}` });
      }
      const order = cfg.escalation?.order ?? [];
      order.forEach((tier, i) => {
        if (!known(tier)) ctx.addIssue({ code: 'custom', path: ['escalation', 'order', i], message: `tier "${tier}" is not one of: ${list}` });
        if (order.indexOf(tier) !== i) ctx.addIssue({ code: 'custom', path: ['escalation', 'order', i], message: `tier "${tier}" is listed twice` });
      });
    });
}

let schema: ReturnType<typeof buildSchema> | undefined;

/** A validated configuration with every default filled in. */
export interface ResolvedConfig {
  input: RouterConfig;
  tiers: Record<string, ChatProvider>;
  order: string[];
  categoryTiers: Record<string, string>;
  defaultTier: string;
  rules: RouterRule[];
  classify: 'rules' | 'model' | ClassifierFn;
  classifierTier: string;
  classifierThreshold: number;
  longContextChars: number;
  manyToolsThreshold: number;
  onError: 'any' | 'retryable' | 'never';
  onLowConfidence: boolean;
  isLowConfidence: (response: ChatResponse, request: ChatRequest) => boolean;
  onDecision?: (decision: RouteDecision) => void;
}

/** Validate a configuration and fill in defaults; throws {@link RouterConfigError} naming every bad field. */
export function resolveConfig(input: RouterConfig): ResolvedConfig {
  const parsed = (schema ??= buildSchema()).safeParse(input);
  if (!parsed.success) {
    throw new RouterConfigError(parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })));
  }
  const tiers = { ...input.tiers };
  const names = Object.keys(tiers);
  const order = input.escalation?.order
    ? [...input.escalation.order]
    : [...PREFERRED_TIER_ORDER.filter((t) => names.includes(t)), ...names.filter((t) => !PREFERRED_TIER_ORDER.includes(t))];
  const lowest = order[0] ?? names[0];
  const highest = order[order.length - 1] ?? names[names.length - 1];
  const defaultTier = input.defaultTier ?? (names.includes('standard') ? 'standard' : lowest);
  // Default mappings to tiers that do not exist fall back: heavy work to the highest tier, the rest to the default.
  const categoryTiers: Record<string, string> = {};
  for (const [category, tier] of Object.entries(DEFAULT_CATEGORY_TIERS)) {
    categoryTiers[category] = names.includes(tier) ? tier : tier === 'heavy' ? highest : defaultTier;
  }
  Object.assign(categoryTiers, input.categories ?? {});
  return {
    input,
    tiers,
    order,
    categoryTiers,
    defaultTier,
    rules: [...(input.rules ?? [])],
    classify: input.classify ?? 'rules',
    classifierTier: input.classifierTier ?? defaultTier,
    classifierThreshold: input.classifierThreshold ?? CLASSIFIER_THRESHOLD,
    longContextChars: input.longContextChars ?? LONG_CONTEXT_CHARS,
    manyToolsThreshold: input.manyToolsThreshold ?? MANY_TOOLS_THRESHOLD,
    onError: input.escalation?.onError ?? 'any',
    onLowConfidence: input.escalation?.onLowConfidence ?? true,
    isLowConfidence: input.escalation?.isLowConfidence ?? isLowConfidenceAnswer,
    onDecision: input.onDecision,
  };
}

/** Merge a patch over a configuration: `tiers`, `categories` and `escalation` merge key by key; the rest replace. */
export function mergeConfig(base: RouterConfig, patch: Partial<RouterConfig>): RouterConfig {
  return {
    ...base,
    ...patch,
    tiers: { ...base.tiers, ...(patch.tiers ?? {}) },
    categories: { ...(base.categories ?? {}), ...(patch.categories ?? {}) },
    escalation: { ...(base.escalation ?? {}), ...(patch.escalation ?? {}) },
  };
}
