/**
 * The "serve your modules to Claude Desktop" example, run as Claude Desktop runs it: a child
 * process over stdio, spoken to by the official MCP SDK client.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { createStore } from '@graft/core';
import { ModuleManager, type Draft } from '@graft/modules';

const server = resolve(dirname(fileURLToPath(import.meta.url)), '../mcp-claude-desktop/server.ts');
const key = randomBytes(32).toString('base64');
let dir: string;

const draft: Draft = {
  request: 'greet people',
  round: 0,
  bundle: {
    manifest: {
      name: 'greeter',
      version: '1.0.0',
      description: 'Greets people.',
      category: 'utility',
      permissions: { hosts: [] },
      credentials: [],
      tools: [{ name: 'greet', description: 'Greet a person by name' }],
    },
    code: `export const tools = { greet: { description: 'Greet a person by name', input: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] }, async run(input) { return 'Hello, ' + input.name + '!'; } } };\n`,
    tests: [{ name: 'greets', entry: 'tools.greet.run', input: { name: 'Ada' }, expect: 'Hello, Ada!' }],
  },
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'graft-mcp-example-'));
  const store = createStore({ sqlite: join(dir, 'graft.sqlite') });
  const modules = new ModuleManager({ store, vault: { key } });
  const report = await modules.validate(draft);
  expect(report.passed).toBe(true);
  await modules.install(draft, await modules.approve(draft, { by: 'admin' }));
  await modules.close();
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('examples/mcp-claude-desktop', () => {
  it('serves the installed module over stdio to the official MCP client', async () => {
    const client = new Client({ name: 'claude-desktop-stand-in', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: ['--conditions=@graft/source', '--import', 'tsx', server],
        env: { ...(process.env as Record<string, string>), GRAFT_DB: join(dir, 'graft.sqlite'), GRAFT_MASTER_KEY: key },
        stderr: 'pipe',
      }),
    );
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(['greeter__greet']);
      const result = await client.callTool({ name: 'greeter__greet', arguments: { name: 'Ada' } });
      expect((result.content as Array<{ text: string }>)[0].text).toBe('Hello, Ada!');
    } finally {
      await client.close();
    }
  }, 60_000);
});
