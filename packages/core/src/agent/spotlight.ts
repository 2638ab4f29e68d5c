/**
 * Agent glue of spotlighting (see `guards/spotlight.ts`): resolves the option, adds the
 * data-not-instructions sentence to the system prompt, and marks tool results (with the
 * injection guard's finding in front of a flagged one) as they become model messages.
 */
import type { ToolCall } from '@graft/providers';
import { injectionNotice, markUntrusted, spotlight, withSpotlightInstructions, type SpotlightOptions } from '../guards/spotlight.js';
import type { GuardVerdict } from './guards-adapter.js';
import type { AgentRuntime } from './runtime.js';
import { blockId } from './block-id.js';
import type { AgentOptions } from './types.js';

/** @internal The runtime fields spotlighting sets: the system prompt and the resolved options. */
export function spotlightRuntime(o: AgentOptions): Pick<AgentRuntime, 'instructions' | 'spotlight'> {
  const opts: SpotlightOptions | undefined =
    o.spotlight === false ? undefined : o.spotlight === true || o.spotlight === undefined ? { mode: 'mark' } : o.spotlight;
  if (opts === undefined || opts.mode === 'off') return o.instructions === undefined ? {} : { instructions: o.instructions };
  return { instructions: withSpotlightInstructions(o.instructions, opts.mode), spotlight: opts };
}

/** @internal The guard finding to show the model in front of a tool result, when it was flagged. */
export function guardNotice(verdict: GuardVerdict | undefined): string | undefined {
  return verdict?.injection?.flagged ? injectionNotice(verdict.injection.score, verdict.injection.rules) : undefined;
}

/**
 * @internal What the model sees of a tool's output: spotlighted when on, with a flagged
 * result's guard notice in front (also when spotlighting is off).
 */
export function toolResultForModel(rt: AgentRuntime, call: ToolCall, content: string, notice: string | undefined): string {
  const options = rt.spotlight;
  if (!options) return notice ? `${notice}\n${content}` : content;
  const mode = options.mode ?? 'mark';
  // a mode `spotlight` would refuse still throws its typed error there
  if (mode !== 'mark' && mode !== 'delimit' && mode !== 'datamark')
    return spotlight(content, { source: `tool:${call.name}`, ...(notice ? { notice } : {}) }, options);
  const source = `tool:${call.name}`;
  // the id from plain JavaScript, not `node:crypto` (see `block-id.ts`)
  return markUntrusted(content, source, notice, mode, blockId(source, content));
}
