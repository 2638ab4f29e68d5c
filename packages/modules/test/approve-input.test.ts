/**
 * `approve` input errors have their own typed codes: an empty approver is
 * `MODULE_APPROVER_REQUIRED` (not a plain TypeError), and a missing or invalid manifest is
 * refused at approval time — `MODULE_NOT_VALIDATED` (it cannot have passed validation), or
 * `MODULE_INVALID_MANIFEST` when the host bypasses validation — never an approval that later
 * fails install with `MODULE_APPROVAL_MISMATCH`. Nothing is approved or installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '@graft/sandbox';
import { ApprovalError, ManifestError, type Draft } from '../src/index.js';
import { makeManager, memoryStore, statsDraft, testSandbox } from './manager-fixtures.js';

const API = { host: 'api.example.com', url: 'https://api.example.com' };
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await testSandbox();
});
afterAll(() => sandbox.dispose());

describe('approve input', () => {
  it.each([' ', '', '\t\n', undefined, 42])('by = %j → ApprovalError MODULE_APPROVER_REQUIRED, no approval event', async (by) => {
    const { manager, events } = makeManager(memoryStore(), sandbox);
    const draft = statsDraft(API);
    await manager.validate(draft);
    for (const options of [{ by }, { by, dangerouslySkipValidation: true }]) {
      const e = await manager.approve(draft, options as never).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ApprovalError);
      expect(e).toMatchObject({ code: 'MODULE_APPROVER_REQUIRED', message: expect.stringContaining('`by`') });
    }
    await expect(manager.approve(draft, undefined as never)).rejects.toMatchObject({ code: 'MODULE_APPROVER_REQUIRED' });
    expect(events.filter((x) => x.type === 'module.approved')).toEqual([]);
  });

  it.each([null, undefined, 'a string', [], { name: 'only-a-name' }])(
    'manifest = %j → refused at approve with an accurate code; install is never reached',
    async (manifest) => {
      const { manager, events } = makeManager(memoryStore(), sandbox);
      const good = statsDraft(API);
      const draft: Draft = { ...good, bundle: { ...good.bundle, manifest: manifest as never } };
      const validated = await manager.approve(draft, { by: 'alice' }).catch((x: unknown) => x);
      expect(validated).toMatchObject({ code: 'MODULE_NOT_VALIDATED' });
      const bypassed = await manager.approve(draft, { by: 'alice', dangerouslySkipValidation: true }).catch((x: unknown) => x);
      expect(bypassed).toBeInstanceOf(ManifestError);
      expect(bypassed).toMatchObject({ code: 'MODULE_INVALID_MANIFEST' });
      expect(events.filter((x) => x.type === 'module.approved')).toEqual([]);
      expect(await manager.list()).toEqual([]);
    },
  );
});
