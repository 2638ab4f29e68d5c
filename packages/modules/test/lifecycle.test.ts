import { readFileSync } from 'node:fs';
import type { Sandbox } from '@graft/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManifestError, ModuleError, type ModuleManager } from '../src/index.js';
import {
  TEST_MASTER_KEY,
  echoDraft,
  failingOnNthSet,
  makeManager,
  sqliteStore,
  statsApi,
  statsDraft,
  tempDb,
  testSandbox,
  type LocalApi,
} from './manager-fixtures.js';
import { approveAndInstall, installUnvalidated } from './manager-fixtures.js';

const TOKEN = 'tok-live-5e2b7c9d1a-canary';

let sandbox: Sandbox;
let api: LocalApi;
const dbs: Array<{ cleanup(): void }> = [];
const stores: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  sandbox = await testSandbox();
  api = await statsApi(TOKEN);
});
afterAll(async () => {
  await api.close();
  await sandbox.dispose();
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  dbs.splice(0).forEach((d) => d.cleanup());
});

function fresh() {
  const db = tempDb();
  dbs.push(db);
  const store = sqliteStore(db.file);
  stores.push(store);
  return { db, store, ...makeManager(store, sandbox) };
}

async function installed(manager: ModuleManager, draft = statsDraft(api)) {
  return approveAndInstall(manager, draft, 'alice');
}

describe('lifecycle on a real SQLite store', () => {
  it('install → awaiting_credentials → setCredentials → liveTest → installed → tool works', async () => {
    const { manager, events } = fresh();
    const tools = manager.toolSource();
    let notified = 0;
    tools.subscribe(() => notified++);

    const rec = await installed(manager);
    expect(rec.status).toBe('awaiting_credentials');
    const lifecycle = events.filter((e) => !['module.validating', 'module.test', 'module.validated'].includes(e.type));
    expect(lifecycle.map((e) => e.type)).toEqual(['module.approved', 'module.awaiting_credentials']);
    expect(lifecycle[1]).toMatchObject({ credentials: ['STATS_TOKEN'] });
    expect(tools.list().map((t) => t.name)).toEqual([]);

    await expect(manager.liveTest('stats')).rejects.toMatchObject({ code: 'MODULE_CREDENTIALS_MISSING' });
    await expect(manager.setCredentials('stats', { OTHER: 'x' })).rejects.toMatchObject({ code: 'MODULE_CREDENTIAL_UNKNOWN' });
    expect(await manager.setCredentials('stats', { STATS_TOKEN: TOKEN })).toEqual({ missing: [] });

    const before = api.requests.length;
    const report = await manager.liveTest('stats');
    expect(report.passed, JSON.stringify(report)).toBe(true);
    expect(report.results).toHaveLength(1);
    expect(api.requests.length).toBe(before + 1);
    expect(api.requests.at(-1)!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.stringify(report)).not.toContain(TOKEN);
    expect((await manager.get('stats'))?.status).toBe('installed');
    expect(events.map((e) => e.type).slice(-3)).toEqual(['module.live_testing', 'module.live_tested', 'module.installed']);

    const list = tools.list();
    expect(list.map((t) => t.name)).toEqual(['stats__getPlayer']);
    expect(list[0].parameters).toMatchObject({ type: 'object', required: ['tag'] });
    expect(notified).toBeGreaterThanOrEqual(2);
    const out = await list[0].execute(
      { tag: '#ABC' },
      { threadId: 't', toolCallId: 'c', signal: new AbortController().signal, requestInput: async () => undefined as never },
    );
    expect(out).toEqual({ name: 'Ada', trophies: 6123, winRate: 60 });
    expect(JSON.stringify(events)).not.toContain(TOKEN);
  });

  it('liveTest records the live exchanges as offline regression cases that pass in the sandbox, secrets stripped', async () => {
    const { manager } = fresh();
    await installed(manager);
    await manager.setCredentials('stats', { STATS_TOKEN: TOKEN });
    const report = await manager.liveTest('stats');
    expect(report.recorded).toBe(1);
    const cases = await manager.regressionCases('stats');
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ name: 'live: my player (recorded)', entry: 'tools.getPlayer.run', expect: { name: 'Ada', trophies: 6123, winRate: 60 } });
    expect(cases[0].http?.[0].request.url).toBe(`${api.url}/v1/players/%23ABC`);
    expect(cases[0]).not.toHaveProperty('live');
    expect(JSON.stringify(cases)).not.toContain(TOKEN);
    const offline = await sandbox.runTests(statsDraft(api).bundle.code, cases, { allowHosts: [api.host], secrets: { STATS_TOKEN: 'offline-value' } });
    expect(offline).toMatchObject({ passed: 1, failed: 0 });
  });

  it('a failed live test keeps the module awaiting credentials (wrong token → 403)', async () => {
    const { manager, events } = fresh();
    await installed(manager);
    await manager.setCredentials('stats', { STATS_TOKEN: 'wrong-token-value' });
    const report = await manager.liveTest('stats');
    expect(report.passed).toBe(false);
    expect(report.results[0].error?.message).toContain('403');
    expect((await manager.get('stats'))?.status).toBe('awaiting_credentials');
    expect(events.at(-1)).toEqual({ type: 'module.live_tested', name: 'stats', passed: false });
    expect(manager.toolSource().list()).toEqual([]);
  });

  it('survives a restart: new store handle and manager on the same file, the module still works', async () => {
    const { db, manager } = fresh();
    await installed(manager);
    await manager.setCredentials('stats', { STATS_TOKEN: TOKEN });
    expect((await manager.liveTest('stats')).passed).toBe(true);

    const store2 = sqliteStore(db.file);
    stores.push(store2);
    const { manager: again } = makeManager(store2, sandbox);
    const tools = again.toolSource();
    await again.ready();
    expect((await again.list()).map((m) => [m.name, m.status, m.activeVersion])).toEqual([['stats', 'installed', '1.0.0']]);
    const [tool] = tools.list();
    expect(await again.callTool('stats', 'getPlayer', { tag: '#ABC' })).toEqual({ name: 'Ada', trophies: 6123, winRate: 60 });
    expect(tool.name).toBe('stats__getPlayer');
  });

  it('upgrade keeps every version; rollback moves the active pointer and the tool follows', async () => {
    const { manager, events } = fresh();
    await installed(manager);
    await manager.setCredentials('stats', { STATS_TOKEN: TOKEN });
    await manager.liveTest('stats');
    const v2 = statsDraft(api, '1.1.0', 'v2');
    const rec = await installed(manager, v2);
    // A new version reaching hosts is proven live before its tools are offered.
    expect(rec).toMatchObject({ activeVersion: '1.1.0', versions: ['1.0.0', '1.1.0'], status: 'awaiting_live_test' });
    expect(manager.toolSource().list()).toEqual([]);
    expect((await manager.liveTest('stats')).passed).toBe(true);
    expect((await manager.get('stats'))?.status).toBe('installed');
    expect(await manager.callTool('stats', 'getPlayer', { tag: '#ABC' })).toMatchObject({ variant: 'v2' });
    const back = await manager.rollback('stats', '1.0.0');
    expect(back.activeVersion).toBe('1.0.0');
    expect(await manager.callTool('stats', 'getPlayer', { tag: '#ABC' })).not.toHaveProperty('variant');
    expect(events.filter((e) => e.type === 'module.rolled_back').at(-1)).toEqual({ type: 'module.rolled_back', name: 'stats', version: '1.0.0' });
    await expect(manager.rollback('stats', '9.9.9')).rejects.toMatchObject({ code: 'MODULE_VERSION_NOT_FOUND' });
  });

  it('the same version with a different bundle is refused (bump the version)', async () => {
    const { manager } = fresh();
    await installed(manager, echoDraft('echo-a'));
    const changed = echoDraft('echo-a', '1.0.0', 'return { module: "echo-a", text: input.text + "!" };');
    const err = await installUnvalidated(manager, changed).catch((e) => e);
    expect(err).toBeInstanceOf(ModuleError);
    expect(err.code).toBe('MODULE_VERSION_CONFLICT');
    expect(err.message).toContain('bump');
    expect(await manager.callTool('echo-a', 'echo', { text: 'x' })).toEqual({ module: 'echo-a', text: 'x' });
  });

  it('disable hides the tools and refuses calls; enable brings them back', async () => {
    const { manager, events } = fresh();
    await installed(manager, echoDraft('echo-a'));
    const tools = manager.toolSource();
    expect(tools.list()).toHaveLength(1);
    await manager.disable('echo-a');
    expect(tools.list()).toHaveLength(0);
    await expect(manager.callTool('echo-a', 'echo', { text: 'x' })).rejects.toMatchObject({ code: 'MODULE_DISABLED' });
    await manager.enable('echo-a');
    expect(tools.list()).toHaveLength(1);
    expect(events.map((e) => e.type).slice(-2)).toEqual(['module.disabled', 'module.enabled']);
  });

  it('uninstall removes versions, credentials and tools from the store file', async () => {
    const { db, store, manager, events } = fresh();
    await installed(manager);
    await manager.setCredentials('stats', { STATS_TOKEN: TOKEN });
    await manager.liveTest('stats');
    await installed(manager, echoDraft('echo-a'));
    await manager.uninstall('stats');
    expect(
      manager
        .toolSource()
        .list()
        .map((t) => t.name),
    ).toEqual(['echo-a__echo']);
    expect(events.at(-1)).toEqual({ type: 'module.uninstalled', name: 'stats' });
    expect(await store.get('graft-vault/stats')).toBeUndefined();
    expect(await store.get('graft-modules/version/stats/1.0.0')).toBeUndefined();
    await expect(manager.callTool('stats', 'getPlayer', { tag: '#A' })).rejects.toMatchObject({ code: 'MODULE_NOT_ACTIVE' });
    // Idempotent: uninstalling what is gone is a no-op.
    await expect(manager.uninstall('stats')).resolves.toBeUndefined();
    // A reinstall does not find the old credentials.
    const rec = await installed(manager);
    expect(rec.status).toBe('awaiting_credentials');
    void db;
  });

  it('a first install never inherits credentials left in the vault (e.g. by an interrupted uninstall)', async () => {
    const { store, manager } = fresh();
    const { CredentialVault } = await import('../src/index.js');
    await new CredentialVault({ store, key: TEST_MASTER_KEY }).set('stats', { STATS_TOKEN: 'stale-token' });
    const rec = await installed(manager);
    expect(rec.status).toBe('awaiting_credentials');
    expect(await store.get('graft-vault/stats')).toBeUndefined();
  });

  it('bad bundles are refused with typed errors and nothing is half-installed', async () => {
    const { manager } = fresh();
    const bad = echoDraft('echo-a');
    const badManifest = { ...bad, bundle: { ...bad.bundle, manifest: { ...bad.bundle.manifest, name: 'Not Kebab' } } };
    // Validation refuses these; install's own checks hold even when a host bypasses it.
    await expect(approveAndInstall(manager, badManifest, 'a')).rejects.toThrow(/failed validation/);
    await expect(installUnvalidated(manager, badManifest, 'a')).rejects.toBeInstanceOf(ManifestError);

    const nothing = { ...bad, bundle: { ...bad.bundle, code: 'const x = 1;' } };
    const e1 = await installUnvalidated(manager, nothing, 'a').catch((e) => e);
    expect(e1.code).toBe('MODULE_EXPORTS_MISMATCH');
    expect(e1.message).toContain('does not export `tools`');

    const huge = { ...bad, bundle: { ...bad.bundle, code: bad.bundle.code + `\n// ${'x'.repeat(10 * 1024 * 1024)}` } };
    await expect(manager.approve(huge, { by: 'a' })).rejects.toThrow(/limit is/);
    const e2 = await manager
      .install(huge, await manager.approve(bad, { by: 'a', dangerouslySkipValidation: true }), { dangerouslySkipValidation: true })
      .catch((e) => e);
    expect(e2.code).toBe('MODULE_TOO_LARGE');
    expect(e2.message).toContain('limit');
    expect(await manager.list()).toEqual([]);
    expect(manager.toolSource().list()).toEqual([]);
  });

  it.each([1, 2])('a store failing on set #%i of an upgrade leaves the previous version active, also after restart', async (n) => {
    const db = tempDb();
    dbs.push(db);
    const base = sqliteStore(db.file);
    stores.push(base);
    const store = failingOnNthSet(base, Number.MAX_SAFE_INTEGER);
    const { manager, events } = makeManager(store, sandbox);
    await installed(manager, echoDraft('echo-a'));
    const v2 = echoDraft('echo-a', '2.0.0', 'return { module: "v2", text: input.text };');
    const approval = await manager.approve(v2, { by: 'u', dangerouslySkipValidation: true });
    store.arm(n + 1); // set #1 marks the approval used
    const err = await manager.install(v2, approval, { dangerouslySkipValidation: true }).catch((e) => e);
    expect(err.code).toBe('MODULE_STORE_FAILED');
    expect(err.message).toContain('previous version stays active');
    expect(events.at(-1)).toMatchObject({ type: 'module.failed', code: 'MODULE_STORE_FAILED' });
    expect((await manager.get('echo-a'))?.activeVersion).toBe('1.0.0');
    expect(await manager.callTool('echo-a', 'echo', { text: 'x' })).toEqual({ module: 'echo-a', text: 'x' });

    const { manager: again } = makeManager(base, sandbox);
    expect((await again.get('echo-a'))?.versions).toEqual(['1.0.0']);
    expect(await again.callTool('echo-a', 'echo', { text: 'y' })).toEqual({ module: 'echo-a', text: 'y' });
  });
});

describe('live-test recording', () => {
  it('works whatever local name the module exports as `tools`', async () => {
    const { manager } = fresh();
    const d = statsDraft(api);
    d.bundle.code = d.bundle.code.replace('export const tools = {', 'const tool = {').trimEnd() + '\nexport { tool as tools };\n';
    await approveAndInstall(manager, d, 'alice');
    await manager.setCredentials('stats', { STATS_TOKEN: TOKEN });
    const report = await manager.liveTest('stats');
    expect(report.passed, JSON.stringify(report)).toBe(true);
    expect(report.recorded).toBe(1);
  });
});

describe('store failures in other lifecycle steps', () => {
  it('rollback and disable that the store refuses change nothing, in memory or on disk', async () => {
    const db = tempDb();
    dbs.push(db);
    const base = sqliteStore(db.file);
    stores.push(base);
    const store = failingOnNthSet(base, Number.MAX_SAFE_INTEGER);
    const { manager } = makeManager(store, sandbox);
    for (const v of ['1.0.0', '2.0.0']) {
      const d = echoDraft('echo-a', v, `return { module: ${JSON.stringify(v)}, text: input.text };`);
      await installUnvalidated(manager, d, 'u');
    }
    store.arm(1);
    await expect(manager.rollback('echo-a', '1.0.0')).rejects.toMatchObject({ code: 'MODULE_STORE_FAILED' });
    store.arm(1);
    await expect(manager.disable('echo-a')).rejects.toMatchObject({ code: 'MODULE_STORE_FAILED' });
    expect(await manager.get('echo-a')).toMatchObject({ activeVersion: '2.0.0', status: 'installed' });
    expect(await manager.callTool('echo-a', 'echo', { text: 'x' })).toEqual({ module: '2.0.0', text: 'x' });
    const { manager: again } = makeManager(base, sandbox);
    expect(await again.get('echo-a')).toMatchObject({ activeVersion: '2.0.0', status: 'installed', versions: ['1.0.0', '2.0.0'] });
  });
});

describe('vault canary on SQLite', () => {
  it('the secret never appears in the SQLite file, events, errors or tool results', async () => {
    const { db, store, manager, events } = fresh();
    await installed(manager);
    await manager.setCredentials('stats', { STATS_TOKEN: TOKEN });
    await manager.liveTest('stats');
    const results = [await manager.callTool('stats', 'getPlayer', { tag: '#ABC' })];
    const errors: unknown[] = [await manager.callTool('stats', 'getPlayer', { tag: 'bad tag' }).catch((e) => ({ message: e.message, code: e.code }))];
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    const bytes = readFileSync(db.file);
    for (const form of [TOKEN, Buffer.from(TOKEN).toString('base64'), Buffer.from(TOKEN).toString('hex')]) {
      expect(bytes.includes(Buffer.from(form))).toBe(false);
    }
    const seen = JSON.stringify({ events, results, errors });
    expect(seen).not.toContain(TOKEN);
  });
});
