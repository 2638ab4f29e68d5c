/**
 * One MCP `Server` over a tool source: `tools/list` lists the source's tools (as the agent sees
 * them: `module__tool`, description, JSON Schema), `tools/call` validates the arguments with
 * the tool's own `parse` and runs its `execute` — for modules that is `ModuleManager.callTool`:
 * the sandbox, credentials substituted on the host, scrubbed results, health breakers, events.
 * A change of the source's list sends `notifications/tools/list_changed`.
 */
import type { Tool, ToolContext, ToolSource } from '@graft/core';
import { ModuleError } from '../errors.js';
import { DEFAULT_MCP_CALL_TIMEOUT_MS } from '../limits.js';
import type { ServerSdk } from './sdk.js';
import type { McpCaller, McpServeOptions, McpToolOrigin } from './types.js';

type SdkServer = InstanceType<ServerSdk['Server']>;
type CallResult = { content: Array<{ type: 'text'; text: string }>; isError?: boolean };

/** @internal The source of an origin (a ModuleManager's tool source, or the source itself). */
export function sourceOf(origin: McpToolOrigin): ToolSource {
  const o = origin as { toolSource?: () => ToolSource; list?: unknown; subscribe?: unknown };
  if (typeof o.toolSource === 'function') return o.toolSource();
  if (typeof o.list === 'function' && typeof o.subscribe === 'function') return origin as ToolSource;
  throw new ModuleError('MODULE_MCP_FAILED', 'serveMcp needs a ModuleManager or a ToolSource (list() and subscribe()).');
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value ?? null);
  } catch {
    return String(value);
  }
}

function errorResult(message: string): CallResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

function toAuth(caller: McpCaller): { token: string; clientId: string; scopes: string[]; extra: Record<string, unknown> } {
  return { token: '', clientId: caller.clientId, scopes: caller.scopes ?? [], extra: { graftCaller: caller } };
}

/** @internal The caller carried by a request (set by the HTTP transport from `authenticate`). */
export function callerOf(extra: { authInfo?: { extra?: Record<string, unknown> } }): McpCaller | undefined {
  return extra.authInfo?.extra?.graftCaller as McpCaller | undefined;
}

export { toAuth };

async function runCall(
  tool: Tool,
  args: unknown,
  options: McpServeOptions,
  caller: McpCaller | undefined,
  signal: AbortSignal,
  callId: string,
  thread: string,
): Promise<CallResult> {
  const parsed = tool.parse(args ?? {});
  if (!parsed.ok) return errorResult(`Invalid arguments for "${tool.name}": ${parsed.issues.join('; ')}. Fix these fields and call again.`);
  const policy = tool.needsApproval;
  const needs = typeof policy === 'function' ? await policy(parsed.value, { threadId: thread }) : policy === true;
  if (needs) {
    const ok = options.approve ? await options.approve({ tool: tool.name, args: parsed.value, caller }) : false;
    if (!ok) return errorResult(`"${tool.name}" needs the user's approval, which was not given. Do not retry it.`);
  }
  const timeoutMs = tool.timeoutMs ?? options.callTimeoutMs ?? DEFAULT_MCP_CALL_TIMEOUT_MS;
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ctx: ToolContext = {
    threadId: thread,
    toolCallId: callId,
    signal: controller.signal,
    requestInput: async () => {
      throw new ModuleError('MODULE_MCP_FAILED', `"${tool.name}" asked for user input, which MCP calls cannot provide. Use it from a Graft agent instead.`);
    },
  };
  try {
    const result = await Promise.race([
      Promise.resolve().then(() => tool.execute(parsed.value, ctx)),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(new ModuleError('MODULE_MCP_FAILED', `"${tool.name}" did not finish within ${timeoutMs} ms and was stopped.`));
        }, timeoutMs);
      }),
    ]);
    return { content: [{ type: 'text', text: text(result) }] };
  } catch (error) {
    return errorResult(`"${tool.name}" failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}

/** @internal Build one SDK server bound to `source`; returns it with a function that detaches it from the source. */
export function buildToolServer(sdk: ServerSdk, source: ToolSource, options: McpServeOptions, session: string): { server: SdkServer; detach: () => void } {
  const server = new sdk.Server(
    { name: options.name ?? 'graft-modules', version: options.version ?? '0.0.0' },
    { capabilities: { tools: { listChanged: true } }, ...(options.instructions ? { instructions: options.instructions } : {}) },
  );
  const visible = (caller: McpCaller | undefined) => source.list().filter((t) => !options.allowTool || options.allowTool(t, caller));
  server.setRequestHandler(sdk.types.ListToolsRequestSchema, (_request, extra) => ({
    tools: visible(callerOf(extra)).map((t) => ({ name: t.name, description: t.description, inputSchema: { ...t.parameters, type: 'object' as const } })),
  }));
  server.setRequestHandler(sdk.types.CallToolRequestSchema, async (request, extra) => {
    const caller = callerOf(extra);
    const tool = visible(caller).find((t) => t.name === request.params.name);
    if (!tool) return errorResult(`There is no tool named "${request.params.name}". List the tools and call one of them.`);
    return runCall(tool, request.params.arguments, options, caller, extra.signal, String(extra.requestId), `mcp:${session}`);
  });
  let connected = false;
  server.oninitialized = () => {
    connected = true;
  };
  const unsubscribe = source.subscribe(() => {
    if (connected) server.sendToolListChanged().catch(() => undefined);
  });
  return { server, detach: unsubscribe };
}
