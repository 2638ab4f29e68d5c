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
  return async function guardNode(state: AgentState, config: { context?: unknown }): Promise<GuardUpdate> {
    const run = config.context as RunContext;
    if (Array.isArray(state.input)) return inspectMessages(state.input, run);
    const text = state.input ?? '';
    const verdict = await inspect(text, run);
    if (verdict.blocked) {
      run.blocked = verdict.blocked;
      return { input: null, failed: true };
    }
    const message: Message = { role: 'user', content: verdict.text };
    return { input: null, messages: [message] };
  };

  /** Inspect one text of the input (events and metrics for what the guards found). */
  async function inspect(text: string, run: RunContext) {
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
    return verdict;
  }

  /** Messages given to `agent.run`: every text (each text part of a user message) is inspected and redacted. */
  async function inspectMessages(input: Message[], run: RunContext): Promise<GuardUpdate> {
    const out: Message[] = [];
    for (const m of input) {
      if (m.role === 'user' && m.parts) {
        const parts = [];
        for (const p of m.parts) {
          if (p.type !== 'text') {
            parts.push(p);
            continue;
          }
          const verdict = await inspect(p.text, run);
          if (verdict.blocked) return block(run, verdict.blocked);
          parts.push({ ...p, text: verdict.text });
        }
        out.push({ ...m, content: parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('\n'), parts });
        continue;
      }
      const verdict = await inspect(m.content, run);
      if (verdict.blocked) return block(run, verdict.blocked);
      out.push({ ...m, content: verdict.text } as Message);
    }
    return { input: null, messages: out };
  }
}

/** What the guard node writes: the input consumed, and the (redacted) messages or a block. */
type GuardUpdate = { input: null; failed?: boolean; messages?: Message[] };

function block(run: RunContext, blocked: { guard: string; reason: string }): GuardUpdate {
  run.blocked = blocked;
  return { input: null, failed: true };
}
