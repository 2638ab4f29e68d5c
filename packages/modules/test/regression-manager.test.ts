/**
 * Regression replay through the manager on a real SQLite store, real sandbox and a local
 * stand-in API: `liveTest` records, `checkModule` replays; an upgrade's validation replays the
 * installed version's recordings and the approval digest shows what changes; rollback and
 * enable report their replay as events. No replay reaches the API.
 */
import type { Sandbox } from '@graft/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { draftSummary, regressionSummary } from '../src/agent/meta-tools-format.js';
import { bundleHash } from '../src/format/bundle.js';
import { approveAndInstall, makeManager, sqliteStore, statsApi, statsDraft, tempDb, testSandbox, type LocalApi } from './manager-fixtures.js';

const TOKEN = `tok-'"\\%+&=/ regression-${Date.now()}`;
let sandbox: Sandbox;
let api: LocalApi;
const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  sandbox = await testSandbox();
  api = await statsApi(TOKEN);
});
afterAll(async () => {
  await api.close();
  await sandbox.dispose();
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function liveInstalled() {
  const db = tempDb();
  const store = sqliteStore(db.file);
  cleanups.push(
    () => db.cleanup(),
    () => store.close(),
  );
  const { manager, events } = makeManager(store, sandbox);
  await approveAndInstall(manager, statsDraft(api), 'alice');
  await manager.setCredentials('stats', { STATS_TOKEN: TOKEN });
  expect((await manager.liveTest('stats')).passed).toBe(true);
  return { manager, events };
}

describe('regression replay in the module lifecycle', () => {
  it('checkModule replays the recorded live exchanges offline and reports them reproduced', async () => {
    const { manager, events } = await liveInstalled();
    const calls = api.requests.length;
    const report = await manager.checkModule('stats');
    expect(report).toMatchObject({ moduleName: 'stats', version: '1.0.0', baselineVersion: '1.0.0', total: 1, failed: 0, passed: true });
    expect(api.requests.length).toBe(calls);
    expect(events.at(-1)).toMatchObject({ type: 'module.regression_checked', name: 'stats', trigger: 'check', passed: true, total: 1 });
    expect(JSON.stringify(report) + JSON.stringify(events)).not.toContain(TOKEN);
    await expect(manager.checkModule('nope')).rejects.toMatchObject({ code: 'MODULE_NOT_FOUND' });
  });

  it('an upgrade is validated against the installed version’s recordings; the approval digest shows the change', async () => {
    const { manager } = await liveInstalled();
    const same = statsDraft(api, '1.0.1');
    const sameReport = await manager.validate(same);
    expect(sameReport.passed).toBe(true);
    expect(sameReport.regression).toMatchObject({ version: '1.0.1', baselineVersion: '1.0.0', passed: true, total: 1 });

    const changed = statsDraft(api, '1.1.0', ' v2');
    const report = await manager.validate(changed);
    expect(report.passed).toBe(true); // differences are shown, not a validation failure
    expect(report.regression).toMatchObject({ passed: false, failed: 1, total: 1 });
    const summary = draftSummary(changed.bundle, bundleHash(changed.bundle), { passed: 1, failed: 0 }, 1, regressionSummary(report.regression!));
    expect(summary.digest).toMatch(/upgrade: 1 of 1 recorded live output\(s\) of version 1\.0\.0 CHANGE/);
    expect(summary.regression!.changed[0]).toMatchObject({
      expected: { name: 'Ada', trophies: 6123, winRate: 60 },
      actual: { name: 'Ada', trophies: 6123, winRate: 60, variant: ' v2' },
    });

    const fresh = statsDraft(api, '1.0.0');
    fresh.bundle.manifest.name = 'brand-new';
    expect((await manager.validate(fresh)).regression).toBeUndefined();
  });

  it('rollback and enable replay recordings and report the result as events', async () => {
    const { manager, events } = await liveInstalled();
    await approveAndInstall(manager, statsDraft(api, '1.1.0', ' v2'), 'alice');
    expect((await manager.liveTest('stats')).passed).toBe(true); // records 1.1.0's outputs
    await manager.rollback('stats', '1.0.0');
    expect(events.filter((e) => e.type === 'module.regression_checked').at(-1)).toMatchObject({
      trigger: 'rollback',
      version: '1.0.0',
      baselineVersion: '1.1.0',
      passed: false,
      failed: 1,
    });
    await manager.disable('stats');
    await manager.enable('stats');
    expect(events.filter((e) => e.type === 'module.regression_checked').at(-1)).toMatchObject({
      trigger: 'enable',
      version: '1.0.0',
      baselineVersion: '1.0.0',
      passed: true,
    });
  });
});
