/**
 * Serving any core ToolSource over MCP: tools that need approval are refused unless the app's
 * `approve` hook says yes; a call past the timeout is cut; a tool asking for input fails cleanly.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { defineTool, type Tool, type ToolSource } from '@graft/core';
import { serveMcpHttp } from '../../src/index.js';

function sourceOf(tools: Tool[]): ToolSource {
  return { list: () => tools, subscribe: () => () => {} };
}

async function client(url: string): Promise<Client> {
  const c = new Client({ name: 't', version: '1' });
  await c.connect(new StreamableHTTPClientTransport(new URL(url)));
  return c;
}

const text = (r: unknown) => (r as { content: Array<{ text: string }> }).content[0]?.text ?? '';

describe('serveMcpHttp over a ToolSource', () => {
  it('refuses needsApproval tools without an approve hook and runs them only when it approves', async () => {
    const ran: unknown[] = [];
    const transfer = defineTool({
      name: 'transfer',
      description: 'Send money',
      input: z.object({ to: z.string(), amount: z.number() }),
      needsApproval: true,
      execute: (args) => (ran.push(args), 'sent'),
    });
    {
      await using mcp = await serveMcpHttp(sourceOf([transfer]));
      const c = await client(mcp.url);
      const r = await c.callTool({ name: 'transfer', arguments: { to: 'mallory', amount: 1000 } });
      expect(r.isError).toBe(true);
      expect(text(r)).toContain('approval');
      await c.close();
    }
    expect(ran).toEqual([]);
    const asked: unknown[] = [];
    await using mcp = await serveMcpHttp(sourceOf([transfer]), { approve: (call) => (asked.push(call), (call.args as { amount: number }).amount < 100) });
    const c = await client(mcp.url);
    expect((await c.callTool({ name: 'transfer', arguments: { to: 'mallory', amount: 1000 } })).isError).toBe(true);
    expect(text(await c.callTool({ name: 'transfer', arguments: { to: 'bob', amount: 5 } }))).toBe('sent');
    expect(ran).toEqual([{ to: 'bob', amount: 5 }]);
    expect(asked).toHaveLength(2);
    await c.close();
  });

  it('cuts a call past its timeout (aborting the tool) and answers a tool that asks for input with an error', async () => {
    let aborted = false;
    const slow = defineTool({
      name: 'slow',
      description: 'Takes forever',
      input: z.object({}),
      execute: (_a, ctx) => new Promise((resolve) => ctx.signal.addEventListener('abort', () => ((aborted = true), resolve('late')))),
    });
    const asks = defineTool({
      name: 'asks',
      description: 'Needs input',
      input: z.object({}),
      execute: async (_a, ctx) => ctx.requestInput({ type: 'x', message: 'key?' }),
    });
    await using mcp = await serveMcpHttp(sourceOf([slow, asks]), { callTimeoutMs: 200 });
    const c = await client(mcp.url);
    const r = await c.callTool({ name: 'slow', arguments: {} });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/did not finish within 200 ms/);
    expect(aborted).toBe(true);
    const i = await c.callTool({ name: 'asks', arguments: {} });
    expect(i.isError).toBe(true);
    expect(text(i)).toContain('input');
    await c.close();
  });
});
