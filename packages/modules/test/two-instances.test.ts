/**
 * Two app instances (two managers on two connections to one SQLite file): the scenario of the
 * scale-out issue — each installs a module; both see both, at once through notifications and
 * after a restart; uninstall, rollback and disable on one reach the other's agent tools.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '@graft/sandbox';
import { echoDraft, makeManager, sqliteStore, tempDb, testSandbox } from './manager-fixtures.js';
import type { ModuleManager } from '../src/index.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(read: () => Promise<T> | T, expected: T, withinMs = 1_000): Promise<void> {
  const until = Date.now() + withinMs;
  let last = await read();
  while (JSON.stringify(last) !== JSON.stringify(expected) && Date.now() < until) {
    await sleep(20);
    last = await read();
  }
  expect(last).toEqual(expected);
}

async function install(manager: ModuleManager, name: string, version = '1.0.0'): Promise<void> {
  const d = echoDraft(name, version);
  await manager.install(d, await manager.approve(d, { by: 'test', dangerouslySkipValidation: true }), { dangerouslySkipValidation: true });
}

describe('two instances on one SQLite file', () => {
  let sandbox: Sandbox;
  const db = tempDb();
  beforeAll(async () => {
    sandbox = await testSandbox();
  });
  afterAll(async () => {
    await sandbox.dispose();
    db.cleanup();
  });

  it('lose nothing: each installs a module, both see both (live and after a restart), changes reach the other agent within a second', async () => {
    const storeA = sqliteStore(db.file);
    const storeB = sqliteStore(db.file);
    const { manager: a } = makeManager(storeA, sandbox);
    const { manager: b } = makeManager(storeB, sandbox);
    await Promise.all([a.ready(), b.ready()]);
    const toolsB = b.toolSource();
    await Promise.all([install(a, 'aaa'), install(b, 'bbb')]);
    const names = async (m: ModuleManager) => (await m.list()).map((r) => r.name).sort();
    await eventually(() => names(a), ['aaa', 'bbb']);
    await eventually(() => names(b), ['aaa', 'bbb']);
    await eventually(
      () =>
        toolsB
          .list()
          .map((t) => t.name)
          .sort(),
      ['aaa__echo', 'bbb__echo'],
    );
    // B can call the module A installed.
    expect(await b.callTool('aaa', 'echo', { text: 'hi' })).toEqual({ module: 'aaa', text: 'hi' });

    await install(a, 'aaa', '1.1.0');
    await eventually(async () => (await b.get('aaa'))?.activeVersion, '1.1.0');
    await b.rollback('aaa', '1.0.0');
    await eventually(async () => (await a.get('aaa'))?.activeVersion, '1.0.0');
    expect((await a.get('aaa'))?.versions).toEqual(['1.0.0', '1.1.0']);
    await a.disable('bbb');
    await eventually(() => toolsB.list().map((t) => t.name), ['aaa__echo']);
    await b.uninstall('aaa');
    await eventually(() => names(a), ['bbb']);

    await Promise.all([a.dispose(), b.dispose()]);
    await Promise.all([storeA.close(), storeB.close()]);
    // Restart: a new instance reads exactly that.
    const storeC = sqliteStore(db.file);
    const { manager: c } = makeManager(storeC, sandbox);
    expect((await c.list()).map((r) => [r.name, r.status])).toEqual([['bbb', 'disabled']]);
    await c.dispose();
    await storeC.close();
  });

  it('a breaker counts failures from both instances and disables the module everywhere', async () => {
    const storeA = sqliteStore(db.file);
    const storeB = sqliteStore(db.file);
    const { manager: a } = makeManager(storeA, sandbox, { limits: { breakerThreshold: 4 } });
    const { manager: b } = makeManager(storeB, sandbox, { limits: { breakerThreshold: 4 } });
    const d = echoDraft('flaky', '1.0.0', `throw new Error('upstream exploded');`);
    await a.install(d, await a.approve(d, { by: 'test', dangerouslySkipValidation: true }), { dangerouslySkipValidation: true });
    await eventually(async () => (await b.get('flaky'))?.status, 'installed');
    for (const m of [a, b, a]) await expect(m.callTool('flaky', 'echo', { text: 'x' })).rejects.toMatchObject({ code: 'MODULE_TOOL_FAILED' });
    expect((await a.healthOf('flaky')).failures).toBe(3);
    await expect(b.callTool('flaky', 'echo', { text: 'x' })).rejects.toMatchObject({ code: 'MODULE_TOOL_FAILED' });
    await eventually(async () => (await a.get('flaky'))?.status, 'disabled');
    await Promise.all([a.dispose(), b.dispose()]);
    await Promise.all([storeA.close(), storeB.close()]);
  });
});
