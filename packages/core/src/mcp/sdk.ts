/**
 * Loads the optional peer `@modelcontextprotocol/sdk` (client side) on first use: apps that
 * never connect to an MCP server never load or need it.
 */
import { McpError } from './errors.js';

/** @internal */
export interface ClientSdk {
  Client: typeof import('@modelcontextprotocol/sdk/client/index.js').Client;
  StdioClientTransport: typeof import('@modelcontextprotocol/sdk/client/stdio.js').StdioClientTransport;
  getDefaultEnvironment: typeof import('@modelcontextprotocol/sdk/client/stdio.js').getDefaultEnvironment;
  StreamableHTTPClientTransport: typeof import('@modelcontextprotocol/sdk/client/streamableHttp.js').StreamableHTTPClientTransport;
  types: typeof import('@modelcontextprotocol/sdk/types.js');
}

let loading: Promise<ClientSdk> | undefined;

/** @internal */
export function loadClientSdk(server: string): Promise<ClientSdk> {
  loading ??= (async () => {
    try {
      const [client, stdio, http, types] = await Promise.all([
        import('@modelcontextprotocol/sdk/client/index.js'),
        import('@modelcontextprotocol/sdk/client/stdio.js'),
        import('@modelcontextprotocol/sdk/client/streamableHttp.js'),
        import('@modelcontextprotocol/sdk/types.js'),
      ]);
      return {
        Client: client.Client,
        StdioClientTransport: stdio.StdioClientTransport,
        getDefaultEnvironment: stdio.getDefaultEnvironment,
        StreamableHTTPClientTransport: http.StreamableHTTPClientTransport,
        types,
      };
    } catch (cause) {
      loading = undefined;
      throw new McpError(
        'MCP_SDK_MISSING',
        server,
        'Connecting to MCP servers needs the optional peer dependency @modelcontextprotocol/sdk: run `npm install @modelcontextprotocol/sdk`.',
        { cause },
      );
    }
  })();
  return loading;
}
