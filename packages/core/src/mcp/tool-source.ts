/**
 * `McpToolSource`: the tools of one MCP server as a core `ToolSource`. Connects over stdio (a
 * spawned command) or Streamable HTTP, lists the tools (allow/deny applied), refreshes the list
 * on `notifications/tools/list_changed` (the agent sees the change on its next step), and calls
 * tools with a timeout. A dropped connection is re-established with backoff; calls wait for it.
 * Results are untrusted text: they reach the model through the agent's tool-result guards like
 * any tool's.
 */
import type { Tool, ToolSource } from '../tools/types.js';
import { MAX_MCP_TOOLS_PER_SERVER } from '../defaults.js';
import { approvalFor, isAllowed, resolveConfig, type McpServerConfig, type ResolvedMcpConfig } from './config.js';
import { agentName, inputSchemaOf, parserFor, resultText, type McpListedTool } from './convert.js';
import { McpError } from './errors.js';
import { loadClientSdk, type ClientSdk } from './sdk.js';

type SdkClient = InstanceType<ClientSdk['Client']>;

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(onTimeout()), ms)))]).finally(() => clearTimeout(timer));
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The tools of one MCP server (see the module comment). Create with {@link connectMcpServer}. */
export class McpToolSource implements ToolSource, AsyncDisposable {
  /** The configured server name. */
  readonly name: string;
  readonly #config: ResolvedMcpConfig;
  readonly #listeners = new Set<() => void>();
  #tools: Tool[] = [];
  #client: SdkClient | undefined;
  #connecting: Promise<SdkClient> | undefined;
  #closed = false;
  #reconnects = 0;
  #refreshing: Promise<void> | undefined;
  #dirty = false;

  /** @throws McpError `MCP_CONFIG_INVALID` */
  constructor(config: McpServerConfig) {
    this.#config = resolveConfig(config);
    this.name = this.#config.name;
  }

  /** Whether a connection is open now. */
  get connected(): boolean {
    return this.#client !== undefined;
  }

  /** The server's tools as the agent sees them (cached; updated on list changes). */
  list(): Tool[] {
    return this.#tools;
  }

  /** Called when the tool list changes. */
  subscribe(onChange: () => void): () => void {
    this.#listeners.add(onChange);
    return () => this.#listeners.delete(onChange);
  }

  /**
   * Connect (if not connected) and load the tool list.
   * @throws McpError `MCP_SDK_MISSING`, `MCP_CONNECT_FAILED`
   */
  async connect(): Promise<void> {
    await this.#ensure();
  }

  /** Close the connection (and the spawned process); the source lists nothing afterwards. */
  async close(): Promise<void> {
    this.#closed = true;
    const client = this.#client;
    this.#client = undefined;
    this.#setTools([]);
    await client?.close().catch(() => undefined);
  }

  /** Same as `close`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #ensure(): Promise<SdkClient> {
    if (this.#closed) return Promise.reject(new McpError('MCP_DISCONNECTED', this.name, `MCP server "${this.name}" was closed; connect a new source.`));
    if (this.#client) return Promise.resolve(this.#client);
    this.#connecting ??= this.#open().finally(() => (this.#connecting = undefined));
    return this.#connecting;
  }

  async #open(): Promise<SdkClient> {
    const sdk = await loadClientSdk(this.name);
    const c = this.#config;
    const client = new sdk.Client({ name: 'graft', version: '0.0.0' });
    const transport = c.command
      ? new sdk.StdioClientTransport({
          command: c.command,
          args: c.args ?? [],
          env: { ...sdk.getDefaultEnvironment(), ...c.env },
          ...(c.cwd ? { cwd: c.cwd } : {}),
          stderr: 'ignore',
        })
      : new sdk.StreamableHTTPClientTransport(new URL(c.url!), { requestInit: { headers: { ...c.headers } } });
    try {
      await withTimeout(client.connect(transport), c.connectTimeoutMs, () => new Error(`no answer within ${c.connectTimeoutMs} ms`));
      client.setNotificationHandler(sdk.types.ToolListChangedNotificationSchema, () => this.#refreshSoon(client));
      await withTimeout(this.#refresh(client), c.connectTimeoutMs, () => new Error(`tools/list took over ${c.connectTimeoutMs} ms`));
    } catch (cause) {
      await client.close().catch(() => undefined);
      throw new McpError(
        'MCP_CONNECT_FAILED',
        this.name,
        `Could not connect to MCP server "${this.name}" (${message(cause)}). Check its command/URL and credentials.`,
        { cause },
      );
    }
    client.onclose = () => {
      if (this.#client === client) this.#client = undefined;
    };
    this.#client = client;
    this.#reconnects = 0;
    return client;
  }

  /** Coalesce list-change notifications: one `tools/list` in flight, one more after it if others came meanwhile (a flooding server costs two requests, not one per notification). */
  #refreshSoon(client: SdkClient): void {
    if (this.#refreshing) {
      this.#dirty = true;
      return;
    }
    this.#refreshing = this.#refresh(client)
      .catch(() => undefined)
      .finally(() => {
        this.#refreshing = undefined;
        if (this.#dirty && this.#client === client) {
          this.#dirty = false;
          this.#refreshSoon(client);
        }
      });
  }

  async #refresh(client: SdkClient): Promise<void> {
    const listed: McpListedTool[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor ? { cursor } : undefined);
      listed.push(...(page.tools as McpListedTool[]));
      cursor = page.nextCursor;
    } while (cursor && listed.length < MAX_MCP_TOOLS_PER_SERVER);
    const tools: Tool[] = [];
    const seen = new Set<string>();
    for (const t of listed.slice(0, MAX_MCP_TOOLS_PER_SERVER)) {
      if (typeof t?.name !== 'string' || !isAllowed(this.#config, t.name)) continue;
      const name = agentName(this.name, t.name);
      if (seen.has(name)) continue;
      seen.add(name);
      tools.push(this.#makeTool(t, name));
    }
    if (!this.#closed) this.#setTools(tools);
  }

  #setTools(tools: Tool[]): void {
    this.#tools = tools;
    for (const l of this.#listeners) l();
  }

  #makeTool(t: McpListedTool, name: string): Tool {
    const schema = inputSchemaOf(t);
    return {
      name,
      description: `${(t.description ?? t.name).slice(0, 2000)} (MCP server ${this.name})`,
      parameters: schema,
      parse: parserFor(schema),
      needsApproval: approvalFor(this.#config, t.name),
      timeoutMs: this.#config.timeoutMs,
      execute: (args, ctx) => this.#call(t.name, args as Record<string, unknown>, ctx.signal),
    };
  }

  async #call(tool: string, args: Record<string, unknown>, signal: AbortSignal, retried = false): Promise<string> {
    let client: SdkClient;
    try {
      client = await this.#ensureWithRetry();
    } catch (cause) {
      throw cause instanceof McpError && cause.code === 'MCP_DISCONNECTED'
        ? cause
        : new McpError('MCP_DISCONNECTED', this.name, `MCP server "${this.name}" is unreachable (${message(cause)}); try again later or answer without it.`, {
            cause,
          });
    }
    let result: unknown;
    try {
      result = await client.callTool({ name: tool, arguments: args }, undefined, { signal, timeout: this.#config.timeoutMs });
    } catch (cause) {
      // the HTTP server forgot our session (restart): the request was not processed, so reconnect and send it once more
      if ((cause as { code?: unknown })?.code === 404 && !retried && this.#client === client && !signal.aborted) {
        this.#client = undefined;
        await client.close().catch(() => undefined);
        return this.#call(tool, args, signal, true);
      }
      throw new McpError('MCP_CALL_FAILED', this.name, `MCP tool "${tool}" on "${this.name}" failed: ${message(cause)}`, { cause });
    }
    const text = resultText(result);
    if ((result as { isError?: boolean }).isError) throw new McpError('MCP_TOOL_ERROR', this.name, text || `MCP tool "${tool}" reported an error.`);
    return text;
  }

  async #ensureWithRetry(): Promise<SdkClient> {
    for (;;) {
      try {
        return await this.#ensure();
      } catch (error) {
        if (this.#closed || this.#reconnects >= this.#config.maxReconnects) throw error;
        const delay = this.#config.reconnectDelayMs * 2 ** this.#reconnects++;
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }
}

/**
 * Connect to one MCP server and return its tools as a `ToolSource` for an Agent.
 * @throws McpError `MCP_CONFIG_INVALID`, `MCP_SDK_MISSING`, `MCP_CONNECT_FAILED`
 * @example
 * ```ts
 * const files = await connectMcpServer({ name: 'fs', command: 'npx', args: ['@modelcontextprotocol/server-filesystem', '/data'], deny: ['write_*'] });
 * const agent = new Agent({ provider, toolSources: [files] });
 * ```
 */
export async function connectMcpServer(config: McpServerConfig): Promise<McpToolSource> {
  const source = new McpToolSource(config);
  await source.connect();
  return source;
}
