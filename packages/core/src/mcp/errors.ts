/** Typed errors of Graft's MCP client tool source. */
import { GraftCoreError } from '../errors.js';

/** Stable codes of {@link McpError}. */
export type McpErrorCode = 'MCP_SDK_MISSING' | 'MCP_CONFIG_INVALID' | 'MCP_CONNECT_FAILED' | 'MCP_DISCONNECTED' | 'MCP_CALL_FAILED' | 'MCP_TOOL_ERROR';

/** A failure of an MCP server connection or call. Branch on `code`. */
export class McpError extends GraftCoreError {
  declare readonly code: McpErrorCode;
  /** The configured server name. */
  readonly server: string;
  constructor(code: McpErrorCode, server: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.server = server;
  }
}
