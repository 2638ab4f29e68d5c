/**
 * The `guard` node (present only when the agent has guards): inspects the new user input,
 * redacts PII before anything reaches the model, flags or blocks injection attempts.
 */
import type { Message } from '@graft/providers';
import type { AgentRuntime } from './runtime.js';
import type { RunContext } from './run-context.js';
import type { AgentState } from './state.js';

/** @internal Build the guard node function. */
export function createGuardNode(rt: AgentRuntime) {
  const { bus, metrics } = rt;
  const guards = rt.guards!;
  return async function guardNode(state: AgentState, config: { context?: unknown }) {
    const run = config.context as RunContext;
    const text = state.input ?? '';
    const verdict = await guards.inspectInput(text, run.threadId, run.runId);
    const base = { runId: run.runId, threadId: run.threadId, time: Date.now() };
    if (verdict.pii && verdict.pii.count > 0) {
      bus.emit('guard.pii', { ...base, where: 'input', kinds: verdict.pii.kinds, count: verdict.pii.count });
      metrics.recordGuardHit({ guard: 'pii', where: 'input' });
    }
    if (verdict.injection?.flagged) {
      bus.emit('guard.injection', { ...base, where: 'input', blocked: !!verdict.blocked, score: verdict.injection.score, rules: verdict.injection.rules });
      metrics.recordGuardHit({ guard: 'injection', where: 'input' });
    }
    if (verdict.blocked) {
      run.blocked = verdict.blocked;
      return { input: null, failed: true };
    }
    const message: Message = { role: 'user', content: verdict.text };
    return { input: null, messages: [message] };
  };
}
