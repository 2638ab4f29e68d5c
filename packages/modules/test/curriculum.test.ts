/**
 * Curriculum tests of an installed module, over the providers' mock server (real HTTP) with the
 * real sandbox and a real SQLite store: the standard tier proposes edge cases, they run offline
 * on the installed code, a real bug yields a repaired draft that passes validation and is not
 * installed, a passing proposal yields no repair, the budget bounds the model calls, unusable
 * output is sent back or reported, and the stored credential never reaches a model request.
 */
import type { Sandbox } from '@graft/sandbox';
import { openaiCompatible } from '@graft/providers';
import { createMockServer, reply, type MockServer } from '@graft/providers/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ModuleBundle, ModuleManagerOptions } from '../src/index.js';
import { approveAndInstall, makeManager, sqliteStore, statsApi, statsCode, statsDraft, tempDb, testSandbox, type LocalApi } from './manager-fixtures.js';

const TOKEN = `tok-'"\\%+&=/ curriculum-${Date.now()}`;
let sandbox: Sandbox;
let api: LocalApi;
let standard: MockServer;
let heavy: MockServer;
const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  sandbox = await testSandbox();
  api = await statsApi(TOKEN);
  standard = await createMockServer();
  heavy = await createMockServer();
});
afterAll(async () => {
  await Promise.all([api.close(), standard.close(), heavy.close()]);
  await sandbox.close();
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  standard.reset();
  heavy.reset();
});

const providerOf = (server: MockServer, model: string) => openaiCompatible({ baseURL: server.url, apiKey: 'k', model, maxRetries: 0 });

/** The stats module installed, credentials stored (the canary), live-tested so exchanges are recorded. */
async function installedStats(extra: Partial<ModuleManagerOptions> = {}) {
  const db = tempDb();
  const store = sqliteStore(db.file);
  cleanups.push(
    () => db.cleanup(),
    () => store.close(),
  );
  const { manager, events } = makeManager(store, sandbox, { provider: providerOf(heavy, 'mock-heavy'), limits: { repairRounds: 2 }, ...extra });
  await approveAndInstall(manager, statsDraft(api), 'alice');
  await manager.setCredentials('stats', { STATS_TOKEN: TOKEN });
  expect((await manager.liveTest('stats')).passed).toBe(true);
  return { manager, events };
}

const newPlayerCase = () => ({
  name: 'new player with no games',
  tool: 'getPlayer',
  input: { tag: '#NEW' },
  http: [
    { request: { method: 'GET', url: `${api.url}/v1/players/%23NEW` }, response: { status: 200, json: { name: 'Newbie', trophies: 0, wins: 0, losses: 0 } } },
  ],
  expect: { name: 'Newbie', trophies: 0, winRate: 0 },
  why: 'zero games played divides by zero',
});

const propose = (...cases: unknown[]) => reply.toolCall('propose_edge_cases', { cases });

/** What the heavy model submits as the repair: the zero-games case handled, the curriculum case kept. */
function fixedBundle(): ModuleBundle {
  const base = statsDraft(api, '1.0.1').bundle;
  const code = statsCode(api.url).replace(
    'Math.round((p.wins / (p.wins + p.losses)) * 100)',
    '(p.wins + p.losses ? Math.round((p.wins / (p.wins + p.losses)) * 100) : 0)',
  );
  expect(code).not.toBe(statsCode(api.url));
  const { tool: _t, why: _w, ...c } = newPlayerCase();
  return { ...base, code, tests: [...base.tests, { ...c, name: `curriculum: ${c.name}`, entry: 'tools.getPlayer.run' }] };
}

function allModelBodies(): string {
  return [...standard.chatRequests, ...heavy.chatRequests].map((r) => r.rawBody).join('\n');
}

describe('curriculum tests of installed modules', () => {
  it('a proposal exposing a real bug yields a validated repair draft, never installed; the standard tier proposes', async () => {
    const std = providerOf(standard, 'mock-standard');
    const hv = providerOf(heavy, 'mock-heavy');
    const { manager, events } = await installedStats({ provider: undefined, router: { provider: (tier) => (tier === 'standard' ? std : hv) } });
    standard.setScript([propose(newPlayerCase())]);
    const fixed = fixedBundle();
    heavy.setScript([reply.toolCall('submit_module', { manifest: fixed.manifest, code: fixed.code, tests: fixed.tests })]);

    const report = await manager.curriculum('stats');

    expect(standard.chatRequests).toHaveLength(1);
    expect(report).toMatchObject({ moduleName: 'stats', version: '1.0.0', failed: 1, modelCalls: 1 });
    expect(report.results[0]).toMatchObject({ tool: 'getPlayer', passed: false, error: { code: 'EXPECTATION_FAILED' } });
    expect(report.results[0].actual).toMatchObject({ name: 'Newbie', winRate: null }); // NaN: 0 wins of 0 games
    expect(report.results[0].case.name).toBe('curriculum: new player with no games');
    expect(report.repair?.passed).toBe(true);
    const draft = report.repair!.draft;
    expect(draft.report?.passed).toBe(true);
    expect(draft.bundle.manifest.version).toBe('1.0.1');
    expect(draft.bundle.tests.map((t) => t.name)).toContain('curriculum: new player with no games');
    // the repair saw the failing case; the curriculum prompt saw the recorded live exchange
    expect(heavy.chatRequests.at(-1)!.rawBody).toContain('curriculum: new player with no games');
    expect(standard.chatRequests[0].rawBody).toContain('/v1/players/%23ABC');
    // not installed: the active version is unchanged until someone approves and installs the draft
    expect((await manager.get('stats'))?.activeVersion).toBe('1.0.0');
    expect(events.some((e) => e.type === 'module.installed' && e.version === '1.0.1')).toBe(false);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'module.curriculum_proposed', name: 'stats', case: 'curriculum: new player with no games', passed: false }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'module.curriculum_repair_proposed',
        name: 'stats',
        version: '1.0.1',
        cases: 1,
        passed: true,
        bundleHash: draft.report!.bundleHash,
      }),
    );
    expect(events).toContainEqual(expect.objectContaining({ type: 'module.curriculum_checked', proposed: 1, failed: 1, modelCalls: 1 }));
    // the normal path installs it once a person approves
    await manager.install(draft, await manager.approve(draft, { by: 'alice' }));
    expect((await manager.get('stats'))?.activeVersion).toBe('1.0.1');
    // canary: the stored credential never entered a model request, an event or the report
    expect(allModelBodies()).not.toContain(TOKEN);
    expect(allModelBodies()).not.toContain(encodeURIComponent(TOKEN));
    expect(JSON.stringify(events) + JSON.stringify(report)).not.toContain(TOKEN);
  });

  it('a proposal the module passes yields no repair and no heavy-model call', async () => {
    const { manager, events } = await installedStats({ curriculumProvider: providerOf(standard, 'mock-standard') });
    standard.setScript([
      propose({
        name: 'unknown tag',
        tool: 'getPlayer',
        input: { tag: '#NOPE' },
        http: [{ request: { url: `${api.url}/v1/players/%23NOPE` }, response: { status: 404, json: { reason: 'notFound' } } }],
        expectError: { message: 'stats API error 404' },
      }),
    ]);
    const heavyBefore = heavy.chatRequests.length;
    const report = await manager.curriculum('stats');
    expect(report.failed).toBe(0);
    expect(report.results).toHaveLength(1);
    expect(report.results[0].passed).toBe(true);
    expect(report.repair).toBeUndefined();
    expect(heavy.chatRequests.length).toBe(heavyBefore);
    expect(events.filter((e) => e.type === 'module.curriculum_repair_proposed')).toHaveLength(0);
    expect(events).toContainEqual(expect.objectContaining({ type: 'module.curriculum_proposed', passed: true }));
  });

  it('unusable output goes back to the model with the reason, and the model calls stop at the budget', async () => {
    const { manager, events } = await installedStats({ curriculumProvider: providerOf(standard, 'mock-standard') });
    const foreign = { ...newPlayerCase(), http: [{ request: { url: 'https://evil.example/steal' }, response: { status: 200, json: {} } }] };
    standard.setScript([propose(foreign), reply.text('I would rather chat.'), propose(newPlayerCase())]);
    const report = await manager.curriculum('stats', { budget: { maxModelCalls: 2 }, repair: false });
    expect(standard.chatRequests).toHaveLength(2); // the third reply is never asked for
    expect(standard.chatRequests[1].rawBody).toContain("not on the module's hosts");
    expect(report).toMatchObject({ modelCalls: 2, results: [], failed: 0, error: { code: 'MODULE_CURRICULUM_OUTPUT_INVALID' } });
    expect(events).toContainEqual(expect.objectContaining({ type: 'module.curriculum_failed', code: 'MODULE_CURRICULUM_OUTPUT_INVALID' }));
  });

  it('honours maxProposals and maxTokens', async () => {
    const { manager } = await installedStats({ curriculumProvider: providerOf(standard, 'mock-standard') });
    const many = Array.from({ length: 5 }, (_, i) => ({ ...newPlayerCase(), name: `case ${i}`, expect: undefined }));
    standard.setScript([propose(...many)]);
    const report = await manager.curriculum('stats', { budget: { maxProposals: 2 }, repair: false });
    expect(report.results.map((r) => r.case.name)).toEqual(['curriculum: case 0', 'curriculum: case 1']);
    expect(standard.chatRequests[0].rawBody).toContain('at most 2 cases');

    standard.reset();
    standard.setScript([reply.text('thinking…', { usage: { prompt: 5_000, completion: 50 } }), propose(newPlayerCase())]);
    const spent = await manager.curriculum('stats', { budget: { maxTokens: 1_000 }, repair: false });
    expect(standard.chatRequests).toHaveLength(1);
    expect(spent).toMatchObject({ modelCalls: 1, tokens: 5_050, error: { code: 'BUDGET_EXHAUSTED' } });
  });

  it('refuses an invalid budget, an unknown module and a manager without a model, with typed errors', async () => {
    const { manager } = await installedStats({ curriculumProvider: providerOf(standard, 'mock-standard') });
    await expect(manager.curriculum('stats', { budget: { maxModelCalls: 0 } })).rejects.toMatchObject({ code: 'MODULE_CURRICULUM_BUDGET_INVALID' });
    await expect(manager.curriculum('nope')).rejects.toMatchObject({ code: 'MODULE_NOT_FOUND' });
    const { manager: bare } = await installedStats({ provider: undefined });
    await expect(bare.curriculum('stats')).rejects.toMatchObject({ code: 'MODULE_NO_PROVIDER' });
    expect(standard.chatRequests).toHaveLength(0);
  });
});
