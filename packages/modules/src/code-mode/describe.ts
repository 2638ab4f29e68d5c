/**
 * The code-mode tool's description: how to write a script, and every callable tool as a short
 * signature the model can read (`tools.get_weather({ city: string }) — Current weather`).
 */
import type { Tool } from '@graft/core';
import { mayNeedApproval } from './names.js';
import { MAX_TOOL_DESCRIPTION_CHARS } from '../limits.js';

type Schema = { type?: unknown; properties?: Record<string, Schema>; required?: unknown; items?: Schema; enum?: unknown[] };

/** A JSON Schema as a compact TypeScript-like type (two levels deep). */
function typeOf(schema: Schema | undefined, depth = 0): string {
  if (!schema || typeof schema !== 'object') return 'any';
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : schema.type;
  if (type === 'array') return `${typeOf(schema.items, depth + 1)}[]`;
  if (type === 'integer') return 'number';
  if ((type === 'object' || schema.properties) && schema.properties) {
    if (depth >= 2) return 'object';
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    const fields = Object.entries(schema.properties).map(([k, v]) => `${k}${required.has(k) ? '' : '?'}: ${typeOf(v, depth + 1)}`);
    return `{ ${fields.join(', ')} }`;
  }
  return typeof type === 'string' ? type : 'any';
}

/** The tool description for the given callable tools (script name → tool). */
export function describeCodeMode(table: Map<string, Tool>, maxCalls: number): string {
  const lines = [...table].map(([id, tool]) => {
    const text = tool.description.length > MAX_TOOL_DESCRIPTION_CHARS ? `${tool.description.slice(0, MAX_TOOL_DESCRIPTION_CHARS)}…` : tool.description;
    const gate = mayNeedApproval(tool) ? " [needs the user's approval: the script is shown to the user before it runs]" : '';
    return `- tools.${id}(${typeOf(tool.parameters as Schema)}) — ${text}${gate}`;
  });
  return [
    'Run a short JavaScript script that calls several tools in one step, instead of calling them one at a time.',
    "The script is the body of an async function: call tools as `await tools.NAME(args)` (args: one object matching the tool's parameters; each call resolves to the tool's result as JSON) and `return` a JSON value, which becomes this tool's result. Use Promise.all for independent calls.",
    `Plain ES2023 in a sandbox: no network, no timers, no imports, no secrets. At most ${maxCalls} tool calls. A failing tool call throws inside the script (catch it, or let the script fail and read the error).`,
    'Tools:',
    ...lines,
  ].join('\n');
}
