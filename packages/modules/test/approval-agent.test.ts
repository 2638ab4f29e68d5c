/**
 * What the user approved is what gets installed, through the agent (scripted hostile model over
 * the providers' real HTTP mock server): a restart that resumes in a real second Node process,
 * a flood of parallel builds, and resume values that are not the approval of the bundle shown.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, createStore, unspotlight, type GraftStore, type InputInterrupt, type ResumeDecision } from '@graft/core';
import { openaiCompatible } from '@graft/providers';
import { createMockServer, reply, type MockServer } from '@graft/providers/testing';
import { createSandbox, type Sandbox } from '@graft/sandbox';
import {
  APPROVAL_INPUT_TYPE,
  MAX_PENDING_BUILDS_PER_THREAD,
  ModuleManager,
  ModuleRegistry,
  bundleHash,
  createMetaTools,
  type ModuleBundle,
} from '../src/index.js';
import { echoDraft } from './manager-fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));
const NAME = 'echo-mod';
const A = echoDraft(NAME).bundle;
/** The swap: same name and version, other code (valid on its own, so only the guards stop it). */
const B: ModuleBundle = echoDraft(NAME, '1.0.0', `return { module: ${JSON.stringify(NAME)}, text: input.text, pwned: true };`).bundle;
B.tests = [{ name: 'echo hi', entry: 'tools.echo.run', input: { text: 'hi' }, expect: { module: NAME, text: 'hi', pwned: true } }];
const submit = (b: ModuleBundle) => reply.toolCall('submit_module', { manifest: b.manifest, code: b.code, tests: b.tests });

/** A hostile model: the coder submits `bundles` in turn (the last one forever); the chat model calls build_module `calls` times in parallel. */
function hostileModel(bundles: ModuleBundle[], calls = 1) {
  let n = 0;
  return (req: { body: any }) => {
    const tools: string[] = (req.body?.tools ?? []).map((t: { function: { name: string } }) => t.function.name);
    if (tools.includes('submit_module')) return submit(bundles[Math.min(n++, bundles.length - 1)]!);
    const last = req.body.messages.at(-1);
    if (last.role === 'user')
      return calls === 1
        ? reply.toolCall('build_module', { request: 'an echo module' })
        : reply.toolCalls(Array.from({ length: calls }, (_, i) => ({ name: 'build_module', args: { request: `an echo module ${i}` }, id: `call_${i}` })));
    return reply.text('done');
  };
}

const generations = (m: MockServer) =>
  m.chatRequests.filter((r) => (r.body?.tools ?? []).some((t: { function: { name: string } }) => t.function.name === 'submit_module')).length;

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
});
afterAll(async () => {
  await sandbox?.dispose();
});

function world(store: GraftStore, model: MockServer, masterKey: Buffer | string) {
  const provider = openaiCompatible({ baseURL: model.url, apiKey: 'k', model: 'mock', maxRetries: 0 });
  const manager = new ModuleManager({ store, sandbox, provider, vault: { key: masterKey }, limits: { candidates: 1 } });
  const agent = new Agent({ provider, store, tools: createMetaTools(manager), toolSources: [manager.toolSource()] });
  return { manager, agent };
}

const approvalOf = (it: InputInterrupt, by = 'alice'): ResumeDecision => ({
  id: it.id,
  type: 'input',
  value: { approved: true, by, bundleHash: (it.request.data as { bundleHash: string }).bundleHash },
});

describe('break 1: swap after a restart (resumed by a real second Node process)', () => {
  it('the child process installs the stored bundle A the user approved; the hostile model is never asked again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'graft-approval-restart-'));
    const sqlite = join(dir, 'graft.sqlite');
    const masterKey = randomBytes(32).toString('base64');
    const model = await createMockServer({ script: hostileModel([A, B]) });
    try {
      const store = createStore({ sqlite });
      const { agent } = world(store, model, masterKey);
      const threadId = `t-${randomUUID()}`;
      const first = await agent.run('Build me an echo module', { threadId });
      expect(first.status).toBe('interrupted');
      const shown = (first as { interrupt: InputInterrupt }).interrupt;
      expect(shown.request.type).toBe(APPROVAL_INPUT_TYPE);
      expect(shown.request.data).toMatchObject({ bundleHash: bundleHash(A), module: NAME, digest: expect.stringContaining(bundleHash(A)) });
      await store.close();
      expect(generations(model)).toBe(1);

      const out = await new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['--conditions=@graft/source', '--import', 'tsx', join(here, 'fixtures/approval/resume-child.ts')], {
          env: {
            ...process.env,
            GRAFT_TEST_SQLITE: sqlite,
            GRAFT_TEST_MODEL_URL: model.url,
            GRAFT_MASTER_KEY: masterKey,
            GRAFT_TEST_THREAD: threadId,
            GRAFT_TEST_RESUME: JSON.stringify(approvalOf(shown)),
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c) => (stdout += c));
        child.stderr.on('data', (c) => (stderr += c));
        child.on('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`child exited ${code}: ${stderr}`))));
      });
      const seen = JSON.parse(out) as { status: string; toolResult: Record<string, unknown>; modules: Array<{ name: string; status: string }> };
      expect(seen.status).toBe('done');
      expect(seen.toolResult).toMatchObject({ status: 'installed', module: NAME });
      expect(seen.modules).toEqual([expect.objectContaining({ name: NAME, status: 'installed' })]);
      // The model was not asked for a module again (B was never submitted).
      expect(generations(model)).toBe(1);

      // What is stored is byte for byte A.
      const after = createStore({ sqlite });
      const registry = new ModuleRegistry(after);
      await registry.load();
      const v = await registry.version(NAME, '1.0.0');
      expect(v?.bundleHash).toBe(bundleHash(A));
      expect(v?.bundle.code).toBe(A.code);
      expect(v?.approvedBy).toBe('alice');
      await after.close();
    } finally {
      await model.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('break 2: swap by eviction (a flood of parallel build_module calls)', () => {
  it(`at most ${MAX_PENDING_BUILDS_PER_THREAD} builds wait per thread, the rest are refused (no eviction); approving the first installs exactly the first bundle`, async () => {
    const flood = 40;
    const bundles = Array.from({ length: flood }, (_, i) => (i === 0 ? A : B));
    const model = await createMockServer({ script: hostileModel(bundles, flood) });
    const store = createStore();
    try {
      const { manager, agent } = world(store, model, randomBytes(32));
      const threadId = `t-${randomUUID()}`;
      const first = await agent.run('Build me echo modules', { threadId });
      expect(first.status).toBe('interrupted');
      const thread = await agent.getThread(threadId);
      const approvals = thread.interrupts.filter((i): i is InputInterrupt => i.kind === 'input' && i.request.type === APPROVAL_INPUT_TYPE);
      expect(approvals).toHaveLength(MAX_PENDING_BUILDS_PER_THREAD);
      // Refused builds never reached the model.
      expect(generations(model)).toBe(MAX_PENDING_BUILDS_PER_THREAD);
      const target = approvals.find((i) => (i.request.data as { bundleHash: string }).bundleHash === bundleHash(A)) ?? approvals[0]!;
      const shownHash = (target.request.data as { bundleHash: string }).bundleHash;
      let result = await agent.resume(threadId, approvalOf(target));
      // Reject every other pending build.
      for (let guard = 0; result.status === 'interrupted' && guard < flood; guard++) {
        const next = (result as { interrupts: InputInterrupt[] }).interrupts[0]!;
        result = await agent.resume(threadId, { id: next.id, type: 'input', value: { approved: false } });
      }
      expect(result.status).toBe('done');
      const tools = result.messages.filter((m) => m.role === 'tool' && m.name === 'build_module').map((m) => JSON.parse(unspotlight(m.content)));
      expect(tools.filter((t) => t.code === 'MODULE_TOO_MANY_BUILDS')).toHaveLength(flood - MAX_PENDING_BUILDS_PER_THREAD);
      expect(tools.filter((t) => t.status === 'installed')).toHaveLength(1);
      const registry = new ModuleRegistry(store);
      await registry.load();
      expect((await registry.version(NAME, '1.0.0'))?.bundleHash).toBe(shownHash);
      expect((await manager.list()).map((m) => m.name)).toEqual([NAME]);
    } finally {
      await store.close();
      await model.close();
    }
  }, 120_000);
});

describe('resume values that are not the approval of the bundle shown', () => {
  const cases: Array<[string, (it: InputInterrupt) => unknown, string]> = [
    ['no hash (the old documented value)', () => ({ approved: true, by: 'alice' }), 'MODULE_APPROVAL_HASH_REQUIRED'],
    ['bare true', () => true, 'MODULE_APPROVAL_HASH_REQUIRED'],
    ['a forged hash', () => ({ approved: true, by: 'alice', bundleHash: '0'.repeat(64) }), 'MODULE_APPROVAL_MISMATCH'],
    ['the hash of another valid bundle', () => ({ approved: true, by: 'alice', bundleHash: bundleHash(B) }), 'MODULE_APPROVAL_MISMATCH'],
    [
      'the hash in upper case',
      (it) => ({ approved: true, bundleHash: String((it.request.data as { bundleHash: string }).bundleHash).toUpperCase() }),
      'MODULE_APPROVAL_MISMATCH',
    ],
    ['"yes"', () => 'yes', 'rejected'],
    ['approved: "true" (a string)', (it) => ({ approved: 'true', bundleHash: (it.request.data as { bundleHash: string }).bundleHash }), 'rejected'],
  ];
  it.each(cases)('%s: nothing is installed', async (_label, value, outcome) => {
    const model = await createMockServer({ script: hostileModel([A, B]) });
    const store = createStore();
    try {
      const { manager, agent } = world(store, model, randomBytes(32));
      const threadId = `t-${randomUUID()}`;
      const first = await agent.run('Build me an echo module', { threadId });
      const shown = (first as { interrupt: InputInterrupt }).interrupt;
      const done = await agent.resume(threadId, { id: shown.id, type: 'input', value: value(shown) });
      expect(done.status).toBe('done');
      const tool = JSON.parse(unspotlight(done.messages.filter((m) => m.role === 'tool' && m.name === 'build_module').at(-1)!.content));
      if (outcome === 'rejected') expect(tool.status).toBe('rejected');
      else expect(tool).toMatchObject({ status: 'failed', code: outcome });
      expect(await manager.list()).toEqual([]);
      expect(generations(model)).toBe(1);
    } finally {
      await store.close();
      await model.close();
    }
  });
});
