/**
 * `approve` input errors have their own typed codes: an empty approver is
 * `MODULE_APPROVER_REQUIRED` (not a plain TypeError), and a missing manifest is
 * `MODULE_INVALID_MANIFEST` at approval time (not an approval that later fails install with
 * `MODULE_APPROVAL_MISMATCH`). Nothing is approved or installed in either case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '@graft/sandbox';
import { ApprovalError, ManifestError, ModuleError, type Draft } from '../src/index.js';
import { makeManager, memoryStore, statsDraft, testSandbox } from './manager-fixtures.js';

const API = { host: 'api.example.com', url: 'https://api.example.com' };
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await testSandbox();
});
afterAll(() => sandbox.dispose());

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('approve input', () => {
  it.each([' ', '', '\t\n', undefined, 42])('by = %j → ApprovalError MODULE_APPROVER_REQUIRED, no approval event', (by) => {
    const { manager, events } = makeManager(memoryStore(), sandbox);
    const e = thrown(() => manager.approve(statsDraft(API), { by } as never));
    expect(e).toBeInstanceOf(ApprovalError);
    expect(e).toMatchObject({ code: 'MODULE_APPROVER_REQUIRED', message: expect.stringContaining('`by`') });
    expect(events).toEqual([]);
    expect(thrown(() => manager.approve(statsDraft(API), undefined as never))).toMatchObject({ code: 'MODULE_APPROVER_REQUIRED' });
  });

  it.each([null, undefined, 'a string', [], { name: 'only-a-name' }])('manifest = %j → MODULE_INVALID_MANIFEST at approve; install is never reached', async (manifest) => {
    const { manager, events } = makeManager(memoryStore(), sandbox);
    const good = statsDraft(API);
    const draft: Draft = { ...good, bundle: { ...good.bundle, manifest: manifest as never } };
    const e = thrown(() => manager.approve(draft, { by: 'alice' }));
    expect(e).toBeInstanceOf(ModuleError);
    expect((e as ModuleError).code).toBe('MODULE_INVALID_MANIFEST');
    expect(e).toBeInstanceOf(ManifestError);
    expect(events).toEqual([]);
    expect(await manager.list()).toEqual([]);
  });
});
