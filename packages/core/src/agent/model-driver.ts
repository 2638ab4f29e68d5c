/**
 * How the agent reaches a model on each step: straight to a `ChatProvider`, or through a
 * tier router that decides per step (and reports its decisions).
 */
import type { ChatProvider, ChatRequest, ChatResponse, StreamEvent } from '@graft/providers';
import type { RouteDecisionInfo } from '../telemetry/events.js';

/**
 * What the agent needs from a router (`createRouter(...)` satisfies it): `chat` and `stream`
 * like a provider, plus an optional hook that reports each decision.
 */
export interface AgentRouter {
  chat(request: ChatRequest, options?: RouterCallOptions): Promise<ChatResponse>;
  stream(request: ChatRequest, options?: RouterCallOptions): AsyncIterable<StreamEvent>;
}

/** Per-call options the agent passes to a router. */
export interface RouterCallOptions {
  /** Called with each decision (and each escalation) the router makes for this call. */
  onDecision?: (decision: RouteDecisionInfo) => void;
}

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

/** @internal */
export function routerDriver(router: AgentRouter): ModelDriver {
  return {
    providerId: 'router',
    model: 'routed',
    chat: (request, onDecision) => router.chat(request, { onDecision }),
    stream: (request, onDecision) => router.stream(request, { onDecision }),
  };
}
