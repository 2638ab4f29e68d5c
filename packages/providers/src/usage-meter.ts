/**
 * `UsageMeter`: adds up token usage and cost across calls, in total and per provider/model.
 * @module
 */
import type { ChatProvider, ChatRequest, ChatResponse, StreamEvent, Usage } from './types.js';

/** Totals of a set of calls. */
export interface UsageTotals {
  /** Calls recorded. */
  calls: number;
  /** Sum of input (prompt) tokens. */
  inputTokens: number;
  /** Sum of output (completion) tokens. */
  outputTokens: number;
  /** Sum of total tokens as servers reported them. */
  totalTokens: number;
  /** Sum of reasoning tokens (part of the output). */
  reasoningTokens: number;
  /** Sum of input tokens served from a prompt cache. */
  cachedInputTokens: number;
  /** Sum of `costUsd` over the calls that were priced. */
  costUsd: number;
  /** Calls whose usage was estimated. */
  estimatedCalls: number;
  /** Calls without a price. */
  unpricedCalls: number;
}

function empty(): UsageTotals {
  return {
    calls: 0,
    inputTokens: 0,
    outputTokens: 0,
    totalTokens: 0,
    reasoningTokens: 0,
    cachedInputTokens: 0,
    costUsd: 0,
    estimatedCalls: 0,
    unpricedCalls: 0,
  };
}

function add(t: UsageTotals, u: Usage): void {
  t.calls++;
  t.inputTokens += u.inputTokens;
  t.outputTokens += u.outputTokens;
  t.totalTokens += u.totalTokens;
  t.reasoningTokens += u.reasoningTokens ?? 0;
  t.cachedInputTokens += u.cachedInputTokens ?? 0;
  if (u.costUsd !== undefined) t.costUsd += u.costUsd;
  else t.unpricedCalls++;
  if (u.estimated) t.estimatedCalls++;
}

/**
 * Accumulates usage. Feed it responses with {@link UsageMeter.record}, or wrap a provider with
 * {@link UsageMeter.wrap} so every call is recorded.
 */
export class UsageMeter {
  private readonly all = empty();
  private readonly byKey = new Map<string, UsageTotals>();

  /** Records one response (its usage, under `provider/model`). */
  record(response: Pick<ChatResponse, 'usage' | 'provider' | 'model'>): void {
    add(this.all, response.usage);
    const key = `${response.provider}/${response.model}`;
    let t = this.byKey.get(key);
    if (!t) this.byKey.set(key, (t = empty()));
    add(t, response.usage);
  }

  /** Totals over every recorded call (a copy). */
  get total(): UsageTotals {
    return { ...this.all };
  }

  /** Totals per `provider/model` (copies). */
  byModel(): Record<string, UsageTotals> {
    return Object.fromEntries([...this.byKey].map(([k, v]) => [k, { ...v }]));
  }

  /** Forgets everything. */
  reset(): void {
    Object.assign(this.all, empty());
    this.byKey.clear();
  }

  /** A provider that behaves like `provider` and records the usage of every finished call. */
  wrap<P extends ChatProvider>(provider: P): ChatProvider {
    const meter = this;
    return {
      id: provider.id,
      model: provider.model,
      async chat(request: ChatRequest): Promise<ChatResponse> {
        const response = await provider.chat(request);
        meter.record(response);
        return response;
      },
      async *stream(request: ChatRequest): AsyncGenerator<StreamEvent, void, undefined> {
        for await (const event of provider.stream(request)) {
          if (event.type === 'finish') meter.record(event.response);
          yield event;
        }
      },
    };
  }
}
