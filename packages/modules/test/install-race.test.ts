/**
 * An install racing an uninstall on another instance: the stored state can still list a version
 * whose record the uninstall has just deleted. Installing that same bundle again is a fresh
 * install of the version (found by the three-process scale-out test under load), not a
 * `MODULE_VERSION_CONFLICT`; a different bundle under a stored version still conflicts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '@graft/core';
import { createSandbox, type Sandbox } from '@graft/sandbox';
import { ModuleManager, REGISTRY_PREFIX } from '../src/index.js';
import { draft } from './fixtures/scale-worker.js';

const KEY = Buffer.alloc(32, 9);
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
});
afterAll(async () => {
  await sandbox?.close();
});

describe('install while the version record vanished', () => {
  it('re-creates the missing record and installs; a different bundle with that version still conflicts', async () => {
    const store = createStore();
    const manager = new ModuleManager({ store, sandbox, vault: { key: KEY } });
    const install = async (d: ReturnType<typeof draft>) =>
      manager.install(d, await manager.approve(d, { by: 'test', dangerouslySkipValidation: true }), { dangerouslySkipValidation: true });
    const d = draft('alpha', '2.0.0');
    await install(d);
    // what another instance's uninstall leaves for a moment: the state lists 2.0.0, its record is gone
    await store.delete(`${REGISTRY_PREFIX}version/alpha/2.0.0`);
    expect((await manager.get('alpha'))?.versions).toEqual(['2.0.0']);

    const again = await install(draft('alpha', '2.0.0'));
    expect(again.activeVersion).toBe('2.0.0');
    expect(await store.get(`${REGISTRY_PREFIX}version/alpha/2.0.0`)).toMatchObject({ version: '2.0.0' });
    expect(again.status).toBe('awaiting_credentials'); // its declared credentials are not stored yet

    const other = draft('alpha', '2.0.0');
    other.bundle.code = other.bundle.code.replace('text: input.text', "text: input.text + '!'");
    await expect(install(other)).rejects.toMatchObject({ code: 'MODULE_VERSION_CONFLICT' });
    await manager.close();
    await store.close();
  });
});
