/**
 * Code mode's view of the agent's tools: each tool under an identifier the script can call
 * (`tools.echo_a__echo(...)` for `echo-a__echo`), and the approval-gated ones a script mentions.
 */
import type { Tool } from '@graft/core';

/** The identifier a tool is called by in a script: its name with every non-identifier character as `_`. */
export function scriptName(toolName: string): string {
  const id = toolName.replace(/[^A-Za-z0-9_$]/g, '_');
  return /^[0-9]/.test(id) ? `_${id}` : id;
}

/** Script names → tools (a later tool whose script name is taken is left out; so is `skip`). */
export function toolTable(tools: readonly Tool[], skip: string): Map<string, Tool> {
  const table = new Map<string, Tool>();
  for (const tool of tools) {
    if (tool.name === skip) continue;
    const id = scriptName(tool.name);
    if (!table.has(id) && id.length <= 64) table.set(id, tool);
  }
  return table;
}

/** Whether calling `tool` may need the user's approval (a policy function counts as yes). */
export function mayNeedApproval(tool: Tool): boolean {
  return tool.needsApproval === true || typeof tool.needsApproval === 'function';
}

/**
 * The approval-gated tools `script` names literally (as a whole word). A script is approved for
 * these before it runs; a gated tool it reaches any other way is refused at call time.
 */
export function gatedMentions(script: string, table: Map<string, Tool>): string[] {
  const out: string[] = [];
  for (const [id, tool] of table) {
    if (!mayNeedApproval(tool)) continue;
    if (new RegExp(`(^|[^A-Za-z0-9_$])${id.replace(/\$/g, '\\$')}([^A-Za-z0-9_$]|$)`).test(script)) out.push(id);
  }
  return out;
}
