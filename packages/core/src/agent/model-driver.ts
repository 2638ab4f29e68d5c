/**
 * How the agent reaches a model on each step: straight to a `ChatProvider`, or through the
 * tier router (`createRouter(...)`), which decides per call and reports its decisions.
 */
import type { ChatProvider, ChatRequest, ChatResponse, StreamEvent } from '@graft/providers';
import type { RouteDecisionInfo } from '../telemetry/events.js';
import type { RouteDecision, Router } from '../router/index.js';

/** What the agent needs from a router: `createRouter(...)`'s `chat` and `stream` with `onDecision`. */
export type AgentRouter = Pick<Router, 'chat' | 'stream'>;

/** @internal The agent's uniform view of provider or router. */
export interface ModelDriver {
  /** Provider id used for labels before a response names one. */
  readonly providerId: string;
  /** Model used for labels before a response names one. */
  readonly model: string;
  chat(request: ChatRequest, onDecision: (d: RouteDecisionInfo) => void): Promise<ChatResponse>;
  stream(request: ChatRequest, onDecision: (d: RouteDecisionInfo) => void): AsyncIterable<StreamEvent>;
}

/** @internal */
export function providerDriver(provider: ChatProvider): ModelDriver {
  return {
    providerId: provider.id,
    model: provider.model,
    chat: (request) => provider.chat(request),
    stream: (request) => provider.stream(request),
  };
}

/** @internal A router decision as events report it (no prompt content). */
export function toDecisionInfo(d: RouteDecision): RouteDecisionInfo {
  const info: RouteDecisionInfo = {
    tier: d.tier,
    provider: d.provider,
    model: d.model,
    reason: d.reason,
    category: d.category,
    source: d.source,
    escalated: d.source === 'escalation' || d.escalatedFrom !== undefined,
  };
  if (d.escalatedFrom !== undefined) info.escalatedFrom = d.escalatedFrom;
  return info;
}

/** @internal */
export function routerDriver(router: AgentRouter): ModelDriver {
  return {
    providerId: 'router',
    model: 'routed',
    chat: (request, onDecision) => router.chat(request, { onDecision: (d) => onDecision(toDecisionInfo(d)) }),
    stream: (request, onDecision) => router.stream(request, { onDecision: (d) => onDecision(toDecisionInfo(d)) }),
  };
}
