/**
 * Graft serves installed modules over MCP stdio from a second process reading the same SQLite
 * store; the official SDK client spawns it, lists and calls the tools, and the MCP inspector's
 * CLI (headless) lists them too.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { createStore } from '@graft/core';
import type { Sandbox } from '@graft/sandbox';
import { serveMcpHttp } from '../../src/index.js';
import { echoDraft, makeManager, sqliteStore, tempDb, TEST_MASTER_KEY, testSandbox } from '../manager-fixtures.js';
import { approveAndInstall } from '../manager-fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = join(here, 'fixtures', 'serve-stdio.ts');
const nodeArgs = ['--conditions=@graft/source', '--import', 'tsx', fixture];
const inspectorCli = join(dirname(createRequire(import.meta.url).resolve('@modelcontextprotocol/inspector-cli/package.json')), 'build', 'index.js');
const run = promisify(execFile);

let sandbox: Sandbox;
let db: ReturnType<typeof tempDb>;
beforeAll(async () => {
  sandbox = await testSandbox();
  db = tempDb();
  const store = sqliteStore(db.file);
  const { manager } = makeManager(store, sandbox);
  for (const name of ['echo-a', 'echo-b']) {
    const d = echoDraft(name);
    await approveAndInstall(manager, d, 'admin');
  }
  await store.close();
});
afterAll(async () => {
  await sandbox.dispose();
  db.cleanup();
});

describe('serveMcpStdio', () => {
  it('the official SDK client spawns the server process, lists and calls the installed tools', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: nodeArgs,
      env: { ...(process.env as Record<string, string>), GRAFT_TEST_DB: db.file, GRAFT_MASTER_KEY: TEST_MASTER_KEY },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'stdio-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      expect(client.getServerVersion()?.name).toBe('graft-stdio-test');
      expect(client.getServerCapabilities()?.tools?.listChanged).toBe(true);
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(['echo-a__echo', 'echo-b__echo']);
      const result = await client.callTool({ name: 'echo-b__echo', arguments: { text: 'over stdio' } });
      expect(result.isError).toBeFalsy();
      expect(JSON.parse((result.content as Array<{ text: string }>)[0].text)).toEqual({ module: 'echo-b', text: 'over stdio' });
    } finally {
      await client.close();
    }
  }, 60_000);

  it('the MCP inspector CLI (headless) lists the tools over stdio and calls one over HTTP', async () => {
    // the CLI resolves its own package.json relative to the working directory: run it from its build folder
    const cwd = dirname(inspectorCli);
    const env = { ...process.env, GRAFT_TEST_DB: db.file, GRAFT_MASTER_KEY: TEST_MASTER_KEY };
    const listed = await run(process.execPath, [inspectorCli, process.execPath, ...nodeArgs, '--method', 'tools/list'], { timeout: 60_000, cwd, env });
    const out = JSON.parse(listed.stdout) as { tools: Array<{ name: string }> };
    expect(out.tools.map((t) => t.name).sort()).toEqual(['echo-a__echo', 'echo-b__echo']);

    const { manager } = makeManager(createStore(), sandbox);
    const d = echoDraft('echo-http');
    await approveAndInstall(manager, d, 'admin');
    await using mcp = await serveMcpHttp(manager);
    const called = await run(
      process.execPath,
      [inspectorCli, mcp.url, '--transport', 'http', '--method', 'tools/call', '--tool-name', 'echo-http__echo', '--tool-arg', 'text=hello'],
      { timeout: 60_000, cwd },
    );
    expect(called.stdout).toContain('echo-http');
    expect(called.stdout).toContain('hello');
  }, 90_000);
});
