// Serve your installed Graft modules to Claude Desktop (or any MCP client) over stdio.
//
// Claude Desktop's claude_desktop_config.json:
//   {
//     "mcpServers": {
//       "my-graft-modules": {
//         "command": "node",
//         "args": ["--import", "tsx", "/path/to/examples/mcp-claude-desktop/server.ts"],
//         "env": { "GRAFT_DB": "/path/to/.graft/graft.sqlite", "GRAFT_MASTER_KEY": "<base64 key>" }
//       }
//     }
//   }
//
// Every module your app installed (and approved) shows up as `module__tool`; calls run in the
// sandbox with the module's credentials substituted on the host, results scrubbed. Installing,
// disabling or uninstalling a module updates Claude's tool list. stdout carries the protocol:
// log to stderr only.
import { createStore } from '@graft/core';
import { ModuleManager, serveMcpStdio } from '@graft/modules';

const store = createStore({ sqlite: process.env.GRAFT_DB ?? '.graft/graft.sqlite' });
const modules = new ModuleManager({ store, vault: {} }); // the vault key comes from GRAFT_MASTER_KEY
const mcp = await serveMcpStdio(modules, { name: 'my-graft-modules', instructions: 'Tools built and approved in my Graft app.' });
console.error(`serving ${(await modules.list()).length} module(s) over MCP stdio`);

process.stdin.on('end', async () => {
  await mcp.close();
  await modules.close();
  await store.close();
});
