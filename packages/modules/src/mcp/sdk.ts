/**
 * Loads the optional peer `@modelcontextprotocol/sdk` on first use, so apps that never serve
 * MCP never load it (or need it installed).
 */
import { ModuleError } from '../errors.js';

/** @internal The parts of the SDK the server uses. */
export interface ServerSdk {
  Server: typeof import('@modelcontextprotocol/sdk/server/index.js').Server;
  StdioServerTransport: typeof import('@modelcontextprotocol/sdk/server/stdio.js').StdioServerTransport;
  StreamableHTTPServerTransport: typeof import('@modelcontextprotocol/sdk/server/streamableHttp.js').StreamableHTTPServerTransport;
  types: typeof import('@modelcontextprotocol/sdk/types.js');
}

let loading: Promise<ServerSdk> | undefined;

/** @internal */
export function loadServerSdk(): Promise<ServerSdk> {
  loading ??= (async () => {
    try {
      const [server, stdio, http, types] = await Promise.all([
        import('@modelcontextprotocol/sdk/server/index.js'),
        import('@modelcontextprotocol/sdk/server/stdio.js'),
        import('@modelcontextprotocol/sdk/server/streamableHttp.js'),
        import('@modelcontextprotocol/sdk/types.js'),
      ]);
      return {
        Server: server.Server,
        StdioServerTransport: stdio.StdioServerTransport,
        StreamableHTTPServerTransport: http.StreamableHTTPServerTransport,
        types,
      };
    } catch (cause) {
      loading = undefined;
      throw new ModuleError(
        'MODULE_MCP_SDK_MISSING',
        'Serving MCP needs the optional peer dependency @modelcontextprotocol/sdk: run `npm install @modelcontextprotocol/sdk`.',
        { cause },
      );
    }
  })();
  return loading;
}
