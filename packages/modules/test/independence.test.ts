import { Agent, unspotlight } from '@graft/core';
import { openaiCompatible } from '@graft/providers';
import { createMockServer, reply } from '@graft/providers/testing';
import type { Sandbox } from '@graft/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoDraft, makeManager, sqliteStore, tempDb, testSandbox } from './manager-fixtures.js';
import { approveAndInstall, installUnvalidated } from './manager-fixtures.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await testSandbox();
});
afterAll(() => sandbox.dispose());

const ctx = () => ({ threadId: 't', toolCallId: 'c', signal: new AbortController().signal, requestInput: async () => undefined as never });

describe('independence', () => {
  it('20 modules installed, one uninstalled: the other 19 keep working through the same tool source, no reload', async () => {
    const db = tempDb();
    const store = sqliteStore(db.file);
    try {
      const { manager } = makeManager(store, sandbox);
      const names = Array.from({ length: 20 }, (_, i) => `mod-${String(i).padStart(2, '0')}`);
      for (const n of names) {
        const d = echoDraft(n);
        await installUnvalidated(manager, d, 'u');
      }
      const source = manager.toolSource();
      const before = source.list();
      expect(before).toHaveLength(20);
      await manager.uninstall('mod-07');
      const after = source.list();
      expect(after.map((t) => t.name)).toEqual(names.filter((n) => n !== 'mod-07').map((n) => `${n}__echo`));
      // Same tool objects for the untouched modules: nothing was rebuilt or reloaded.
      for (const t of after) expect(before).toContain(t);
      const outputs = await Promise.all(after.map((t) => t.execute({ text: t.name }, ctx())));
      expect(outputs).toEqual(after.map((t) => ({ module: t.name.split('__')[0], text: t.name })));
      await expect(before[7].execute({ text: 'x' }, ctx())).rejects.toMatchObject({ code: 'MODULE_NOT_ACTIVE' });
    } finally {
      await store.close();
      db.cleanup();
    }
  });

  it("through a running agent: uninstalling one of 20 modules changes the next model step's tools, the rest keep answering", async () => {
    const { manager } = makeManager(sqliteStoreMem(), sandbox);
    for (let i = 0; i < 20; i++) {
      const d = echoDraft(`mod-${String(i).padStart(2, '0')}`);
      await installUnvalidated(manager, d, 'u');
    }
    const server = await createMockServer({
      script: [reply.toolCall('mod-03__echo', { text: 'before' }), reply.text('ok 1'), reply.toolCall('mod-04__echo', { text: 'after' }), reply.text('ok 2')],
    });
    try {
      const agent = new Agent({ provider: openaiCompatible({ baseURL: server.url, model: 'mock-model', maxRetries: 0 }), toolSources: [manager.toolSource()] });
      const first = await agent.run('use mod-03', { threadId: 'ind-1' });
      expect(first.status).toBe('done');
      await manager.uninstall('mod-03');
      const second = await agent.run('use mod-04', { threadId: 'ind-1' });
      expect(second.status).toBe('done');
      const toolNames = server.chatRequests.map((r) => (r.body.tools ?? []).map((t: { function: { name: string } }) => t.function.name));
      expect(toolNames[0]).toHaveLength(20);
      expect(toolNames[2]).toHaveLength(19);
      expect(toolNames[2]).not.toContain('mod-03__echo');
      const results = second.messages.filter((m) => m.role === 'tool');
      expect(results.map((m) => (m as { content: string }).content)).toEqual([expect.stringContaining('before'), expect.stringContaining('after')]);
      expect(JSON.parse(unspotlight((results[1] as { content: string }).content))).toEqual({ module: 'mod-04', text: 'after' });
    } finally {
      await server.close();
    }
  });

  it('a module that crashes affects no other module', async () => {
    const { manager } = makeManager(sqliteStoreMem(), sandbox);
    const crash = echoDraft('crasher', '1.0.0', 'function f(n) { return f(n + 1) + 1; } return f(0);');
    const ok = echoDraft('steady');
    for (const d of [crash, ok]) await installUnvalidated(manager, d, 'u');
    const [bad, good] = await Promise.allSettled([manager.callTool('crasher', 'echo', { text: 'x' }), manager.callTool('steady', 'echo', { text: 'y' })]);
    expect(bad.status).toBe('rejected');
    expect((bad as PromiseRejectedResult).reason.code).toBe('MODULE_TOOL_FAILED');
    expect(good).toEqual({ status: 'fulfilled', value: { module: 'steady', text: 'y' } });
  });

  it('a module that loops or leaks memory is stopped by the sandbox; the others answer meanwhile', async () => {
    const { manager } = makeManager(sqliteStoreMem(), sandbox, { limits: { run: { timeMs: 1500, memoryBytes: 32 * 1024 * 1024 } } });
    const loop = echoDraft('looper', '1.0.0', 'while (true) {} ');
    const leak = echoDraft('leaker', '1.0.0', 'const a = []; while (true) a.push(new Array(100000).fill(a.length));');
    const ok = echoDraft('steady');
    for (const d of [loop, leak, ok]) await installUnvalidated(manager, d, 'u');
    const results = await Promise.allSettled([
      manager.callTool('looper', 'echo', { text: 'x' }),
      manager.callTool('leaker', 'echo', { text: 'x' }),
      manager.callTool('steady', 'echo', { text: 'y' }),
    ]);
    expect((results[0] as PromiseRejectedResult).reason.sandboxCode).toBe('TIMEOUT');
    expect(['MEMORY_LIMIT', 'TIMEOUT']).toContain((results[1] as PromiseRejectedResult).reason.sandboxCode);
    expect(results[2]).toEqual({ status: 'fulfilled', value: { module: 'steady', text: 'y' } });
    expect(await manager.callTool('steady', 'echo', { text: 'again' })).toEqual({ module: 'steady', text: 'again' });
  });
});

function sqliteStoreMem() {
  return sqliteStore(':memory:');
}
