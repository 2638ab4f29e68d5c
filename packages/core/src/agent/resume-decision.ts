/**
 * Checking a `resume` decision against the thread's pending interrupts, and the resume value
 * the graph gets for it. Input values marked sensitive (the default) never reach the
 * checkpoint: the graph gets a reference, the value stays in the agent's memory.
 */
import { InterruptMismatchError, InvalidDecisionError, NoPendingInterruptError } from '../errors.js';
import type { ToolRegistry } from '../tools/registry.js';
import type { AgentInterrupt, ResumeDecision } from './types.js';

/**
 * @internal The value to resume the interrupt `decision.id` with (`inputsOf` gives the thread's in-memory input values).
 * @throws NoPendingInterruptError, InterruptMismatchError or InvalidDecisionError.
 */
export function resumeValue(
  threadId: string,
  decision: ResumeDecision,
  pending: AgentInterrupt[],
  tools: ToolRegistry,
  inputsOf: () => Map<string, unknown>,
): { id: string; value: unknown } {
  if (!pending.length) throw new NoPendingInterruptError(threadId);
  const target = pending.find((p) => p.id === decision.id);
  if (!target)
    throw new InterruptMismatchError(
      threadId,
      decision.id,
      pending.map((p) => p.id),
    );
  if (target.kind === 'approval') {
    if (decision.type !== 'approve' && decision.type !== 'reject' && decision.type !== 'edit') {
      throw new InvalidDecisionError(`Interrupt "${target.id}" asks for approval: use type 'approve', 'reject' or 'edit'.`);
    }
    if (decision.type === 'edit') {
      const tool = tools.get(target.tool);
      if (!decision.args || typeof decision.args !== 'object') throw new InvalidDecisionError('An edit decision needs `args` (an object).');
      const parsed = tool?.parse(decision.args);
      if (parsed && !parsed.ok)
        throw new InvalidDecisionError(`The edited arguments for "${target.tool}" are invalid: ${parsed.issues.join('; ')}.`, parsed.issues);
    }
    const value =
      decision.type === 'reject'
        ? { type: 'reject', reason: decision.reason }
        : decision.type === 'edit'
          ? { type: 'edit', args: decision.args }
          : { type: 'approve' };
    return { id: target.id, value };
  }
  if (decision.type !== 'input') throw new InvalidDecisionError(`Interrupt "${target.id}" asks for input: use type 'input' with a \`value\`.`);
  if (target.request?.sensitive === false) return { id: target.id, value: { graftInputValue: decision.value } };
  inputsOf().set(target.id, decision.value);
  return { id: target.id, value: { graftInput: target.id } };
}
