/** Configuration of one MCP server the agent uses, and its validation. */
import { DEFAULT_MCP_CALL_TIMEOUT_MS, DEFAULT_MCP_CONNECT_TIMEOUT_MS, DEFAULT_MCP_MAX_RECONNECTS, DEFAULT_MCP_RECONNECT_DELAY_MS } from '../defaults.js';
import { McpError } from './errors.js';

/** One MCP server: spawn a local command (stdio) or connect to a Streamable HTTP URL. */
export interface McpServerConfig {
  /** Your name for the server; tool names become `<name>__<tool>` (letters, digits, `_`, `-`; 1-24 characters). */
  name: string;
  /** Command to spawn (stdio), e.g. `process.execPath` with `args: ['node_modules/x/dist/index.js']`. */
  command?: string;
  /** Arguments of `command`. */
  args?: string[];
  /**
   * Environment of the spawned server. Default: only the SDK's safe defaults (PATH, HOME, …):
   * your process's secrets are not passed unless you list them here.
   */
  env?: Record<string, string>;
  /** Working directory of the spawned server. */
  cwd?: string;
  /** URL of a Streamable HTTP MCP endpoint (instead of `command`). */
  url?: string;
  /** Headers sent to `url` (e.g. `Authorization`). */
  headers?: Record<string, string>;
  /** Only these server tool names are offered (`*` at the end matches a prefix). Default: all. */
  allow?: string[];
  /** These server tool names are never offered (`*` suffix allowed); wins over `allow`. */
  deny?: string[];
  /** Ask the user before calls: `true` for every tool of this server, or the server tool names that need it. */
  needsApproval?: boolean | string[];
  /** Per-call timeout, ms (default `DEFAULT_MCP_CALL_TIMEOUT_MS`). */
  timeoutMs?: number;
  /** Connect (and list) timeout, ms (default `DEFAULT_MCP_CONNECT_TIMEOUT_MS`). */
  connectTimeoutMs?: number;
  /** Reconnect attempts after the connection drops (default `DEFAULT_MCP_MAX_RECONNECTS`). */
  maxReconnects?: number;
  /** First delay between reconnect attempts, ms, doubled each attempt (default `DEFAULT_MCP_RECONNECT_DELAY_MS`). */
  reconnectDelayMs?: number;
}

/** @internal Config with defaults applied. */
export type ResolvedMcpConfig = McpServerConfig & { timeoutMs: number; connectTimeoutMs: number; maxReconnects: number; reconnectDelayMs: number };

const NAME = /^[A-Za-z0-9_-]{1,24}$/;

/** @internal Validate a server config. @throws McpError MCP_CONFIG_INVALID */
export function resolveConfig(config: McpServerConfig): ResolvedMcpConfig {
  const name = String(config?.name ?? '');
  const bad = (what: string) => new McpError('MCP_CONFIG_INVALID', name, `MCP server "${name}": ${what}`);
  if (!NAME.test(name)) throw bad('`name` must be 1-24 letters, digits, "_" or "-" (it prefixes the tool names).');
  if (!config.command === !config.url) throw bad('give exactly one of `command` (stdio) or `url` (Streamable HTTP).');
  if (config.url) {
    let u: URL;
    try {
      u = new URL(config.url);
    } catch {
      throw bad(`\`url\` "${config.url}" is not a URL.`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw bad('`url` must be http(s).');
  }
  for (const key of ['timeoutMs', 'connectTimeoutMs', 'reconnectDelayMs'] as const) {
    const v = config[key];
    if (v !== undefined && !(Number.isFinite(v) && v > 0)) throw bad(`\`${key}\` must be a positive number of milliseconds.`);
  }
  if (config.maxReconnects !== undefined && !(Number.isInteger(config.maxReconnects) && config.maxReconnects >= 0))
    throw bad('`maxReconnects` must be an integer >= 0.');
  return {
    ...config,
    timeoutMs: config.timeoutMs ?? DEFAULT_MCP_CALL_TIMEOUT_MS,
    connectTimeoutMs: config.connectTimeoutMs ?? DEFAULT_MCP_CONNECT_TIMEOUT_MS,
    maxReconnects: config.maxReconnects ?? DEFAULT_MCP_MAX_RECONNECTS,
    reconnectDelayMs: config.reconnectDelayMs ?? DEFAULT_MCP_RECONNECT_DELAY_MS,
  };
}

function matches(patterns: readonly string[], name: string): boolean {
  return patterns.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : p === name));
}

/** @internal Whether the server tool `name` is offered under `config`'s allow/deny lists. */
export function isAllowed(config: McpServerConfig, name: string): boolean {
  if (config.deny && matches(config.deny, name)) return false;
  return !config.allow || matches(config.allow, name);
}

/** @internal Whether calls to the server tool `name` need approval. */
export function approvalFor(config: McpServerConfig, name: string): boolean {
  const n = config.needsApproval;
  return n === true || (Array.isArray(n) && matches(n, name));
}
