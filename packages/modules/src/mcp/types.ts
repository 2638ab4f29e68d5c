/** Public options and handles of Graft's MCP server. */
import type { IncomingMessage } from 'node:http';
import type { Tool, ToolSource } from '@graft/core';
import type { ModuleManager } from '../manager/manager.js';

/** Who is calling, as your `authenticate` hook decided (passed to `allowTool` and tool calls). */
export interface McpCaller {
  /** A stable id of the client or user (sessions are bound to it). */
  clientId: string;
  /** Scopes or roles your app granted. */
  scopes?: string[];
  /** Anything else your app wants to carry (never sent to clients). */
  extra?: Record<string, unknown>;
}

/** What an MCP server serves: a `ModuleManager`'s installed modules, or any core `ToolSource`. */
export type McpToolOrigin = ModuleManager | ToolSource;

/** Options common to every transport. */
export interface McpServeOptions {
  /** Server name shown to clients (default `'graft-modules'`). */
  name?: string;
  /** Server version shown to clients (default `'0.0.0'`). */
  version?: string;
  /** Instructions for the client's model. */
  instructions?: string;
  /** Whether a caller may see and call a tool (default: every tool). Checked on list and on call. */
  allowTool?: (tool: Tool, caller: McpCaller | undefined) => boolean;
  /**
   * Decide a call to a tool that needs approval (`tool.needsApproval`). Without this hook such
   * calls are refused: an MCP client cannot answer Graft's approval interrupt.
   */
  approve?: (call: { tool: string; args: unknown; caller: McpCaller | undefined }) => boolean | Promise<boolean>;
  /** Longest a call may run, ms (default `DEFAULT_MCP_CALL_TIMEOUT_MS`, or the tool's own `timeoutMs`). */
  callTimeoutMs?: number;
}

/** Options of {@link serveMcpHttp}. */
export interface McpHttpOptions extends McpServeOptions {
  /** Port (default 0: a free one; read it from `url`). */
  port?: number;
  /** Interface to bind (default `127.0.0.1`). Binding elsewhere without `authenticate` is refused. */
  host?: string;
  /** Path (default `DEFAULT_MCP_PATH`). */
  path?: string;
  /**
   * Your authentication: return the caller for a request (e.g. from a bearer token), or
   * `undefined`/`false` to answer 401. Sessions are bound to the caller that opened them.
   */
  authenticate?: (request: IncomingMessage) => McpCaller | undefined | false | Promise<McpCaller | undefined | false>;
  /** Close a session after this long without a request, ms (default `DEFAULT_MCP_SESSION_IDLE_MS`). */
  sessionIdleMs?: number;
  /** Extra `Host` header values accepted (DNS-rebinding protection is on for loopback binds). */
  allowedHosts?: string[];
}

/** A running MCP server. */
export interface McpServerHandle {
  /** Stops serving and closes every session. */
  close(): Promise<void>;
  /** Same as `close`. */
  [Symbol.asyncDispose](): Promise<void>;
}

/** A running MCP HTTP server. */
export interface McpHttpServerHandle extends McpServerHandle {
  /** The endpoint clients connect to, e.g. `http://127.0.0.1:4000/mcp`. */
  readonly url: string;
  /** Open sessions now. */
  readonly sessions: number;
}
