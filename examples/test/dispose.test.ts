/**
 * `await using` works on the SDK's resources: a sandbox, a store and a module manager are
 * disposed (closed) when the scope that holds them ends, also when it ends by a throw.
 */
import { describe, expect, it } from 'vitest';
import { createStore, type GraftStore } from '@graft/core';
import { ModuleManager } from '@graft/modules';
import { createSandbox, type Sandbox } from '@graft/sandbox';

describe('await using', () => {
  it('disposes a sandbox at the end of its scope', async () => {
    let kept: Sandbox | undefined;
    {
      await using sandbox = await createSandbox();
      kept = sandbox;
      expect(await sandbox.run('export default () => 1 + 1')).toMatchObject({ ok: true, value: 2 });
    }
    await expect(kept.run('export default () => 1')).rejects.toMatchObject({ code: 'SANDBOX_DISPOSED' });
  });

  it('closes a store at the end of its scope, also when the scope throws', async () => {
    let kept: GraftStore | undefined;
    await expect(
      (async () => {
        await using store = createStore();
        kept = store;
        await store.set('k', 1);
        throw new Error('boom');
      })(),
    ).rejects.toThrow('boom');
    await expect(kept!.get('k')).rejects.toMatchObject({ code: 'STORE_CLOSED' });
  });

  it('disposes a module manager (and the sandbox it created) at the end of its scope', async () => {
    let disposed = 0;
    class CountingManager extends ModuleManager {
      override async close(): Promise<void> {
        disposed++;
        await super.close();
      }
    }
    const store = createStore();
    {
      await using manager = new CountingManager({ store, vault: { key: Buffer.alloc(32, 7) } });
      expect(await manager.list()).toEqual([]);
    }
    expect(disposed).toBe(1);
    await store.close();
  });

  it('uses one verb: close() ends a sandbox, a manager and a code-mode source; dispose() is the same, kept for old code', async () => {
    const sandbox = await createSandbox();
    await sandbox.close();
    await sandbox.close(); // idempotent
    await expect(sandbox.run('export default () => 1')).rejects.toMatchObject({ code: 'SANDBOX_DISPOSED' });
    const old = await createSandbox();
    await old.dispose();
    await expect(old.run('export default () => 1')).rejects.toMatchObject({ code: 'SANDBOX_DISPOSED' });
    const store = createStore();
    const manager = new ModuleManager({ store, vault: { key: Buffer.alloc(32, 7) } });
    expect(await manager.list()).toEqual([]);
    await manager.close();
    await manager.close();
    await store.close();
  });
});
