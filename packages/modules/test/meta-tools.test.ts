/**
 * The meta-tools over a real ModuleManager (real sandbox, SQLite-free memory store, model over
 * real HTTP via the mock server, live tests against a local stand-in of the API). The tool
 * context's `requestInput` is driven by the test as the app would answer; the full path through
 * the Agent's interrupts is in e2e.test.ts.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type InputRequest, type Tool, type ToolContext } from '@graft/core';
import { openaiCompatible } from '@graft/providers';
import { createMockServer, reply, type MockServer } from '@graft/providers/testing';
import { createSandbox, type Sandbox } from '@graft/sandbox';
import { ModuleManager } from '../src/manager/manager.js';
import { APPROVAL_INPUT_TYPE, CREDENTIALS_INPUT_TYPE, createMetaTools } from '../src/agent/meta-tools.js';
import type { ModuleBundle, ModuleEvent } from '../src/types.js';
import { loadClashRoyaleFixtures, type ClashRoyaleFixtures } from '../../../examples/shared/clash-royale/load.js';
import { startClashRoyaleStandIn, type ClashRoyaleStandIn } from '../../../examples/shared/clash-royale/stand-in.js';

const submit = (b: ModuleBundle) => reply.toolCall('submit_module', { manifest: b.manifest, code: b.code, tests: b.tests });
const token = `cr-token-${randomUUID()}`;

let server: MockServer;
let sandbox: Sandbox;
let standIn: ClashRoyaleStandIn;
let fx: ClashRoyaleFixtures;
let manager: ModuleManager;
let tools: Map<string, Tool>;
let events: ModuleEvent[];

/** A tool context whose `requestInput` answers from `answers` (by request type) and records the requests. */
function context(
  answers: Record<string, unknown | ((request: InputRequest) => unknown)>,
  asked: InputRequest[] = [],
  toolCallId = randomUUID(),
  threadId = 't1',
): ToolContext {
  return {
    threadId,
    toolCallId,
    signal: new AbortController().signal,
    async requestInput<T>(request: InputRequest): Promise<T> {
      asked.push(request);
      const a = answers[request.type];
      return (typeof a === 'function' ? (a as (r: InputRequest) => unknown)(request) : a) as T;
    },
  };
}

/** The app's answer approving exactly the bundle shown in the request (its `data.bundleHash`). */
const approveShown =
  (by = 'user') =>
  (request: InputRequest) => ({ approved: true, by, bundleHash: (request.data as { bundleHash: string }).bundleHash });

async function build(ctx: ToolContext, args: Record<string, unknown> = { request: 'Build me a Clash Royale stats module' }): Promise<Record<string, any>> {
  const tool = tools.get('build_module')!;
  const parsed = tool.parse(args);
  if (!parsed.ok) throw new Error(parsed.issues.join('; '));
  return (await tool.execute(parsed.value, ctx)) as Record<string, any>;
}

beforeAll(async () => {
  server = await createMockServer();
  sandbox = await createSandbox();
  standIn = await startClashRoyaleStandIn(loadClashRoyaleFixtures(), token);
  fx = loadClashRoyaleFixtures(standIn.origin);
});
afterAll(async () => {
  await sandbox?.dispose();
  await server?.close();
  await standIn?.close();
});
beforeEach(async () => {
  server.reset();
  events = [];
  manager = new ModuleManager({
    store: await createStore(),
    sandbox,
    provider: openaiCompatible({ baseURL: server.url, apiKey: 'k', model: 'mock-coder', maxRetries: 0 }),
    vault: { key: randomBytes(32) },
    // the scripts answer one generation request per build: one candidate
    limits: { candidates: 1 },
    sandboxCapabilities: { allowInsecureHttp: true, allowPrivateNetwork: true },
  });
  manager.on('event', (e) => events.push(e));
  tools = new Map(createMetaTools(manager).map((t) => [t.name, t]));
});

describe('meta-tools', () => {
  it('are build_module, list_modules, module_status and uninstall_module; only uninstall needs approval up front', () => {
    expect([...tools.keys()]).toEqual(['build_module', 'list_modules', 'module_status', 'uninstall_module']);
    expect(tools.get('uninstall_module')!.needsApproval).toBe(true);
    expect(tools.get('build_module')!.needsApproval).toBeUndefined();
    expect(tools.get('build_module')!.parameters).toMatchObject({ type: 'object', properties: { request: { type: 'string' } }, required: ['request'] });
  });

  it('the model cannot approve its own module: extra arguments are refused', () => {
    const parse = tools.get('build_module')!.parse;
    for (const extra of [
      { approved: true },
      { approval: { bundleHash: 'x', signature: 'y' } },
      { by: 'admin' },
      { credentials: { CLASH_ROYALE_TOKEN: 'x' } },
    ]) {
      const r = parse({ request: 'clash royale stats', ...extra });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues.join(' ')).toMatch(/Unrecognized key/i);
    }
  });

  it('build_module: repair loop, approval request with the summary, credentials request, live test, installed', async () => {
    server.setScript([submit(fx.buggy), submit(fx.fixed)]);
    const asked: InputRequest[] = [];
    const result = await build(context({ [APPROVAL_INPUT_TYPE]: approveShown('bob'), [CREDENTIALS_INPUT_TYPE]: { CLASH_ROYALE_TOKEN: token } }, asked));
    expect(asked.map((a) => a.type)).toEqual([APPROVAL_INPUT_TYPE, CREDENTIALS_INPUT_TYPE]);
    expect(asked[0]!.data).toMatchObject({ module: 'clash-royale-stats', hosts: [new URL(standIn.origin).host], tests: { passed: 4, failed: 0 } });
    expect(asked[0]!.message).toContain('CLASH_ROYALE_TOKEN');
    expect(result).toMatchObject({
      status: 'installed',
      module: 'clash-royale-stats',
      tools: ['clash-royale-stats__getPlayer', 'clash-royale-stats__getUpcomingChests'],
      repairRounds: 1,
      liveTest: { passed: true, cases: 2 },
    });
    expect(events).toContainEqual(expect.objectContaining({ type: 'module.approved', by: 'bob' }));
    const types = events.map((e) => e.type);
    expect(types.indexOf('module.awaiting_approval')).toBeLessThan(types.indexOf('module.approved'));
    expect(types.indexOf('module.awaiting_credentials')).toBeLessThan(types.lastIndexOf('module.installed'));
    // The secret is in none of what the model or a UI sees.
    expect(JSON.stringify(result)).not.toContain(token);
    expect(JSON.stringify(events)).not.toContain(token);
    expect(JSON.stringify(asked)).not.toContain(token);
  });

  it('a user who does not approve gets nothing installed', async () => {
    server.setScript([submit(fx.fixed)]);
    const asked: InputRequest[] = [];
    const result = await build(context({ [APPROVAL_INPUT_TYPE]: { approved: false } }, asked));
    expect(result).toMatchObject({ status: 'rejected', module: 'clash-royale-stats' });
    expect(asked).toHaveLength(1);
    expect(await manager.list()).toEqual([]);
    expect(events.map((e) => e.type)).not.toContain('module.approved');
  });

  it('an approval answer of the wrong shape is not an approval', async () => {
    for (const answer of ['yes', { approved: 'true' }, null, 1]) {
      server.setScript([submit(fx.fixed)]);
      const result = await build(context({ [APPROVAL_INPUT_TYPE]: answer }));
      expect(result.status).toBe('rejected');
    }
    expect(await manager.list()).toEqual([]);
  });

  it('an approval bound to another bundle hash than the one shown is refused', async () => {
    server.setScript([submit(fx.fixed)]);
    const result = await build(context({ [APPROVAL_INPUT_TYPE]: { approved: true, bundleHash: '0'.repeat(64) } }));
    expect(result).toMatchObject({ status: 'failed', code: 'MODULE_APPROVAL_MISMATCH', message: expect.stringMatching(/bundleHash of the request/) });
    expect(await manager.list()).toEqual([]);
  });

  it('an approval without the bundle hash (the old resume value) is refused with a typed error saying what to send', async () => {
    for (const answer of [{ approved: true, by: 'alice' }, true, { approved: true, bundleHash: '' }]) {
      server.setScript([submit(fx.fixed)]);
      const asked: InputRequest[] = [];
      const result = await build(context({ [APPROVAL_INPUT_TYPE]: answer }, asked));
      const hash = (asked[0]!.data as { bundleHash: string }).bundleHash;
      expect(result).toMatchObject({ status: 'failed', code: 'MODULE_APPROVAL_HASH_REQUIRED' });
      expect(result.message).toContain(`bundleHash`);
      expect(result.message).toContain(hash);
    }
    expect(await manager.list()).toEqual([]);
    expect(events.map((e) => e.type)).not.toContain('module.approved');
    expect(events).toContainEqual(expect.objectContaining({ type: 'module.failed', code: 'MODULE_APPROVAL_HASH_REQUIRED' }));
  });

  it('without credentials the module stays awaiting_credentials and its tools are not offered', async () => {
    server.setScript([submit(fx.fixed)]);
    const result = await build(context({ [APPROVAL_INPUT_TYPE]: approveShown(), [CREDENTIALS_INPUT_TYPE]: { cancelled: true } }));
    expect(result).toMatchObject({ status: 'awaiting_credentials', module: 'clash-royale-stats' });
    expect(await manager.get('clash-royale-stats')).toMatchObject({ status: 'awaiting_credentials' });
    expect(manager.toolSource().list()).toEqual([]);
    expect(standIn.requests.filter((r) => r.headers.authorization?.includes('undefined'))).toEqual([]);
  });

  it('a wrong key fails the live test: the module stays awaiting_credentials and the model is told', async () => {
    server.setScript([submit(fx.fixed)]);
    const result = await build(
      context({ [APPROVAL_INPUT_TYPE]: approveShown(), [CREDENTIALS_INPUT_TYPE]: { values: { CLASH_ROYALE_TOKEN: 'wrong-key-123' } } }),
    );
    expect(result).toMatchObject({ status: 'awaiting_credentials', liveTest: { passed: false } });
    expect(result.message).toMatch(/live test/);
    expect(JSON.stringify(result)).not.toContain('wrong-key-123');
  });

  it('a build that cannot pass returns a failure summary and asks nothing', async () => {
    server.setScript([submit(fx.buggy), submit(fx.buggy)]);
    const asked: InputRequest[] = [];
    const result = await build(context({}, asked));
    expect(result).toMatchObject({ status: 'failed', rounds: 1 });
    expect(result.failingTests).toContain('getPlayer returns the stats of #8QJ2UYRC');
    expect(asked).toEqual([]);
    expect(await manager.list()).toEqual([]);
  });

  it('model output that is never a module is a failed result, not a crash', async () => {
    server.setScript([reply.text('no'), reply.text('no'), reply.text('no')]);
    const result = await build(context({}));
    expect(result).toMatchObject({ status: 'failed', code: 'MODULE_INVALID_BUNDLE' });
  });

  it('re-running the same call after an interrupt (as LangGraph does on resume) does not rebuild or reinstall', async () => {
    server.setScript([submit(fx.buggy), submit(fx.fixed)]);
    const id = randomUUID();
    const interrupt = new Error('interrupt');
    // 1st execution: pauses at the approval request.
    await expect(
      build(
        context(
          {
            [APPROVAL_INPUT_TYPE]: () => {
              throw interrupt;
            },
          },
          [],
          id,
        ),
      ),
    ).rejects.toBe(interrupt);
    // 2nd execution (resume): approval answered, pauses at the credentials request.
    await expect(
      build(
        context(
          {
            [APPROVAL_INPUT_TYPE]: approveShown(),
            [CREDENTIALS_INPUT_TYPE]: () => {
              throw interrupt;
            },
          },
          [],
          id,
        ),
      ),
    ).rejects.toBe(interrupt);
    // 3rd execution (resume): both answered.
    const result = await build(context({ [APPROVAL_INPUT_TYPE]: approveShown(), [CREDENTIALS_INPUT_TYPE]: { CLASH_ROYALE_TOKEN: token } }, [], id));
    expect(result.status).toBe('installed');
    expect(server.chatRequests).toHaveLength(2); // generated and repaired once
    expect(events.filter((e) => e.type === 'module.approved')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'module.awaiting_approval')).toHaveLength(1);
  });

  it('a re-execution after the user uninstalled the module never installs it again (no approval replay)', async () => {
    server.setScript([submit(fx.fixed)]);
    const id = randomUUID();
    const interrupt = new Error('interrupt');
    await expect(
      build(
        context(
          {
            [APPROVAL_INPUT_TYPE]: approveShown(),
            [CREDENTIALS_INPUT_TYPE]: () => {
              throw interrupt;
            },
          },
          [],
          id,
        ),
      ),
    ).rejects.toBe(interrupt);
    expect(await manager.get('clash-royale-stats')).toMatchObject({ status: 'awaiting_credentials' });
    await manager.uninstall('clash-royale-stats');
    const before = standIn.requests.length;
    // The thread is resumed later with the same (checkpointed) approval answer.
    const result = await build(context({ [APPROVAL_INPUT_TYPE]: approveShown(), [CREDENTIALS_INPUT_TYPE]: { CLASH_ROYALE_TOKEN: token } }, [], id));
    expect(result).toMatchObject({ status: 'failed', code: 'MODULE_NOT_FOUND' });
    expect(await manager.list()).toEqual([]);
    expect(events.filter((e) => e.type === 'module.approved')).toHaveLength(1);
    expect(standIn.requests.length).toBe(before);
  });

  it('the pending build is in the store: another manager on the same store continues it without the model', async () => {
    const store = await createStore();
    const mk = () =>
      new ModuleManager({
        store,
        sandbox,
        provider: openaiCompatible({ baseURL: server.url, apiKey: 'k', model: 'mock-coder', maxRetries: 0 }),
        vault: { key: sharedKey },
        limits: { candidates: 1 },
        sandboxCapabilities: { allowInsecureHttp: true, allowPrivateNetwork: true },
      });
    const sharedKey = randomBytes(32);
    const first = new Map(createMetaTools(mk()).map((t) => [t.name, t]));
    const second = new Map(createMetaTools(mk()).map((t) => [t.name, t]));
    server.setScript([submit(fx.fixed), submit(fx.buggy)]);
    const id = randomUUID();
    const asked: InputRequest[] = [];
    const interrupt = new Error('interrupt');
    const run = (tools: Map<string, Tool>, ctx: ToolContext) =>
      tools.get('build_module')!.execute({ request: 'Build me a Clash Royale stats module' }, ctx) as Promise<Record<string, any>>;
    await expect(
      run(
        first,
        context(
          {
            [APPROVAL_INPUT_TYPE]: () => {
              throw interrupt;
            },
          },
          asked,
          id,
        ),
      ),
    ).rejects.toBe(interrupt);
    const calls = server.chatRequests.length;
    const result = await run(second, context({ [APPROVAL_INPUT_TYPE]: approveShown(), [CREDENTIALS_INPUT_TYPE]: { CLASH_ROYALE_TOKEN: token } }, asked, id));
    expect(result).toMatchObject({ status: 'installed' });
    expect(server.chatRequests.length).toBe(calls);
    expect((asked[0]!.data as { bundleHash: string }).bundleHash).toBe((asked[1]!.data as { bundleHash: string }).bundleHash);
  });

  it('a module with hosts and no credentials runs its live case through build_module; failing, it is not installed', async () => {
    const origin = standIn.origin;
    const bundle: ModuleBundle = {
      manifest: {
        name: 'cr-ping',
        version: '1.0.0',
        description: 'Ping.',
        category: 'games',
        permissions: { hosts: [new URL(origin).host] },
        credentials: [],
        tools: [{ name: 'ping', description: 'Ping the API' }],
      },
      code: `export const tools = { ping: { description: 'Ping the API', input: { type: 'object', properties: {} }, async run(input, ctx) { const r = await ctx.fetch(${JSON.stringify(origin)} + '/v1/players/%23X'); return { status: r.status }; } } };`,
      tests: [
        {
          name: 'ping',
          entry: 'tools.ping.run',
          input: {},
          http: [{ request: { method: 'GET', url: `${origin}/v1/players/%23X` }, response: { status: 200, json: {} } }],
          expect: { status: 200 },
        },
        { name: 'live ping', entry: 'tools.ping.run', input: {}, live: true, expect: { match: { status: 200 } } },
      ],
    };
    server.setScript([submit(bundle)]);
    const before = standIn.requests.length;
    const result = await build(context({ [APPROVAL_INPUT_TYPE]: approveShown() }));
    expect(result).toMatchObject({ status: 'awaiting_live_test', module: 'cr-ping', tools: [], liveTest: { passed: false, cases: 1 } });
    expect(standIn.requests.length).toBe(before + 1); // the live case really reached the API (which refused it)
    expect(manager.toolSource().list()).toEqual([]);
  });

  it('list_modules, module_status and uninstall_module', async () => {
    server.setScript([submit(fx.fixed)]);
    await build(context({ [APPROVAL_INPUT_TYPE]: approveShown(), [CREDENTIALS_INPUT_TYPE]: { CLASH_ROYALE_TOKEN: token } }));
    const ctx = context({});
    const list = (await tools.get('list_modules')!.execute({}, ctx)) as unknown[];
    expect(list).toEqual([
      expect.objectContaining({
        module: 'clash-royale-stats',
        status: 'installed',
        version: '1.0.0',
        tools: ['clash-royale-stats__getPlayer', 'clash-royale-stats__getUpcomingChests'],
      }),
    ]);
    const status = (await tools.get('module_status')!.execute({ name: 'clash-royale-stats' }, ctx)) as Record<string, unknown>;
    expect(status).toMatchObject({ status: 'installed', credentials: ['CLASH_ROYALE_TOKEN'], hosts: [new URL(standIn.origin).host] });
    expect(JSON.stringify(status)).not.toContain(token);
    expect(await tools.get('module_status')!.execute({ name: 'nope' }, ctx)).toMatchObject({ status: 'not_installed' });

    expect(await tools.get('uninstall_module')!.execute({ name: 'clash-royale-stats' }, ctx)).toEqual({ status: 'uninstalled', module: 'clash-royale-stats' });
    expect(await manager.list()).toEqual([]);
    expect(await tools.get('uninstall_module')!.execute({ name: 'clash-royale-stats' }, ctx)).toMatchObject({ status: 'not_installed' });
  });
});
