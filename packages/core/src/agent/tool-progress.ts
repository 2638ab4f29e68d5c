/**
 * `ctx.progress`: turns a tool's progress update into a `tool-progress` stream event of its own
 * run — a detached JSON copy, size-capped, with the thread's input values scrubbed.
 */
import type { ToolProgress } from '../tools/types.js';
import { ToolProgressError } from '../errors.js';
import { MAX_TOOL_PROGRESS_CHARS } from '../defaults.js';
import type { RunContext } from './run-context.js';

/**
 * @internal Builds `ctx.progress` for one tool call. `isOpen` says whether the call still runs
 * (updates after it finished are dropped, so they never land after its `tool-result`).
 */
export function progressReporter(
  run: RunContext,
  call: { id: string; name: string },
  scrub: (text: string) => string,
  isOpen: () => boolean,
): (update: ToolProgress) => void {
  return (update) => {
    if (update === null || typeof update !== 'object' || Array.isArray(update) || typeof update.type !== 'string' || update.type === '') {
      throw new ToolProgressError('it must be an object with a non-empty string `type`');
    }
    if (!run.streaming || !isOpen()) return;
    let text: string;
    try {
      text = JSON.stringify(update);
    } catch (error) {
      throw new ToolProgressError(`it is not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    if (text.length > MAX_TOOL_PROGRESS_CHARS) throw new ToolProgressError(`its JSON has ${text.length} characters; the limit is ${MAX_TOOL_PROGRESS_CHARS}`);
    // scrub decoded strings (keys too), so a value with quotes or backslashes is found as it is, not JSON-escaped
    const progress = scrubStrings(JSON.parse(text), scrub) as ToolProgress;
    run.push({ type: 'tool-progress', toolCallId: call.id, tool: call.name, progress });
  };
}

function scrubStrings(value: unknown, scrub: (text: string) => string): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((v) => scrubStrings(v, scrub));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[scrub(k)] = scrubStrings(v, scrub);
    return out;
  }
  return value;
}
