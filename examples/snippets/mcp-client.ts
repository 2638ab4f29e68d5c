// Use another MCP server's tools from a Graft agent: here the reference filesystem server,
// spawned over stdio, read-only tools only, with writes needing the user's approval if allowed.
import { Agent, connectMcpServer } from '@graft/core';
import { fromEnv } from '@graft/providers';

const files = await connectMcpServer({
  name: 'files',
  command: 'npx',
  args: ['-y', '@modelcontextprotocol/server-filesystem', './shared-docs'],
  deny: ['write_*', 'edit_*', 'move_*', 'create_*'], // never offered to the model
  needsApproval: ['read_media_file'], // pauses the run until the app resumes it
  timeoutMs: 20_000,
});
const tickets = await connectMcpServer({
  name: 'tickets',
  url: 'https://mcp.example.com/mcp',
  headers: { authorization: `Bearer ${process.env.TICKETS_TOKEN}` },
  needsApproval: true, // every call of this server asks first
});

const agent = new Agent({ provider: fromEnv(), toolSources: [files, tickets] });
const result = await agent.run('Summarise the onboarding doc in shared-docs.');
console.log(result.status === 'done' ? result.output : result.status);
await Promise.all([files.close(), tickets.close()]);
