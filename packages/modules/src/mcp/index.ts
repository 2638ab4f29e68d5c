/** Serving a ModuleManager's installed modules over MCP (stdio and Streamable HTTP). */
export { serveMcpStdio, type McpStdioOptions } from './stdio.js';
export { serveMcpHttp } from './http.js';
export type { McpCaller, McpServeOptions, McpHttpOptions, McpServerHandle, McpHttpServerHandle, McpToolOrigin } from './types.js';
