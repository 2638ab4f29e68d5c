/**
 * Graft serves installed modules over MCP Streamable HTTP; the official SDK client (nobody here
 * wrote it) lists and calls them, sees list changes, and is kept out without credentials.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { createStore } from '@graft/core';
import type { Sandbox } from '@graft/sandbox';
import { serveMcpHttp, type ModuleManager } from '../../src/index.js';
import { echoDraft, flakyDraft, makeManager, statsApi, statsDraft, testSandbox, type LocalApi } from '../manager-fixtures.js';
import { approveAndInstall } from '../manager-fixtures.js';

const TOKEN = 'stats-token-"quoted"/slash+secret';
let sandbox: Sandbox;
let api: LocalApi;
beforeAll(async () => {
  sandbox = await testSandbox();
  api = await statsApi(TOKEN);
});
afterAll(async () => {
  await api.close();
  await sandbox.dispose();
});

async function world(): Promise<{ manager: ModuleManager; events: Array<{ type: string }> }> {
  const { manager, events } = makeManager(createStore(), sandbox);
  const stats = statsDraft(api);
  await approveAndInstall(manager, stats, 'admin');
  await manager.setCredentials('stats', { STATS_TOKEN: TOKEN });
  await manager.liveTest('stats');
  const echo = echoDraft('echo-a');
  await approveAndInstall(manager, echo, 'admin');
  return { manager, events };
}

async function connect(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'test-client', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

function textOf(result: unknown): string {
  return ((result as { content: Array<{ text?: string }> }).content ?? []).map((c) => c.text ?? '').join('');
}

describe('serveMcpHttp', () => {
  it('the official client lists module tools with their schemas and calls them in the sandbox, credentials substituted on the host and scrubbed', async () => {
    const { manager, events } = await world();
    await using mcp = await serveMcpHttp(manager, { name: 'graft-test' });
    const client = await connect(mcp.url);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(['echo-a__echo', 'stats__getPlayer']);
      const stats = tools.find((t) => t.name === 'stats__getPlayer')!;
      expect(stats.inputSchema).toMatchObject({ type: 'object', properties: { tag: { type: 'string' } }, required: ['tag'] });
      expect(stats.description).toContain('Get a player by tag');

      const before = api.requests.length;
      const result = await client.callTool({ name: 'stats__getPlayer', arguments: { tag: '#ABC' } });
      expect(result.isError).toBeFalsy();
      expect(JSON.parse(textOf(result))).toEqual({ name: 'Ada', trophies: 6123, winRate: 60 });
      expect(api.requests[before].headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(JSON.stringify(result)).not.toContain(TOKEN);

      const bad = await client.callTool({ name: 'stats__getPlayer', arguments: { tag: 42 } });
      expect(bad.isError).toBe(true);
      expect(textOf(bad)).toMatch(/Invalid arguments.*tag/);
      const unknown = await client.callTool({ name: 'nope__x', arguments: {} });
      expect(unknown.isError).toBe(true);
      expect(events.length).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });

  it('installing, disabling and uninstalling a module sends notifications/tools/list_changed and updates the list', async () => {
    const { manager } = await world();
    await using mcp = await serveMcpHttp(manager);
    const client = await connect(mcp.url);
    let changes = 0;
    let notify: () => void = () => {};
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      changes++;
      notify();
    });
    const changed = () => new Promise<void>((resolve) => (notify = resolve));
    try {
      // the standalone SSE stream (GET) carries server notifications; give it a moment to open
      await new Promise((r) => setTimeout(r, 200));
      let next = changed();
      const d = echoDraft('echo-b');
      await approveAndInstall(manager, d, 'admin');
      await next;
      expect((await client.listTools()).tools.map((t) => t.name)).toContain('echo-b__echo');
      next = changed();
      await manager.disable('echo-b');
      await next;
      expect((await client.listTools()).tools.map((t) => t.name)).not.toContain('echo-b__echo');
      const call = await client.callTool({ name: 'echo-b__echo', arguments: { text: 'x' } });
      expect(call.isError).toBe(true);
      next = changed();
      await manager.uninstall('echo-a');
      await next;
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['stats__getPlayer']);
      expect(changes).toBeGreaterThanOrEqual(3);
    } finally {
      await client.close();
    }
  });

  it('with an authenticate hook: no token → 401 and nothing listed; a session cannot be used by another caller', async () => {
    const { manager } = await world();
    const tokens: Record<string, string> = { 'token-alice': 'alice', 'token-bob': 'bob' };
    await using mcp = await serveMcpHttp(manager, {
      authenticate: (req) => {
        const id = tokens[(req.headers.authorization ?? '').replace(/^Bearer /, '')];
        return id ? { clientId: id } : undefined;
      },
      allowTool: (tool, caller) => caller?.clientId === 'alice' || !tool.name.startsWith('stats__'),
    });
    await expect(connect(mcp.url)).rejects.toThrow();
    await expect(connect(mcp.url, { authorization: 'Bearer wrong' })).rejects.toThrow();
    const alice = await connect(mcp.url, { authorization: 'Bearer token-alice' });
    const bob = await connect(mcp.url, { authorization: 'Bearer token-bob' });
    try {
      expect((await alice.listTools()).tools.map((t) => t.name).sort()).toEqual(['echo-a__echo', 'stats__getPlayer']);
      expect((await bob.listTools()).tools.map((t) => t.name)).toEqual(['echo-a__echo']);
      const denied = await bob.callTool({ name: 'stats__getPlayer', arguments: { tag: '#ABC' } });
      expect(denied.isError).toBe(true);
      expect(JSON.stringify(denied)).not.toContain('trophies');
      // Bob replays Alice's session id with his own token
      const aliceSession = (alice.transport as StreamableHTTPClientTransport).sessionId!;
      const hijack = await fetch(mcp.url, {
        method: 'POST',
        headers: {
          authorization: 'Bearer token-bob',
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-session-id': aliceSession,
          'mcp-protocol-version': '2025-06-18',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: 'stats__getPlayer', arguments: { tag: '#ABC' } } }),
      });
      expect(hijack.status).toBe(403);
      expect(await hijack.text()).not.toContain('trophies');
    } finally {
      await alice.close();
      await bob.close();
    }
  });

  it('refuses to bind beyond loopback without authentication, and refuses oversized and foreign-Host requests', async () => {
    const { manager } = await world();
    await expect(serveMcpHttp(manager, { host: '0.0.0.0' })).rejects.toMatchObject({ code: 'MODULE_MCP_FAILED' });
    await using mcp = await serveMcpHttp(manager);
    const big = await fetch(mcp.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ x: 'a'.repeat(2 * 1024 * 1024) }),
    });
    expect(big.status).toBe(413);
    const init = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
    };
    // a browser page on evil.example whose name now resolves to 127.0.0.1 (DNS rebinding)
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        mcp.url,
        { method: 'POST', headers: { host: 'evil.example', 'content-type': 'application/json', accept: 'application/json, text/event-stream' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(init));
    });
    expect(status).toBe(403);
    expect(mcp.sessions).toBe(0);
  });

  it('closes sessions a client abandoned after the idle time, and keeps sessions with an open notification stream', async () => {
    const { manager } = await world();
    await using mcp = await serveMcpHttp(manager, { sessionIdleMs: 150 });
    const listening = await connect(mcp.url); // the SDK client opens the GET notification stream
    const init = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
    };
    const res = await fetch(mcp.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify(init),
    });
    await res.text();
    expect(res.headers.get('mcp-session-id')).toBeTruthy();
    expect(mcp.sessions).toBe(2);
    await new Promise((r) => setTimeout(r, 600));
    expect(mcp.sessions).toBe(1); // the abandoned raw session is gone
    expect((await listening.listTools()).tools.length).toBe(2); // the listening client still works
    await listening.close();
  });

  it("failing calls over MCP count on the module's health breaker: it disables the module, emits events, and the tool leaves the list", async () => {
    const { manager, events } = makeManager(createStore(), sandbox, { limits: { breakerThreshold: 2 } });
    const d = flakyDraft('flaky');
    await approveAndInstall(manager, d, 'admin');
    await using mcp = await serveMcpHttp(manager);
    const client = await connect(mcp.url);
    try {
      let changed!: () => void;
      const gone = new Promise<void>((r) => (changed = r));
      client.setNotificationHandler(ToolListChangedNotificationSchema, () => changed());
      for (let i = 0; i < 2; i++) {
        const r = await client.callTool({ name: 'flaky__echo', arguments: { text: 'x', fail: true } });
        expect(r.isError).toBe(true);
        expect(textOf(r)).toContain('upstream exploded');
      }
      await gone;
      expect((await manager.get('flaky'))?.status).toBe('disabled');
      expect(events.map((e) => e.type)).toContain('module.failed');
      expect((await client.listTools()).tools.map((t) => t.name)).not.toContain('flaky__echo');
    } finally {
      await client.close();
    }
  });
});
