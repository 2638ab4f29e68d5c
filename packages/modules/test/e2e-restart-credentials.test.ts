/**
 * A restart between approval and credentials: the app approves the module, the process stops
 * while the thread waits for the key, and a new process (new store, manager and agent on the
 * same SQLite file) stores the key in the vault itself and resumes with `{ stored: true }`.
 * The approval must survive the restart, the module must be installed after a real live test,
 * and the key must never enter the thread.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, createStore, type GraftStore, type InputInterrupt, type RunResult } from '@graft/core';
import { openaiCompatible } from '@graft/providers';
import { createMockServer, type MockServer } from '@graft/providers/testing';
import { createSandbox, type Sandbox } from '@graft/sandbox';
import { ModuleManager } from '../src/manager/manager.js';
import { CREDENTIALS_INPUT_TYPE, createMetaTools } from '../src/agent/meta-tools.js';
import { loadClashRoyaleFixtures } from '../../../examples/shared/clash-royale/load.js';
import { clashRoyaleModelScript } from '../../../examples/shared/clash-royale/model-script.js';
import { startClashRoyaleStandIn, type ClashRoyaleStandIn } from '../../../examples/shared/clash-royale/stand-in.js';

describe('e2e: restart between approval and credentials, key stored by the app', () => {
  const dir = mkdtempSync(join(tmpdir(), 'graft-modules-restart-'));
  const sqlite = join(dir, 'graft.sqlite');
  const key = `cr-canary-${randomUUID()}`;
  const masterKey = randomBytes(32);
  let standIn: ClashRoyaleStandIn;
  let model: MockServer;
  let sandbox: Sandbox;

  async function open(): Promise<{ store: GraftStore; manager: ModuleManager; agent: Agent }> {
    const store = await createStore({ sqlite });
    const provider = openaiCompatible({ baseURL: model.url, apiKey: 'mock-key', model: 'mock', maxRetries: 0 });
    const manager = new ModuleManager({
      store,
      sandbox,
      provider,
      vault: { key: masterKey },
      sandboxCapabilities: { allowInsecureHttp: true, allowPrivateNetwork: true },
    });
    const agent = new Agent({ provider, store, tools: createMetaTools(manager), toolSources: [manager.toolSource()] });
    return { store, manager, agent };
  }

  beforeAll(async () => {
    standIn = await startClashRoyaleStandIn(loadClashRoyaleFixtures(), key);
    model = await createMockServer({ script: clashRoyaleModelScript(loadClashRoyaleFixtures(standIn.origin)) });
    sandbox = await createSandbox();
  });
  afterAll(async () => {
    await sandbox?.dispose();
    await model?.close();
    await standIn?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('installs after the restart, with the approval kept and the key only in the vault', async () => {
    const threadId = `t-${randomUUID()}`;
    const first = await open();
    const asked = await first.agent.run('Build me a module for my Clash Royale stats. My player tag is #8QJ2UYRC.', { threadId });
    expect(asked.status).toBe('interrupted');
    const approval = (asked as { interrupt: InputInterrupt }).interrupt;
    const bundleHash = (approval.request.data as { bundleHash: string }).bundleHash;
    const waiting = await first.agent.resume(threadId, { id: approval.id, type: 'input', value: { approved: true, by: 'alice', bundleHash } });
    expect((waiting as { interrupt: InputInterrupt }).interrupt.request.type).toBe(CREDENTIALS_INPUT_TYPE);
    await first.store.close();

    // "Restart": new objects on the same file. The app stores the key itself, then resumes.
    const second = await open();
    const thread = await second.agent.getThread(threadId);
    const pending = thread.interrupts[0] as InputInterrupt;
    expect(pending.request.type).toBe(CREDENTIALS_INPUT_TYPE);
    await second.manager.setCredentials('clash-royale-stats', { CLASH_ROYALE_TOKEN: key });
    const done: RunResult = await second.agent.resume(threadId, { id: pending.id, type: 'input', value: { stored: true } });
    expect(done.status).toBe('done');
    expect(await second.manager.get('clash-royale-stats')).toMatchObject({ status: 'installed', activeVersion: '1.0.0', versions: ['1.0.0'] });
    expect(standIn.requests.some((r) => r.headers.authorization === `Bearer ${key}`)).toBe(true);
    expect(
      second.manager
        .toolSource()
        .list()
        .map((t) => t.name),
    ).toContain('clash-royale-stats__getPlayer');

    // The key is in no transcript, model request or file in clear.
    expect(JSON.stringify(await second.agent.getThread(threadId))).not.toContain(key);
    for (const r of model.requests) expect(r.rawBody).not.toContain(key);
    for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f)).toString('latin1')).not.toContain(key);
    await second.store.close();
  });
});
