/**
 * End to end, through @graft/core's Agent with the providers' HTTP mock server scripted like a
 * real model: "build a Clash Royale stats module" → a first draft with a real bug → validation
 * fails → repair → pass → approval interrupt → approve → credentials interrupt → set → live test
 * against a local stand-in of the API (checks the Bearer token) → installed → "show my stats"
 * calls the new tool → correct answer; restart on the same SQLite file → still works; uninstall
 * → tool and credentials gone. A canary API key is searched for in every model request body,
 * event, log line, transcript and the SQLite files.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Agent, createStore, type GraftStore, type InputInterrupt, type RunResult, unspotlight } from '@graft/core';
import { recordEvents } from '@graft/core/testing';
import { openaiCompatible } from '@graft/providers';
import { createMockServer, reply, type MockServer } from '@graft/providers/testing';
import { createSandbox, type Sandbox } from '@graft/sandbox';
import { bundleHash } from '../src/format/bundle.js';
import { ModuleManager } from '../src/manager/manager.js';
import { createMetaTools, APPROVAL_INPUT_TYPE, CREDENTIALS_INPUT_TYPE } from '../src/agent/meta-tools.js';
import type { ModuleEvent } from '../src/types.js';
import { CredentialVault } from '../src/credentials/vault.js';
import { loadClashRoyaleFixtures, type ClashRoyaleFixtures } from '../../../examples/shared/clash-royale/load.js';
import { clashRoyaleModelScript, describePlayer } from '../../../examples/shared/clash-royale/model-script.js';
import { startClashRoyaleStandIn, type ClashRoyaleStandIn } from '../../../examples/shared/clash-royale/stand-in.js';

const MODULE = 'clash-royale-stats';
const TOOL = `${MODULE}__getPlayer`;

interface World {
  store: GraftStore;
  manager: ModuleManager;
  agent: Agent;
}

describe('e2e: build, approve, configure, use, restart and uninstall a Clash Royale module through the agent', () => {
  const dir = mkdtempSync(join(tmpdir(), 'graft-modules-e2e-'));
  const sqlite = join(dir, 'graft.sqlite');
  const canary = `cr-canary-${randomUUID()}`;
  const masterKey = randomBytes(32);
  const moduleEvents: ModuleEvent[] = [];
  /** The events of every agent the test creates (recorded by `recordEvents`). */
  const agentEvents: unknown[][] = [];
  const logs: string[] = [];
  const results: RunResult[] = [];
  const track = <T extends RunResult>(r: T): T => (results.push(r), r);
  let standIn: ClashRoyaleStandIn;
  let model: MockServer;
  let fx: ClashRoyaleFixtures;
  let sandbox: Sandbox;
  let world: World;
  const consoleSpies: Array<{ mockRestore(): void }> = [];

  async function open(): Promise<World> {
    const store = await createStore({ sqlite });
    const provider = openaiCompatible({ baseURL: model.url, apiKey: 'mock-key', model: 'mock-coder', maxRetries: 0 });
    const manager = new ModuleManager({
      store,
      sandbox,
      provider,
      vault: { key: masterKey },
      // The scripted coder answers one generation request per build: one candidate.
      limits: { candidates: 1 },
      // The stand-in of the API listens on http://127.0.0.1:<port>.
      sandboxCapabilities: { allowInsecureHttp: true, allowPrivateNetwork: true },
    });
    manager.on('event', (e) => moduleEvents.push(e));
    const agent = new Agent({
      provider: openaiCompatible({ baseURL: model.url, apiKey: 'mock-key', model: 'mock-chat', maxRetries: 0 }),
      store,
      instructions: 'You are a helpful assistant. Use build_module to add integrations the user asks for.',
      tools: createMetaTools(manager),
      toolSources: [manager.toolSource()],
    });
    agentEvents.push(recordEvents(agent).events);
    return { store, manager, agent };
  }

  beforeAll(async () => {
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[level].bind(console);
      consoleSpies.push(
        vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
          logs.push(args.map(String).join(' '));
          original(...args);
        }),
      );
    }
    const plain = loadClashRoyaleFixtures();
    standIn = await startClashRoyaleStandIn(plain, canary);
    fx = loadClashRoyaleFixtures(standIn.origin);
    model = await createMockServer({ script: clashRoyaleModelScript(fx) });
    sandbox = await createSandbox();
    world = await open();
  });

  afterAll(async () => {
    await world?.store.close().catch(() => undefined);
    await sandbox?.dispose();
    await model?.close();
    await standIn?.close();
    for (const s of consoleSpies) s.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  });

  const threadId = `t-${randomUUID()}`;
  let pending: RunResult;

  it('generates a module whose first draft fails validation, repairs it, and asks for approval', async () => {
    pending = track(await world.agent.run('Build me a module for my Clash Royale stats. My player tag is #8QJ2UYRC.', { threadId }));
    expect(pending.status).toBe('interrupted');
    const interrupt = (pending as { interrupt: InputInterrupt }).interrupt;
    expect(interrupt).toMatchObject({ kind: 'input', tool: 'build_module', request: { type: APPROVAL_INPUT_TYPE } });
    expect(interrupt.request.data).toMatchObject({
      module: MODULE,
      hosts: [new URL(standIn.origin).host],
      credentials: [expect.objectContaining({ name: 'CLASH_ROYALE_TOKEN' })],
      tools: [expect.objectContaining({ name: 'getPlayer' }), expect.objectContaining({ name: 'getUpcomingChests' })],
      tests: { passed: 4, failed: 0 },
      // Bound to exactly the repaired module the model submitted.
      bundleHash: bundleHash(fx.fixed),
    });

    // The first validation really failed on the bug, the second really passed.
    const validated = moduleEvents.filter((e): e is Extract<ModuleEvent, { type: 'module.validated' }> => e.type === 'module.validated');
    expect(validated.map((e) => e.passed)).toEqual([false, true]);
    expect(validated[0]!.testsFailed).toBeGreaterThan(0);
    expect(validated[1]).toMatchObject({ testsPassed: 4, testsFailed: 0, issues: 0 });
    expect(moduleEvents.map((e) => e.type)).toEqual(
      expect.arrayContaining(['module.generating', 'module.generated', 'module.validating', 'module.test', 'module.repairing', 'module.awaiting_approval']),
    );
    expect(moduleEvents.find((e) => e.type === 'module.repairing')).toEqual({
      type: 'module.repairing',
      name: MODULE,
      round: 1,
      threadId: expect.any(String),
      runId: expect.any(String),
    });

    // The repair prompt showed the model the failing cases with what went wrong.
    const generation = model.chatRequests.filter((r) => (r.body?.tools ?? []).some((t: { function: { name: string } }) => t.function.name === 'submit_module'));
    expect(generation).toHaveLength(2);
    const repairPrompt = generation[1]!.body.messages.at(-1).content as string;
    expect(repairPrompt).toContain('getPlayer returns the stats of #8QJ2UYRC');
    // The bug: "#" unencoded starts a URL fragment, so the request misses every fixture.
    expect(repairPrompt).toContain(`error: UNMATCHED_REQUEST: no fixture matches GET ${standIn.origin}/v1/players/;`);
    expect(repairPrompt).toContain(`fixtures available: GET ${standIn.origin}/v1/players/%238QJ2UYRC`);

    // Nothing is installed before approval.
    expect(await world.manager.get(MODULE)).toBeUndefined();
    expect(standIn.requests).toHaveLength(0);
  });

  it('approval installs the module, which then waits for credentials asked through an input interrupt', async () => {
    const interrupt = (pending as { interrupt: InputInterrupt }).interrupt;
    pending = track(
      await world.agent.resume(threadId, {
        id: interrupt.id,
        type: 'input',
        value: { approved: true, by: 'alice', bundleHash: (interrupt.request.data as { bundleHash: string }).bundleHash },
      }),
    );
    expect(pending.status).toBe('interrupted');
    const creds = (pending as { interrupt: InputInterrupt }).interrupt;
    expect(creds).toMatchObject({ kind: 'input', tool: 'build_module', request: { type: CREDENTIALS_INPUT_TYPE } });
    expect(creds.request.data).toMatchObject({
      module: MODULE,
      credentials: [expect.objectContaining({ name: 'CLASH_ROYALE_TOKEN', obtain: expect.stringContaining('developer.clashroyale.com') })],
    });
    expect(await world.manager.get(MODULE)).toMatchObject({ status: 'awaiting_credentials', activeVersion: '1.0.0' });
    expect(moduleEvents).toContainEqual(expect.objectContaining({ type: 'module.approved', name: MODULE, by: 'alice' }));
    // Not installed yet: the agent has no module tool.
    expect(
      world.manager
        .toolSource()
        .list()
        .map((t) => t.name),
    ).not.toContain(TOOL);
  });

  it('credentials run the live test against the stand-in API (Bearer token checked) and install the module', async () => {
    const interrupt = (pending as { interrupt: InputInterrupt }).interrupt;
    const result = track(await world.agent.resume(threadId, { id: interrupt.id, type: 'input', value: { values: { CLASH_ROYALE_TOKEN: canary } } }));
    expect(result.status).toBe('done');
    expect((result as { output: string }).output).toContain(`the module ${MODULE} is installed`);
    // The live test really reached the stand-in with the real token.
    expect(standIn.requests.length).toBeGreaterThanOrEqual(2);
    for (const r of standIn.requests) expect(r.headers.authorization).toBe(`Bearer ${canary}`);
    expect(standIn.requests.map((r) => r.path)).toEqual(expect.arrayContaining(['/v1/players/%238QJ2UYRC', '/v1/players/%238QJ2UYRC/upcomingchests']));
    expect(await world.manager.get(MODULE)).toMatchObject({ status: 'installed' });
    expect(moduleEvents).toContainEqual({ type: 'module.installed', name: MODULE, version: '1.0.0', threadId: expect.any(String), runId: expect.any(String) });
    expect(
      world.manager
        .toolSource()
        .list()
        .map((t) => t.name),
    ).toEqual(expect.arrayContaining([TOOL, `${MODULE}__getUpcomingChests`]));
  });

  it('"show my stats" calls the new tool and answers with the API data', async () => {
    const before = standIn.requests.length;
    const result = track(await world.agent.run('Show my stats', { threadId }));
    expect(result.status).toBe('done');
    const toolMessages = result.messages.filter((m) => m.role === 'tool' && m.name === TOOL);
    expect(toolMessages).toHaveLength(1);
    expect(JSON.parse(unspotlight(toolMessages[0]!.content))).toMatchObject({ tag: fx.player.tag, trophies: fx.player.trophies, clan: fx.player.clan.name });
    const games = fx.player.wins + fx.player.losses;
    const expected = describePlayer({
      ...fx.player,
      arena: fx.player.arena.name,
      clan: fx.player.clan.name,
      winRate: Math.round((fx.player.wins / games) * 1000) / 10,
    });
    expect((result as { output: string }).output).toBe(expected);
    expect(standIn.requests.length).toBe(before + 1);
  });

  it('after a restart (new store, manager and agent on the same SQLite file) the module is still there and works', async () => {
    await world.store.close();
    world = await open();
    expect(await world.manager.get(MODULE)).toMatchObject({ status: 'installed', activeVersion: '1.0.0' });
    const result = track(await world.agent.run('Show my stats for #8QJ2UYRC', { threadId: `t-${randomUUID()}` }));
    expect(result.status).toBe('done');
    expect((result as { output: string }).output).toContain(`${fx.player.trophies} trophies`);
    expect(standIn.requests.at(-1)!.headers.authorization).toBe(`Bearer ${canary}`);
  });

  it('uninstall (approved by the user) removes the tool and the credentials', async () => {
    const t = `t-${randomUUID()}`;
    const asked = track(await world.agent.run('Please uninstall the Clash Royale module', { threadId: t }));
    expect(asked.status).toBe('interrupted');
    const interrupt = (asked as { interrupt: { kind: string; id: string; tool: string } }).interrupt;
    expect(interrupt).toMatchObject({ kind: 'approval', tool: 'uninstall_module' });
    const done = track(await world.agent.resume(t, { id: interrupt.id, type: 'approve' }));
    expect(done.status).toBe('done');
    expect(await world.manager.get(MODULE)).toBeUndefined();
    expect(world.manager.toolSource().list()).toEqual([]);
    await expect(world.manager.setCredentials(MODULE, { CLASH_ROYALE_TOKEN: 'x' })).rejects.toMatchObject({ code: 'MODULE_NOT_FOUND' });
    const vault = new CredentialVault({ store: world.store, key: masterKey });
    expect(await vault.missing(MODULE, ['CLASH_ROYALE_TOKEN'])).toEqual(['CLASH_ROYALE_TOKEN']);

    // The model no longer gets the tool.
    const after = track(await world.agent.run('Show my stats', { threadId: `t-${randomUUID()}` }));
    expect((after as { output: string }).output).toMatch(/don't have a Clash Royale tool/);
    const lastTools = (model.chatRequests.at(-1)!.body.tools ?? []).map((x: { function: { name: string } }) => x.function.name);
    expect(lastTools).not.toContain(TOOL);
  });

  it('canary: the API key never appears in model requests, events, logs, transcripts or the SQLite files', async () => {
    const encodings = [canary, Buffer.from(canary).toString('base64'), Buffer.from(canary).toString('hex'), encodeURIComponent(canary)];
    const haystacks: Array<[string, string]> = [
      ['model requests', model.requests.map((r) => r.rawBody + JSON.stringify(r.headers)).join('\n')],
      ['module events', JSON.stringify(moduleEvents)],
      ['agent events', JSON.stringify(agentEvents)],
      ['logs', logs.join('\n')],
      ['run results and transcripts', JSON.stringify(results)],
      ['stored thread', JSON.stringify(await world.agent.getThread(threadId))],
    ];
    for (const f of readdirSync(dir)) if (existsSync(join(dir, f))) haystacks.push([`file ${f}`, readFileSync(join(dir, f)).toString('latin1')]);
    expect(haystacks.length).toBeGreaterThanOrEqual(5);
    for (const [where, text] of haystacks) for (const e of encodings) expect(text.includes(e), `${where} contains the secret`).toBe(false);
    // The scan is not vacuous: the stand-in did receive the key.
    expect(standIn.requests.some((r) => r.headers.authorization === `Bearer ${canary}`)).toBe(true);
  });
});

describe('e2e: a coder model that never produces a module', () => {
  it('the agent gets a typed failure as the tool result and answers; nothing is installed and nothing crashes', async () => {
    const rejections: unknown[] = [];
    const onRejection = (e: unknown) => rejections.push(e);
    process.on('unhandledRejection', onRejection);
    const model = await createMockServer({
      script: (req) => {
        const tools: string[] = (req.body?.tools ?? []).map((t: { function: { name: string } }) => t.function.name);
        const last = req.body.messages.at(-1);
        if (tools.includes('submit_module')) return reply.text('I am not able to write JSON today. {oops');
        if (last.role === 'user') return reply.toolCall('build_module', { request: String(last.content) });
        return reply.text(`Sorry, building failed: ${String(last.content).slice(0, 300)}`);
      },
    });
    const sandbox = await createSandbox();
    const store = await createStore();
    try {
      const manager = new ModuleManager({
        store,
        sandbox,
        provider: openaiCompatible({ baseURL: model.url, apiKey: 'k', model: 'coder', maxRetries: 0 }),
        vault: { key: randomBytes(32) },
        limits: { candidates: 1 },
      });
      const agent = new Agent({
        provider: openaiCompatible({ baseURL: model.url, apiKey: 'k', model: 'chat', maxRetries: 0 }),
        tools: createMetaTools(manager),
        toolSources: [manager.toolSource()],
      });
      const result = await agent.run('Build me a weather module');
      expect(result.status).toBe('done');
      const tool = result.messages.find((m) => m.role === 'tool' && m.name === 'build_module')!;
      expect(JSON.parse(unspotlight(tool.content))).toMatchObject({
        status: 'failed',
        code: 'MODULE_INVALID_BUNDLE',
        message: expect.stringMatching(/did not produce a readable module after 3 attempts/),
      });
      expect((result as { output: string }).output).toMatch(/^Sorry, building failed/);
      expect(await manager.list()).toEqual([]);
      // 1 agent step + 3 generation attempts + 1 agent step.
      expect(model.chatRequests).toHaveLength(5);
      await new Promise((r) => setTimeout(r, 20));
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
      await store.close();
      await sandbox.dispose();
      await model.close();
    }
  });
});

describe('e2e: a restart while the build waits for approval', () => {
  it('resumes on new objects (same SQLite file): the stored build is reused (no model call), the approval is checked against the hash shown, and the module installs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'graft-modules-e2e-restart-'));
    const sqlite = join(dir, 'graft.sqlite');
    const token = `cr-${randomUUID()}`;
    const key = randomBytes(32);
    const standIn = await startClashRoyaleStandIn(loadClashRoyaleFixtures(), token);
    const fx = loadClashRoyaleFixtures(standIn.origin);
    const model = await createMockServer({ script: clashRoyaleModelScript(fx) });
    const sandbox = await createSandbox();
    const open = async () => {
      const store = await createStore({ sqlite });
      const manager = new ModuleManager({
        store,
        sandbox,
        provider: openaiCompatible({ baseURL: model.url, apiKey: 'k', model: 'coder', maxRetries: 0 }),
        vault: { key },
        limits: { candidates: 1 },
        sandboxCapabilities: { allowInsecureHttp: true, allowPrivateNetwork: true },
      });
      const agent = new Agent({
        provider: openaiCompatible({ baseURL: model.url, apiKey: 'k', model: 'chat', maxRetries: 0 }),
        store,
        tools: createMetaTools(manager),
        toolSources: [manager.toolSource()],
      });
      return { store, manager, agent };
    };
    let w = await open();
    try {
      const threadId = `t-${randomUUID()}`;
      const first = await w.agent.run('Build me a Clash Royale stats module, tag #8QJ2UYRC', { threadId });
      expect(first.status).toBe('interrupted');
      const shown = (first as { interrupt: InputInterrupt }).interrupt;
      const hash = (shown.request.data as { bundleHash: string }).bundleHash;

      await w.store.close();
      w = await open(); // the process "restarted" while the user was deciding
      const pending = await w.agent.getThread(threadId);
      expect(pending.interrupts.map((i) => i.id)).toEqual([shown.id]);

      const second = await w.agent.resume(threadId, { id: shown.id, type: 'input', value: { approved: true, by: 'alice', bundleHash: hash } });
      expect(second.status).toBe('interrupted');
      const creds = (second as { interrupt: InputInterrupt }).interrupt;
      expect(creds.request.type).toBe(CREDENTIALS_INPUT_TYPE);
      const done = await w.agent.resume(threadId, { id: creds.id, type: 'input', value: { CLASH_ROYALE_TOKEN: token } });
      expect(done.status).toBe('done');
      expect(await w.manager.get(MODULE)).toMatchObject({ status: 'installed' });
      // The installed bundle is exactly the one whose hash the user approved.
      expect(hash).toBe(bundleHash(fx.fixed));
      // The stored bundle was reused after the restart: generated and repaired once, never again.
      const generations = model.chatRequests.filter((r) =>
        (r.body?.tools ?? []).some((t: { function: { name: string } }) => t.function.name === 'submit_module'),
      );
      expect(generations).toHaveLength(2);
    } finally {
      await w.store.close();
      await sandbox.dispose();
      await model.close();
      await standIn.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
