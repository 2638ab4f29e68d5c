/**
 * The approval-bypass suite: distinct attempts to get code installed that a person did not approve
 * (or that did not pass validation) through the public API. Each attempt must be refused with
 * its typed error and leave nothing installed that was not approved: 0 succeed.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '@graft/core';
import type { Sandbox } from '@graft/sandbox';
import { ApprovalError, bundleHash, ModuleRegistry, type Approval, type Draft, type KeyValueStore, type ModuleManager } from '../src/index.js';
import { echoDraft, makeManager, testSandbox } from './manager-fixtures.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await testSandbox();
});
afterAll(async () => {
  await sandbox.dispose();
});

const NAME = 'target';
const good = (): Draft => echoDraft(NAME);
const evil = (): Draft => {
  const d = echoDraft(NAME, '1.0.0', `return { module: ${JSON.stringify(NAME)}, text: input.text, stolen: true };`);
  d.bundle.tests = [{ name: 'echo hi', entry: 'tools.echo.run', input: { text: 'hi' }, expect: { module: NAME, text: 'hi', stolen: true } }];
  return d;
};
const failing = (): Draft => echoDraft(NAME, '1.0.0', `return { module: 'wrong', text: input.text };`);

interface World {
  manager: ModuleManager;
  store: KeyValueStore;
  /** A validated draft and a fresh approval of it. */
  approved(): Promise<{ draft: Draft; approval: Approval }>;
}

async function world(approvalTtlMs?: number): Promise<World> {
  const store = createStore();
  const { manager } = makeManager(store, sandbox, approvalTtlMs ? { approvalTtlMs } : {});
  return {
    manager,
    store,
    async approved() {
      const draft = good();
      expect((await manager.validate(draft)).passed).toBe(true);
      return { draft, approval: await manager.approve(draft, { by: 'alice' }) };
    },
  };
}

/** Every stored version's hash (what is installed, whatever its status). */
async function installedHashes(store: KeyValueStore): Promise<string[]> {
  const r = new ModuleRegistry(store);
  await r.load();
  const out: string[] = [];
  for (const s of r.states()) for (const v of s.versions) out.push((await r.version(s.name, v))!.bundleHash);
  return out;
}

type Attempt = [label: string, code: string, run: (w: World) => Promise<unknown>, allowed?: (w: World) => string[]];

const attempts: Attempt[] = [
  ['install without any approval', 'MODULE_APPROVAL_REQUIRED', async (w) => w.manager.install(good(), undefined as never)],
  ['install with null as the approval', 'MODULE_APPROVAL_REQUIRED', async (w) => w.manager.install(good(), null as never)],
  [
    'an approval object with a made-up signature',
    'MODULE_APPROVAL_INVALID',
    async (w) => {
      const { draft, approval } = await w.approved();
      return w.manager.install(draft, { ...approval, signature: randomBytes(32).toString('hex') });
    },
  ],
  [
    'a signature that is not hex',
    'MODULE_APPROVAL_INVALID',
    async (w) => {
      const { draft, approval } = await w.approved();
      return w.manager.install(draft, { ...approval, signature: 'z'.repeat(64) });
    },
  ],
  [
    'an approval of A with bundleHash rewritten to B (and installing B)',
    'MODULE_APPROVAL_INVALID',
    async (w) => {
      const { approval } = await w.approved();
      const b = evil();
      await w.manager.validate(b);
      return w.manager.install(b, { ...approval, bundleHash: bundleHash(b.bundle) });
    },
  ],
  [
    'the approval of A used to install B (other code, same name and version)',
    'MODULE_APPROVAL_MISMATCH',
    async (w) => {
      const { approval } = await w.approved();
      const b = evil();
      await w.manager.validate(b);
      return w.manager.install(b, approval);
    },
  ],
  [
    'the approval of A used to install A with an extra host',
    'MODULE_APPROVAL_MISMATCH',
    async (w) => {
      const { draft, approval } = await w.approved();
      return w.manager.install(
        { ...draft, bundle: { ...draft.bundle, manifest: { ...draft.bundle.manifest, permissions: { hosts: ['evil.example.com'] } } } },
        approval,
      );
    },
  ],
  [
    'the approval of A used to install A with its tests removed',
    'MODULE_APPROVAL_MISMATCH',
    async (w) => {
      const { draft, approval } = await w.approved();
      return w.manager.install({ ...draft, bundle: { ...draft.bundle, tests: [] } }, approval);
    },
  ],
  [
    'an approval from an instance with another key',
    'MODULE_APPROVAL_KEY_MISMATCH',
    async (w) => {
      const other = makeManager(createStore(), sandbox, { vault: { key: randomBytes(32) } }).manager;
      const d = good();
      await other.validate(d);
      await w.manager.validate(d);
      return w.manager.install(d, await other.approve(d, { by: 'mallory' }));
    },
  ],
  [
    'an approval whose expiry was pushed back',
    'MODULE_APPROVAL_INVALID',
    async (w) => {
      const { draft, approval } = await w.approved();
      return w.manager.install(draft, { ...approval, expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString() });
    },
  ],
  [
    'an approval whose approver was edited',
    'MODULE_APPROVAL_INVALID',
    async (w) => {
      const { draft, approval } = await w.approved();
      return w.manager.install(draft, { ...approval, by: 'admin' });
    },
  ],
  [
    'an expired approval',
    'MODULE_APPROVAL_EXPIRED',
    async () => {
      const w = await world(30);
      const { draft, approval } = await w.approved();
      await new Promise((r) => setTimeout(r, 60));
      return w.manager.install(draft, approval);
    },
  ],
  [
    'the same approval replayed for a second install',
    'MODULE_APPROVAL_USED',
    async (w) => {
      const { draft, approval } = await w.approved();
      await w.manager.install(draft, approval);
      await w.manager.uninstall(NAME);
      return w.manager.install(draft, approval);
    },
    (w) => [],
  ],
  [
    'a kept approval replayed after the user uninstalled the module',
    'MODULE_APPROVAL_USED',
    async (w) => {
      const { draft, approval } = await w.approved();
      await w.manager.install(draft, approval);
      await w.manager.uninstall(NAME);
      return w.manager.install(good(), structuredClone(approval));
    },
  ],
  [
    'two concurrent installs with one approval (one may win, the other is refused)',
    'MODULE_APPROVAL_USED',
    async (w) => {
      const { draft, approval } = await w.approved();
      const results = await Promise.allSettled([w.manager.install(draft, approval), w.manager.install(draft, approval)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      await w.manager.uninstall(NAME);
      throw failed.reason;
    },
  ],
  [
    'validationBypassed injected into a normal approval',
    'MODULE_APPROVAL_INVALID',
    async (w) => {
      const { draft, approval } = await w.approved();
      return w.manager.install(draft, { ...approval, validationBypassed: true }, { dangerouslySkipValidation: true });
    },
  ],
  ['approve a bundle that was never validated', 'MODULE_NOT_VALIDATED', async (w) => w.manager.approve(evil(), { by: 'alice' })],
  [
    'approve a bundle whose tests failed',
    'MODULE_NOT_VALIDATED',
    async (w) => {
      const d = failing();
      expect((await w.manager.validate(d)).passed).toBe(false);
      return w.manager.approve(d, { by: 'alice' });
    },
  ],
  [
    'a draft carrying a forged passing report',
    'MODULE_NOT_VALIDATED',
    async (w) => {
      const d = failing();
      d.report = { passed: true, bundleHash: bundleHash(d.bundle), issues: [], untestedTools: [], durationMs: 1 };
      return w.manager.approve(d, { by: 'alice' });
    },
  ],
  [
    'a bypass approval installed without saying so at install',
    'MODULE_NOT_VALIDATED',
    async (w) => {
      const d = failing();
      return w.manager.install(d, await w.manager.approve(d, { by: 'alice', dangerouslySkipValidation: true }));
    },
  ],
  [
    'the draft edited after approval, before install',
    'MODULE_APPROVAL_MISMATCH',
    async (w) => {
      const { draft, approval } = await w.approved();
      draft.bundle.code = evil().bundle.code;
      return w.manager.install(draft, approval);
    },
  ],
  [
    'the draft edited during install (after the call, before it settles): installs the approved code only',
    'NONE',
    async (w) => {
      const { draft, approval } = await w.approved();
      const pending = w.manager.install(draft, approval);
      draft.bundle.code = evil().bundle.code;
      draft.bundle.manifest.permissions.hosts.push('evil.example.com');
      await pending;
      expect(await w.manager.callTool(NAME, 'echo', { text: 'x' })).toEqual({ module: NAME, text: 'x' });
    },
    () => [bundleHash(good().bundle)],
  ],
  [
    'the draft edited during validate: the record is for the code whose tests ran',
    'MODULE_NOT_VALIDATED',
    async (w) => {
      const d = good();
      const validating = w.manager.validate(d);
      d.bundle.code = evil().bundle.code;
      d.bundle.tests = evil().bundle.tests;
      const report = await validating;
      expect(report.bundleHash).toBe(bundleHash(good().bundle));
      return w.manager.approve(d, { by: 'alice' });
    },
  ],
  [
    'the draft edited during approve: the approval names the bundle as it was at the call',
    'MODULE_APPROVAL_MISMATCH',
    async (w) => {
      const d = good();
      await w.manager.validate(d);
      const approving = w.manager.approve(d, { by: 'alice' });
      d.bundle.code = evil().bundle.code;
      const approval = await approving;
      expect(approval.bundleHash).toBe(bundleHash(good().bundle));
      return w.manager.install(d, approval);
    },
  ],
  [
    'a bundle whose code getter answers differently on every read',
    'MODULE_APPROVAL_MISMATCH',
    async (w) => {
      const { approval } = await w.approved();
      let reads = 0;
      const bundle = { ...good().bundle };
      Object.defineProperty(bundle, 'code', { enumerable: true, get: () => (++reads <= 1 ? good().bundle.code : evil().bundle.code) });
      return w.manager.install({ bundle, request: 'x', round: 0 }, approval);
    },
  ],
  [
    'an approval whose getters answer differently on every read',
    'MODULE_APPROVAL_MISMATCH',
    async (w) => {
      const { approval } = await w.approved();
      const b = evil();
      await w.manager.validate(b);
      let reads = 0;
      const tricky = { ...approval };
      Object.defineProperty(tricky, 'bundleHash', { enumerable: true, get: () => (++reads === 1 ? approval.bundleHash : bundleHash(b.bundle)) });
      return w.manager.install(b, tricky);
    },
  ],
  [
    'repair racing approve: the approval of the validated draft used for the repaired one',
    'MODULE_APPROVAL_MISMATCH',
    async (w) => {
      const { approval } = await w.approved();
      const repaired = evil(); // what a repair round produced meanwhile (validated too)
      await w.manager.validate(repaired);
      return w.manager.install(repaired, approval);
    },
  ],
];

describe('approval bypass suite', () => {
  it(`has at least 20 distinct attempts (${attempts.length})`, () => {
    expect(new Set(attempts.map((a) => a[0])).size).toBe(attempts.length);
    expect(attempts.length).toBeGreaterThanOrEqual(20);
  });

  let succeeded = 0;
  it.each(attempts)('%s → %s', async (_label, code, run, allowed) => {
    const w = await world();
    let error: unknown;
    try {
      await run(w);
    } catch (e) {
      error = e;
    }
    if (code === 'NONE') expect(error).toBeUndefined();
    else {
      expect(error, String(error)).toBeInstanceOf(ApprovalError);
      expect((error as ApprovalError).code).toBe(code);
      expect((error as ApprovalError).message.length).toBeGreaterThan(40);
    }
    // Containment: nothing but an approved, validated bundle is stored.
    const stored = await installedHashes(w.store);
    const ok = allowed ? allowed(w) : [];
    const bad = stored.filter((h) => !ok.includes(h));
    if (bad.length) succeeded++;
    expect(bad).toEqual([]);
  });

  afterAll(() => {
    expect(succeeded).toBe(0);
  });
});
