/** @internal Conversions between MCP tools/results and Graft tools. */
import type { JSONSchema } from '@graft/providers';
import type { Tool } from '../tools/types.js';

/** An MCP tool as listed by a server. */
export interface McpListedTool {
  name: string;
  description?: string;
  inputSchema?: Record<string, unknown>;
}

/** A call result as returned by a server. */
interface McpResultLike {
  content?: Array<{
    type?: string;
    text?: string;
    mimeType?: string;
    resource?: { uri?: string; text?: string; mimeType?: string };
    uri?: string;
    name?: string;
  }>;
  structuredContent?: unknown;
  isError?: boolean;
  toolResult?: unknown;
}

/** The agent name of server tool `name`: `<server>__<name>`, restricted to what chat APIs accept. */
export function agentName(server: string, name: string): string {
  return `${server}__${name.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 64);
}

/** The result as text for the model: text parts as is, other parts described, structured content as JSON. */
export function resultText(result: unknown): string {
  const r = (result ?? {}) as McpResultLike;
  if (!Array.isArray(r.content)) return JSON.stringify(r.structuredContent ?? r.toolResult ?? null);
  const parts: string[] = [];
  for (const c of r.content) {
    if (c?.type === 'text' && typeof c.text === 'string') parts.push(c.text);
    else if (c?.type === 'image' || c?.type === 'audio') parts.push(`[${c.type} ${c.mimeType ?? ''}]`.replace(' ]', ']'));
    else if (c?.type === 'resource') parts.push(typeof c.resource?.text === 'string' ? c.resource.text : `[resource ${c.resource?.uri ?? ''}]`);
    else if (c?.type === 'resource_link') parts.push(`[resource link ${c.uri ?? ''}${c.name ? ` (${c.name})` : ''}]`);
  }
  if (!parts.length && r.structuredContent !== undefined) return JSON.stringify(r.structuredContent);
  return parts.join('\n');
}

const TYPE_CHECK: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  integer: (v) => Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
  array: Array.isArray,
  object: (v) => !!v && typeof v === 'object' && !Array.isArray(v),
  null: (v) => v === null,
};

/**
 * A light argument check from the server's schema (object, required properties, top-level
 * types). The server validates fully; this catches the common model mistakes before a round trip.
 */
export function parserFor(schema: JSONSchema): Tool['parse'] {
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const props = (schema.properties ?? {}) as Record<string, { type?: string | string[] }>;
  return (args) => {
    const value = args === undefined || args === null ? {} : args;
    if (typeof value !== 'object' || Array.isArray(value)) return { ok: false, issues: ['arguments must be a JSON object'] };
    const issues: string[] = [];
    for (const key of required) if ((value as Record<string, unknown>)[key] === undefined) issues.push(`${key}: required`);
    for (const [key, v] of Object.entries(value)) {
      const t = props[key]?.type;
      if (v === undefined || t === undefined) continue;
      const types = Array.isArray(t) ? t : [t];
      if (!types.some((x) => TYPE_CHECK[x]?.(v) ?? true)) issues.push(`${key}: expected ${types.join(' or ')}`);
    }
    return issues.length ? { ok: false, issues } : { ok: true, value };
  };
}

/** The JSON Schema the model gets (always an object schema). */
export function inputSchemaOf(tool: McpListedTool): JSONSchema {
  const s = tool.inputSchema && typeof tool.inputSchema === 'object' ? tool.inputSchema : {};
  return { ...s, type: 'object', properties: (s.properties as Record<string, unknown>) ?? {} } as JSONSchema;
}
