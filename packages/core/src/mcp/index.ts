/** Using MCP servers' tools from an Agent (the MCP client side). */
export { McpToolSource, connectMcpServer } from './tool-source.js';
export type { McpServerConfig } from './config.js';
export { McpError, type McpErrorCode } from './errors.js';
