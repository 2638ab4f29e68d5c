import type { Sandbox } from '@graft/sandbox';
import { createStore } from '@graft/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentToolName, ModuleManager } from '../src/index.js';
import { echoDraft, makeManager, TEST_MASTER_KEY, testSandbox } from './manager-fixtures.js';
import { approveAndInstall, installUnvalidated } from './manager-fixtures.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await testSandbox();
});
afterAll(() => sandbox.dispose());

const ctx = () => ({ threadId: 't', toolCallId: 'c', signal: new AbortController().signal, requestInput: async () => undefined as never });

describe('toolSource()', () => {
  it('lists installed modules as module__tool with the module input schema, validating arguments', async () => {
    const { manager } = makeManager(createStore(), sandbox);
    const d = echoDraft('echo-a');
    await approveAndInstall(manager, d, 'u');
    const [tool] = manager.toolSource().list();
    expect(tool.name).toBe(agentToolName('echo-a', 'echo'));
    expect(tool.name).toBe('echo-a__echo');
    expect(tool.description).toContain('Echo the text');
    expect(tool.parameters).toEqual({ type: 'object', properties: { text: { type: 'string' } }, required: ['text'] });
    expect(tool.parse({ text: 'hi' })).toEqual({ ok: true, value: { text: 'hi' } });
    const missing = tool.parse({});
    expect(missing.ok).toBe(false);
    expect(JSON.stringify(missing)).toContain('text');
    const wrongType = tool.parse({ text: 5 });
    expect(wrongType.ok).toBe(false);
    expect(JSON.stringify(wrongType)).toMatch(/text.*string/);
    expect(tool.parse('nope')).toEqual({ ok: false, issues: ['arguments must be a JSON object'] });
    expect(await tool.execute({ text: 'hi' }, ctx())).toEqual({ module: 'echo-a', text: 'hi' });
  });

  it('caches the list (same array) until a change, and notifies subscribers on every change', async () => {
    const { manager } = makeManager(createStore(), sandbox);
    const source = manager.toolSource();
    await manager.ready();
    expect(manager.toolSource()).toBe(source);
    const calls: number[] = [];
    const unsubscribe = source.subscribe(() => calls.push(source.list().length));
    const a = echoDraft('echo-a');
    await approveAndInstall(manager, a, 'u');
    const first = source.list();
    expect(source.list()).toBe(first);
    const b = echoDraft('echo-b');
    await approveAndInstall(manager, b, 'u');
    expect(source.list()).not.toBe(first);
    const a2 = echoDraft('echo-a', '1.1.0');
    await approveAndInstall(manager, a2, 'u');
    await manager.disable('echo-b');
    await manager.enable('echo-b');
    await manager.rollback('echo-a', '1.0.0');
    await manager.uninstall('echo-a');
    expect(calls).toEqual([1, 2, 2, 1, 2, 2, 1]);
    unsubscribe();
    await manager.uninstall('echo-b');
    expect(calls).toHaveLength(7);
    expect(source.list()).toEqual([]);
  });

  it('a restarted manager lists installed tools without creating a sandbox; the first call creates it once', async () => {
    const store = createStore();
    const { manager } = makeManager(store, sandbox);
    for (const n of ['echo-a', 'echo-b']) {
      const d = echoDraft(n);
      await approveAndInstall(manager, d, 'u');
    }
    let created = 0;
    const lazy = new ModuleManager({
      store,
      vault: { key: TEST_MASTER_KEY },
      sandbox: () => {
        created++;
        return sandbox;
      },
    });
    const source = lazy.toolSource();
    let notified = 0;
    source.subscribe(() => notified++);
    await lazy.ready();
    expect(notified).toBe(1);
    expect(source.list().map((t) => t.name)).toEqual(['echo-a__echo', 'echo-b__echo']);
    expect(created).toBe(0);
    await source.list()[1].execute({ text: 'x' }, ctx());
    await source.list()[0].execute({ text: 'y' }, ctx());
    expect(created).toBe(1);
  });
});
