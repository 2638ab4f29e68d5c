/**
 * The `model` node: one model step. Asks the router (or provider) for a response, streams
 * deltas when the caller streams, counts steps and repair rounds, records telemetry, and
 * appends the assistant message. Failures end the run through `RunContext.failure`, so the
 * graph itself always exits cleanly and the thread stays usable.
 */
import type { AssistantMessage, ChatRequest, ChatResponse, Message, Usage } from '@graft/providers';
import type { RouteDecisionInfo } from '../telemetry/events.js';
import { GraftCoreError, ModelCallError, StepLimitError, ToolRepairLimitError } from '../errors.js';
import type { AgentRuntime } from './runtime.js';
import { NOOP_SPAN } from '../telemetry/tracing.js';
import type { RunContext } from './run-context.js';
import type { AgentState } from './state.js';
import { stepToolSpecs } from './tool-selection.js';
import { afterModelCall, applyOutputFormat, checkOutput, completeToolStep, systemPrompt } from './run-hooks.js';

/** @internal Sum two usages. */
export function addUsage(a: Usage, b: Usage): Usage {
  const out: Usage = {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
  if (a.reasoningTokens !== undefined || b.reasoningTokens !== undefined) out.reasoningTokens = (a.reasoningTokens ?? 0) + (b.reasoningTokens ?? 0);
  if (a.cachedInputTokens !== undefined || b.cachedInputTokens !== undefined) out.cachedInputTokens = (a.cachedInputTokens ?? 0) + (b.cachedInputTokens ?? 0);
  if (a.costUsd !== undefined || b.costUsd !== undefined) out.costUsd = (a.costUsd ?? 0) + (b.costUsd ?? 0);
  if (a.estimated || b.estimated) out.estimated = true;
  return out;
}

/** @internal */
export const ZERO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };

function chars(messages: Message[]): number {
  let n = 0;
  for (const m of messages) n += m.content?.length ?? 0;
  return n;
}

/** Wrap anything thrown by a provider into a typed error (typed errors pass through). */
function typed(error: unknown): unknown {
  if (error instanceof GraftCoreError) return error;
  if (error && typeof error === 'object' && typeof (error as { code?: unknown }).code === 'string') return error;
  return new ModelCallError(error instanceof Error ? error.message : String(error), { cause: error });
}

/** @internal Build the model node function. */
export function createModelNode(rt: AgentRuntime) {
  const { driver, registry, bus, metrics, tracing, limits, guards } = rt;

  return async function modelNode(state: AgentState, config: { context?: unknown }): Promise<Partial<AgentStateUpdate>> {
    const run = config.context as RunContext;
    const hooks = run.hooks;
    if (hooks) {
      try {
        if (await completeToolStep(hooks, state.messages)) return { issues: null };
      } catch (error) {
        return fail(run, error);
      }
    }
    let repairs = state.repairs ?? 0;
    if (state.issues?.length) {
      repairs += 1;
      if (repairs > limits.maxToolRepairs) return fail(run, new ToolRepairLimitError(limits.maxToolRepairs, state.issues));
    } else repairs = 0;
    const step = state.step ?? 0;
    const maxSteps = hooks?.maxSteps ?? limits.maxSteps;
    if (step >= maxSteps) return fail(run, new StepLimitError(maxSteps));

    const selected = stepToolSpecs(registry, rt.retrieval, state.messages);
    const specs = Array.isArray(selected) ? selected : await selected;
    const system = hooks ? systemPrompt(rt.instructions, hooks) : rt.instructions;
    // (concat, not an array spread: no iteration protocol per message)
    const messages: Message[] = system ? ([{ role: 'system', content: system }] as Message[]).concat(state.messages) : state.messages;
    const request: ChatRequest = { messages };
    if (hooks) applyOutputFormat(request, hooks);
    if (specs.length) request.tools = specs;
    if (rt.request.model !== undefined) request.model = rt.request.model;
    if (rt.request.temperature !== undefined) request.temperature = rt.request.temperature;
    if (rt.request.maxTokens !== undefined) request.maxTokens = rt.request.maxTokens;
    if (run.signal) request.signal = run.signal;

    const base = { runId: run.runId, threadId: run.threadId };
    const model = rt.request.model ?? driver.model;
    const traced = tracing.enabled;
    const span = traced
      ? tracing.start(
          `chat ${model}`,
          { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': driver.providerId, 'gen_ai.request.model': model },
          run.span,
          'client',
        )
      : NOOP_SPAN;
    const onDecision = (decision: RouteDecisionInfo) => {
      bus.emit('route.decision', { ...base, time: Date.now(), step, decision });
      metrics.recordRouteDecision({ tier: decision.tier ?? 'default', provider: decision.provider, model: decision.model, escalated: !!decision.escalated });
      span.set({ 'gen_ai.request.model': decision.model, 'gen_ai.provider.name': decision.provider, 'graft.route.tier': decision.tier ?? 'default' });
      span.rename(`chat ${decision.model}`);
      run.push({ type: 'route', step, decision });
    };
    if (bus.wants('model.request'))
      bus.emit('model.request', {
        ...base,
        time: Date.now(),
        step,
        provider: driver.providerId,
        model,
        messageCount: messages.length,
        inputChars: bus.active ? chars(messages) : 0,
        toolCount: specs.length,
        stream: run.streaming,
      });

    const started = performance.now();
    let response: ChatResponse | undefined;
    try {
      if (guards?.cache) {
        response = await guards.cache.get(request);
        if (response) {
          bus.emit('cache.hit', { ...base, time: Date.now(), step });
          metrics.recordGuardHit({ guard: 'cache', where: 'model' });
          metrics.recordModelCall({ provider: response.provider, model: response.model, outcome: 'cache_hit' }, 0);
          if (response.text) run.push({ type: 'text-delta', text: response.text });
        }
      }
      if (!response) {
        response = run.streaming ? await streamCall(request, onDecision, run) : await driver.chat(request, onDecision);
        if (guards?.cache && response.finishReason !== 'error') await guards.cache.set(request, response);
        metrics.recordModelCall({ provider: response.provider, model: response.model, outcome: 'ok' }, performance.now() - started, response.usage);
      }
    } catch (error) {
      const err = typed(error);
      metrics.recordModelCall({ provider: driver.providerId, model, outcome: 'error' }, performance.now() - started);
      span.end(err);
      return fail(run, err);
    }

    const latencyMs = performance.now() - started;
    if (bus.wants('model.response'))
      bus.emit('model.response', {
        ...base,
        time: Date.now(),
        step,
        provider: response.provider,
        model: response.model,
        latencyMs,
        usage: response.usage,
        finishReason: response.finishReason,
        toolCallCount: response.toolCalls.length,
        outputChars: response.text.length,
      });
    if (traced)
      span.set({
        'gen_ai.response.model': response.model,
        'gen_ai.provider.name': response.provider,
        'gen_ai.usage.input_tokens': response.usage.inputTokens,
        'gen_ai.usage.output_tokens': response.usage.outputTokens,
        'gen_ai.response.finish_reasons': [response.finishReason],
      });
    span.end();
    // (a reader that is the buffer's limit behind holds the run here, before its tools run)
    let held = run.streaming ? run.push({ type: 'usage', step, usage: response.usage }) : undefined;

    const assistant: AssistantMessage = { role: 'assistant', content: response.text };
    if (response.toolCalls.length) {
      assistant.toolCalls = response.toolCalls;
      if (run.streaming) for (const c of response.toolCalls) held = run.push({ type: 'tool-call', toolCall: { id: c.id, name: c.name, args: c.args } }) ?? held;
    }
    if (held) await held;
    if (response.reasoning) assistant.reasoning = response.reasoning;
    const update = { messages: [assistant] as Message[], step: step + 1, usage: addUsage(state.usage ?? ZERO_USAGE, response.usage), repairs, issues: null };
    if (hooks) {
      try {
        await afterModelCall(hooks, assistant, response.usage, response.finishReason);
        if (hooks.output && !response.toolCalls.length) {
          const verdict = await checkOutput(hooks, response.text);
          if (verdict instanceof Error) return fail(run, verdict);
          // the repair request routes the run back to the model (see `modelStep`)
          if (verdict) update.messages.push(verdict);
        }
      } catch (error) {
        return fail(run, error);
      }
    }
    return update;
  };

  async function streamCall(request: ChatRequest, onDecision: (d: RouteDecisionInfo) => void, run: RunContext): Promise<ChatResponse> {
    let final: ChatResponse | undefined;
    for await (const event of driver.stream(request, onDecision)) {
      let held: Promise<void> | void = undefined;
      if (event.type === 'text-delta') held = run.push({ type: 'text-delta', text: event.text });
      else if (event.type === 'reasoning-delta') held = run.push({ type: 'reasoning-delta', text: event.text });
      else if (event.type === 'finish') final = event.response;
      // the reader is the buffer's limit behind: the provider's response is not read further until it catches up
      if (held) await held;
    }
    if (!final) throw new ModelCallError('the stream ended without a final response');
    return final;
  }
}

function fail(run: RunContext, error: unknown): Partial<AgentStateUpdate> {
  run.failure = error;
  return { failed: true, issues: null };
}

/** @internal Update shape of the state (issues `null` resets the list). */
export interface AgentStateUpdate {
  messages: Message[];
  step: number;
  usage: Usage;
  repairs: number;
  issues: string[] | null;
  failed: boolean;
}
