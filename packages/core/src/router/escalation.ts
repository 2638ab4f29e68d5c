import type { ChatRequest } from '@graft/providers';
import type { ResolvedConfig } from './config.js';
import type { RouteDecision } from './types.js';

/** The tier after `tier` in the escalation order, if any. */
export function nextTier(cfg: ResolvedConfig, tier: string): string | undefined {
  const at = cfg.order.indexOf(tier);
  return at >= 0 && at < cfg.order.length - 1 ? cfg.order[at + 1] : undefined;
}

/** Whether a provider failure should move the request up a tier. A caller's abort never does. */
export function escalatesOnError(cfg: ResolvedConfig, error: unknown, request: ChatRequest): boolean {
  if (request.signal?.aborted) return false;
  const e = error as { code?: unknown; retryable?: unknown; name?: unknown } | null;
  if (e?.code === 'ABORTED' || e?.name === 'AbortError') return false;
  if (cfg.onError === 'never') return false;
  if (cfg.onError === 'retryable') return e?.retryable === true;
  return true;
}

/** A short, value-free description of a failure: its code and HTTP status, never its message. */
export function describeFailure(error: unknown): string {
  const e = error as { code?: unknown; status?: unknown; name?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : 'error';
  return typeof e?.status === 'number' ? `${code} (HTTP ${e.status})` : code;
}

/** The decision that moves `from` to `tier`. */
export function escalated(cfg: ResolvedConfig, from: RouteDecision, tier: string, reason: string): RouteDecision {
  const provider = cfg.tiers[tier];
  return {
    category: from.category,
    tier,
    provider: provider.id,
    model: provider.model,
    reason,
    confidence: from.confidence,
    source: 'escalation',
    escalatedFrom: from.tier,
  };
}

/** The request a tier provider receives: the tier's own model answers, so `model` is dropped. */
export function forTier(request: ChatRequest): ChatRequest {
  if (request.model === undefined) return request;
  const { model: _model, ...rest } = request;
  return rest;
}
