/**
 * Prompt-mode tool calling, for models without native tool calls: tools are described in
 * the system prompt, and the tool call is read back from the reply's text — a fenced or bare
 * JSON object, a `<tool_call>` block, `[TOOL_CALLS]` output, or `tool_name({...})` written
 * in prose, as local models often do.
 * @module
 */
import { ToolCallParseError } from './errors.js';
import { MAX_QUOTED_REPLY_CHARS } from './limits.js';
import { newToolCallId } from './normalize/tool-args.js';
import type { ChatRequest, Message, ToolCall, ToolSpec } from './types.js';

/** Marker that opens the tool section of the system prompt. */
export const PROMPT_TOOLS_HEADER = '## Tools';

function describeTools(tools: ToolSpec[], choice: ChatRequest['toolChoice']): string {
  const lines = [
    PROMPT_TOOLS_HEADER,
    'You can call the tools below. To call a tool, reply with ONLY a JSON object in a ```json fenced block, and nothing else:',
    '```json',
    '{"tool": "<tool name>", "arguments": {<arguments matching the tool\'s JSON Schema>}}',
    '```',
    'To call several tools at once, reply with a JSON array of such objects.',
    'Tool results come back in a user message starting with "Tool result". When no tool is needed, answer in plain text.',
  ];
  if (choice === 'required') lines.push('You MUST call a tool in this reply.');
  if (typeof choice === 'object') lines.push(`You MUST call the tool "${choice.name}" in this reply.`);
  lines.push('', 'Available tools:');
  for (const t of tools) lines.push(`- ${t.name}: ${t.description}`, `  arguments JSON Schema: ${JSON.stringify(t.parameters)}`);
  return lines.join('\n');
}

function historyMessage(m: Message): Message {
  if (m.role === 'assistant' && m.toolCalls?.length) {
    const calls = m.toolCalls.map((c) => ({ tool: c.name, arguments: c.args }));
    const json = JSON.stringify(calls.length === 1 ? calls[0] : calls);
    return { role: 'assistant', content: `${m.content ? `${m.content}\n` : ''}\`\`\`json\n${json}\n\`\`\`` };
  }
  if (m.role === 'tool') {
    const label = m.name ? `${m.name}, call ${m.toolCallId}` : `call ${m.toolCallId}`;
    return { role: 'user', content: `Tool result (${label})${m.isError ? ' [error]' : ''}:\n${m.content}` };
  }
  return m;
}

/** Rewrites a request for prompt-mode tool calling: tools go into the system prompt. */
export function toPromptModeRequest(request: ChatRequest): ChatRequest {
  const messages = request.messages.map(historyMessage);
  const tools = request.tools ?? [];
  if (tools.length > 0 && request.toolChoice !== 'none') {
    const section = describeTools(tools, request.toolChoice);
    const first = messages[0];
    if (first?.role === 'system') messages[0] = { role: 'system', content: `${first.content}\n\n${section}` };
    else messages.unshift({ role: 'system', content: section });
  }
  const { tools: _tools, toolChoice: _choice, ...rest } = request;
  return { ...rest, messages };
}

interface Candidate {
  /** The JSON text. */
  json: string;
  /** Where the whole segment (markers included) sits in the reply. */
  start: number;
  end: number;
  /** True when markers make it certainly a tool-call attempt (then bad JSON is an error). */
  explicit: boolean;
}

function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function findCandidates(text: string, toolNames: readonly string[]): Candidate[] {
  const out: Candidate[] = [];
  const add = (json: string, start: number, end: number, explicit: boolean) => out.push({ json: json.trim(), start, end, explicit });
  for (const m of text.matchAll(/<tool_call>([\s\S]*?)(?:<\/tool_call>|$)/g)) add(m[1], m.index, m.index + m[0].length, true);
  for (const m of text.matchAll(/\[TOOL_CALLS\]\s*(\[[\s\S]*\]|\{[\s\S]*\})/g)) add(m[1], m.index, m.index + m[0].length, true);
  for (const m of text.matchAll(/```[\w-]*[^\S\n]*\n?([\s\S]*?)```/g)) {
    const body = m[1].trim();
    const looksLikeCall = /"(tool|tool_calls|function|name)"\s*:/.test(body) || toolNames.some((n) => body.includes(`"${n}"`));
    if (body.startsWith('{') || body.startsWith('[')) add(body, m.index, m.index + m[0].length, looksLikeCall);
  }
  for (const name of toolNames) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const m of text.matchAll(new RegExp(`\\b${escaped}\\s*\\(\\s*(?=\\{)`, 'g'))) {
      const from = m.index + m[0].length;
      const end = balancedEnd(text, from);
      if (end < 0) continue;
      const close = /^\s*\)/.exec(text.slice(end));
      const json = `{"tool":${JSON.stringify(name)},"arguments":${text.slice(from, end)}}`;
      out.push({ json, start: m.index, end: end + (close ? close[0].length : 0), explicit: true });
    }
  }
  for (const name of toolNames) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const prose = [
      // ReAct style: "Action: get_weather\nAction Input: {...}"
      new RegExp(`Action:\\s*\`?${escaped}\`?\\s*\\n\\s*Action Input:\\s*(?=\\{)`, 'g'),
      // "I'll call the get_weather tool with {...}" / "using get_weather with arguments: {...}"
      new RegExp(
        `\\b(?:call|use|using|invoke|run)\\w*\\s+(?:the\\s+)?\`?${escaped}\`?(?:\\s+(?:tool|function))?\\s+(?:with|using)\\s*(?:the\\s+)?(?:arguments|args|parameters|input)?:?\\s*(?=\\{)`,
        'gi',
      ),
    ];
    for (const pattern of prose) {
      for (const m of text.matchAll(pattern)) {
        const from = m.index + m[0].length;
        const end = balancedEnd(text, from);
        if (end < 0) continue;
        out.push({ json: `{"tool":${JSON.stringify(name)},"arguments":${text.slice(from, end)}}`, start: m.index, end, explicit: true });
      }
    }
  }
  if (out.length === 0) {
    for (let i = 0; i < text.length; i++) {
      if (text[i] !== '{' && text[i] !== '[') continue;
      const end = balancedEnd(text, i);
      if (end < 0) continue;
      add(text.slice(i, end), i, end, false);
      i = end - 1;
    }
  }
  return out;
}

function lenientParse(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return JSON.parse(json.replace(/,\s*([}\]])/g, '$1'));
  }
}

const NAME_KEYS = ['tool', 'name', 'tool_name', 'function', 'action'];
const ARG_KEYS = ['arguments', 'args', 'parameters', 'input', 'params', 'action_input'];

type Shape = { name: string; args: unknown }[] | undefined;

function readShape(value: unknown): Shape {
  if (Array.isArray(value)) {
    const all = value.map(readShape);
    return all.length > 0 && all.every((s) => s?.length === 1) ? all.map((s) => s![0]) : undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.tool_calls)) return readShape(v.tool_calls);
  if (v.function && typeof v.function === 'object') return readShape(v.function);
  const nameKey = NAME_KEYS.find((k) => typeof v[k] === 'string');
  if (!nameKey) return undefined;
  const argKey = ARG_KEYS.find((k) => k in v);
  if (!argKey && Object.keys(v).length > 1) return undefined;
  return [{ name: v[nameKey] as string, args: argKey ? v[argKey] : {} }];
}

function quote(text: string): string {
  return text.length > MAX_QUOTED_REPLY_CHARS ? `${text.slice(0, MAX_QUOTED_REPLY_CHARS)}…` : text;
}

/** Result of reading a prompt-mode reply. */
export interface PromptToolParse {
  /** The reply's prose with the tool-call segment removed. */
  text: string;
  /** The tool calls read from the reply (empty for a plain answer). */
  toolCalls: ToolCall[];
}

/**
 * Reads tool calls out of a prompt-mode reply. Returns no calls for a plain answer; throws
 * {@link ToolCallParseError} when the reply clearly tries to call a tool but the call cannot
 * be read (bad JSON, unknown tool, arguments not an object).
 */
export function parsePromptToolCalls(reply: string, tools: readonly ToolSpec[], provider: string): PromptToolParse {
  const names = tools.map((t) => t.name);
  const fail = (why: string): never => {
    throw new ToolCallParseError(
      `${provider}: the model tried to call a tool but ${why}. Send this error back to the model and ask it to reply with exactly one JSON object {"tool": "<name>", "arguments": {...}} in a \`\`\`json block. Reply started: ${quote(reply)}`,
      reply,
      provider,
    );
  };
  for (const c of findCandidates(reply, names)) {
    let value: unknown;
    try {
      value = lenientParse(c.json);
    } catch (error) {
      if (c.explicit) fail(`its JSON is invalid (${(error as Error).message})`);
      continue;
    }
    const shape = readShape(value);
    if (!shape) {
      if (c.explicit && /"(tool|tool_calls)"\s*:/.test(c.json)) fail('the JSON does not name a tool and its arguments');
      continue;
    }
    const calls: ToolCall[] = [];
    for (const { name, args } of shape) {
      if (!names.includes(name)) {
        if (!c.explicit && shape.length === 1 && !/"(tool|arguments)"\s*:/.test(c.json)) return { text: reply, toolCalls: [] };
        fail(`it named the unknown tool "${name}" (available: ${names.join(', ') || 'none'})`);
      }
      let parsedArgs = args;
      if (typeof parsedArgs === 'string') {
        try {
          parsedArgs = parsedArgs.trim() === '' ? {} : JSON.parse(parsedArgs);
        } catch {
          fail(`the arguments of "${name}" are not valid JSON`);
        }
      }
      if (parsedArgs === null || parsedArgs === undefined) parsedArgs = {};
      if (typeof parsedArgs !== 'object' || Array.isArray(parsedArgs)) fail(`the arguments of "${name}" are not a JSON object`);
      const obj = parsedArgs as Record<string, unknown>;
      calls.push({ id: newToolCallId(), name, args: obj, rawArgs: JSON.stringify(obj) });
    }
    const text = `${reply.slice(0, c.start)}${reply.slice(c.end)}`.trim();
    return { text, toolCalls: calls };
  }
  if (/[{,]\s*"(tool|tool_calls)"\s*:/.test(reply)) fail('its JSON is incomplete or invalid');
  return { text: reply, toolCalls: [] };
}
