// The same modules over MCP Streamable HTTP, for clients that connect by URL. Authentication
// is your app's: here a bearer token per client; sessions are bound to the client that opened
// them, and each client sees only the tools `allowTool` grants it.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { createStore } from '@graft/core';
import { ModuleManager, serveMcpHttp, type McpCaller } from '@graft/modules';

const clients: Record<string, McpCaller> = {
  [process.env.MCP_TOKEN_DESKTOP ?? 'change-me-desktop']: { clientId: 'desktop', scopes: ['all'] },
  [process.env.MCP_TOKEN_IDE ?? 'change-me-ide']: { clientId: 'ide', scopes: ['read'] },
};

function authenticate(req: IncomingMessage): McpCaller | undefined {
  const sent = Buffer.from((req.headers.authorization ?? '').replace(/^Bearer /, ''));
  for (const [token, caller] of Object.entries(clients)) {
    const expected = Buffer.from(token);
    if (sent.length === expected.length && timingSafeEqual(sent, expected)) return caller;
  }
  return undefined;
}

const store = createStore({ sqlite: process.env.GRAFT_DB ?? '.graft/graft.sqlite' });
const modules = new ModuleManager({ store, vault: {} });
const mcp = await serveMcpHttp(modules, {
  port: Number(process.env.PORT ?? 4100),
  authenticate,
  // the IDE client only gets read-style tools
  allowTool: (tool, caller) => caller?.scopes?.includes('all') || /__(get|list|search)/i.test(tool.name),
});
console.log(`MCP endpoint: ${mcp.url}`);

process.on('SIGINT', async () => {
  await mcp.close();
  await modules.close();
  await store.close();
  process.exit(0);
});
