import { createStore } from '@graft/core';
import type { ChatProvider } from '@graft/providers';
import { describe, expect, it } from 'vitest';
import { CredentialVault, ModuleManager, VaultError } from '../src/index.js';
import { TEST_MASTER_KEY, echoDraft, makeManager, testSandbox } from './manager-fixtures.js';
import { approveAndInstall, installUnvalidated } from './manager-fixtures.js';

const fakeProvider = (id: string): ChatProvider => ({
  id,
  model: id,
  chat: async () => {
    throw new Error('unused');
  },
  stream: () => {
    throw new Error('unused');
  },
});

describe('ModuleManager (construction and small contracts)', () => {
  it("writes modules with the router's heavy tier, or the given provider", () => {
    const asked: string[] = [];
    const viaRouter = new ModuleManager({
      store: createStore(),
      vault: { key: TEST_MASTER_KEY },
      router: { provider: (t) => (asked.push(t), fakeProvider(t)) },
    });
    expect(viaRouter.buildDeps().provider?.id).toBe('heavy');
    expect(asked).toEqual(['heavy']);
    const direct = new ModuleManager({ store: createStore(), vault: { key: TEST_MASTER_KEY }, provider: fakeProvider('mine') });
    expect(direct.buildDeps().provider?.id).toBe('mine');
  });

  it('refuses to start without a vault key (no fallback), and accepts a ready vault', () => {
    const store = createStore();
    expect(() => new ModuleManager({ store, vault: { env: {} } })).toThrow(VaultError);
    const vault = new CredentialVault({ store, key: TEST_MASTER_KEY });
    expect(() => new ModuleManager({ store, vault })).not.toThrow();
  });

  it('typed errors for unknown modules; get() is undefined; listeners can unsubscribe', async () => {
    const { manager } = makeManager(createStore(), await testSandbox());
    expect(await manager.get('nope')).toBeUndefined();
    for (const call of [
      () => manager.disable('nope'),
      () => manager.enable('nope'),
      () => manager.liveTest('nope'),
      () => manager.rollback('nope', '1.0.0'),
      () => manager.setCredentials('nope', {}),
    ]) {
      const err = await call().catch((e) => e);
      expect(err.code).toBe('MODULE_NOT_FOUND');
      expect(err.message).toContain('list()');
    }
    const seen: string[] = [];
    const off = manager.on('event', (e) => seen.push(e.type));
    const d = echoDraft('echo-a');
    await manager.validate(d);
    const approval = await manager.approve(d, { by: 'u' });
    off();
    await manager.install(d, approval);
    expect(seen).toEqual(['module.validating', 'module.test', 'module.validated', 'module.approved']);
    await expect(manager.approve(d, { by: '' })).rejects.toThrow(/by/);
    // uninstall is idempotent: a module that is not there is a no-op
    await expect(manager.uninstall('nope')).resolves.toBeUndefined();
  });

  it('a module without credentials is installed at once and needs no live test', async () => {
    const { manager, events } = makeManager(createStore(), await testSandbox());
    const d = echoDraft('echo-a');
    const rec = await approveAndInstall(manager, d, 'u');
    expect(rec).toMatchObject({ name: 'echo-a', status: 'installed', activeVersion: '1.0.0', versions: ['1.0.0'] });
    expect(events.at(-1)).toEqual({ type: 'module.installed', name: 'echo-a', version: '1.0.0' });
    const live = await manager.liveTest('echo-a');
    expect(live).toMatchObject({ passed: true, results: [], recorded: 0 });
    // Re-installing the identical bundle is idempotent.
    const again = await approveAndInstall(manager, d, 'u');
    expect(again.versions).toEqual(['1.0.0']);
  });

  it('a store that cannot be read fails every call with MODULE_STORE_FAILED (typed, actionable)', async () => {
    const broken = {
      get: async () => {
        throw new Error('SQLITE_CANTOPEN');
      },
      set: async () => undefined,
      delete: async () => true,
    };
    const manager = new ModuleManager({ store: broken, vault: { key: TEST_MASTER_KEY } });
    const err = await manager.list().catch((e) => e);
    expect(err.code).toBe('MODULE_STORE_FAILED');
    expect(err.message).toContain('SQLITE_CANTOPEN');
    expect(err.message).toContain('Check the store');
    await expect(manager.ready()).rejects.toMatchObject({ code: 'MODULE_STORE_FAILED' });
    expect(manager.toolSource().list()).toEqual([]);
  });
});
