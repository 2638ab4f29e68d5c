/**
 * `serveMcpStdio()`: serve installed modules to an MCP client that spawned this process
 * (Claude Desktop, IDEs, the MCP inspector) over stdin/stdout. Nothing else may write to
 * stdout while it runs: log to stderr.
 */
import { loadServerSdk } from './sdk.js';
import { buildToolServer, sourceOf } from './tool-server.js';
import type { McpServeOptions, McpServerHandle, McpToolOrigin } from './types.js';

/** Options of {@link serveMcpStdio}. */
export interface McpStdioOptions extends McpServeOptions {
  /** Streams to use instead of `process.stdin`/`process.stdout` (tests, embedding). */
  stdin?: NodeJS.ReadableStream;
  /** See `stdin`. */
  stdout?: NodeJS.WritableStream;
}

/**
 * Serve a `ModuleManager`'s installed modules (or any `ToolSource`) over stdio.
 * @throws {ModuleError} `MODULE_MCP_SDK_MISSING` when `@modelcontextprotocol/sdk` is not installed.
 * @example
 * ```ts
 * const manager = new ModuleManager({ store, vault: { key } });
 * await serveMcpStdio(manager, { name: 'my-app-modules' });
 * ```
 */
export async function serveMcpStdio(origin: McpToolOrigin, options: McpStdioOptions = {}): Promise<McpServerHandle> {
  const sdk = await loadServerSdk();
  const source = sourceOf(origin);
  await (origin as { ready?: () => Promise<void> }).ready?.();
  const { server, detach } = buildToolServer(sdk, source, options, 'stdio');
  const transport = new sdk.StdioServerTransport(options.stdin as never, options.stdout as never);
  await server.connect(transport);
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      detach();
      await server.close();
    })());
  return { close, [Symbol.asyncDispose]: close };
}
