/**
 * `@graft/modules/testing`: the scripted module author drives a real `ModuleManager` build over
 * the providers' HTTP mock server (first draft fails its tests in the real sandbox, the repair
 * passes), and the fake API serves routes, checks the key and logs what it received.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createStore } from '@graft/core';
import { openaiCompatible } from '@graft/providers';
import { createMockServer, reply, type MockServer } from '@graft/providers/testing';
import { createSandbox, type Sandbox } from '@graft/sandbox';
import { ModuleManager } from '../src/index.js';
import { isModuleAuthorRequest, isRepairRequest, scriptedModuleAuthor, startFakeApi } from '../src/testing/index.js';
import { loadClashRoyaleFixtures } from '../../../examples/shared/clash-royale/load.js';

const fx = loadClashRoyaleFixtures();
let server: MockServer;
let sandbox: Sandbox;

beforeAll(async () => {
  server = await createMockServer();
  sandbox = await createSandbox();
});
afterAll(async () => {
  await server?.close();
  await sandbox?.dispose();
});

async function manager() {
  return new ModuleManager({
    store: await createStore(),
    sandbox,
    provider: openaiCompatible({ baseURL: server.url, apiKey: 'k', model: 'coder', maxRetries: 0 }),
    vault: { key: randomBytes(32) },
    // counts one first draft per build (the second test asks for candidates itself)
    limits: { candidates: 1 },
  });
}

describe('scriptedModuleAuthor', () => {
  it('answers the first draft with the generate bundle and the repair with the repair bundle, in a real build', async () => {
    const author = scriptedModuleAuthor({ generate: fx.buggy, repair: fx.fixed });
    server.reset();
    server.setScript((req) => author(req) ?? reply.text('not a module request'));
    const outcome = await (await manager()).build({ request: 'Build a Clash Royale stats module' });
    expect(outcome.history[0]!.passed).toBe(false); // the buggy draft really failed in the sandbox
    expect(outcome.passed).toBe(true);
    expect(outcome.rounds).toBe(1);
    expect(outcome.draft.bundle.code).toBe(fx.fixed.code);
    expect([author.generated, author.repaired]).toEqual([1, 1]);
    const [first, second] = server.requests.filter((r) => r.path === '/v1/chat/completions');
    expect(isModuleAuthorRequest(first!) && !isRepairRequest(first!)).toBe(true);
    expect(isRepairRequest(second!)).toBe(true);
  });

  it('gives each candidate the next generate bundle and leaves other requests to the caller', async () => {
    const author = scriptedModuleAuthor([fx.fixed, fx.buggy]);
    server.reset();
    server.setScript((req) => author(req) ?? reply.text('unused'));
    const draft = await (await manager()).generate({ request: 'Build a Clash Royale stats module', candidates: 2 });
    expect(author.generated).toBe(2);
    expect(draft.bundle.code).toBe(fx.fixed.code); // the candidate whose tests pass wins
    const chat = { method: 'POST', path: '/v1/chat/completions', headers: {}, rawBody: '', body: { messages: [{ role: 'user', content: 'hi' }], tools: [] } };
    expect(author(chat)).toBeUndefined();
  });

  it('refuses an empty plan with a TypeError', () => {
    expect(() => scriptedModuleAuthor([])).toThrow(TypeError);
  });
});

describe('startFakeApi', () => {
  it('serves routes with decoded params and query, checks a bearer key, and logs every request', async () => {
    await using api = await startFakeApi({
      apiKey: 'tok"/\\en',
      routes: {
        'GET /v1/players/:tag': (req) => ({ body: { tag: req.params.tag, limit: req.query.limit } }),
        'POST /v1/echo': { status: 201, body: { ok: true } },
      },
    });
    const auth = { authorization: 'Bearer tok"/\\en' };
    const ok = await fetch(`${api.origin}/v1/players/%238QJ?limit=5`, { headers: auth });
    expect([ok.status, await ok.json()]).toEqual([200, { tag: '#8QJ', limit: '5' }]);
    const posted = await fetch(`${api.origin}/v1/echo`, { method: 'POST', headers: auth, body: '{}' });
    expect(posted.status).toBe(201);
    const denied = await fetch(`${api.origin}/v1/players/%238QJ`, { headers: { authorization: 'Bearer wrong' } });
    expect([denied.status, await denied.json()]).toEqual([401, { error: 'unauthorized' }]);
    const missing = await fetch(`${api.origin}/v1/nope`, { headers: auth });
    expect(missing.status).toBe(404);
    const wrongMethod = await fetch(`${api.origin}/v1/echo`, { headers: auth });
    expect(wrongMethod.status).toBe(404);
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v1/players/%238QJ?limit=5',
      'POST /v1/echo',
      'GET /v1/players/%238QJ',
      'GET /v1/nope',
      'GET /v1/echo',
    ]);
    expect(api.host).toBe(new URL(api.origin).host);
  });

  it('checks a key sent in a named header and uses the custom unauthorized answer', async () => {
    const api = await startFakeApi({
      apiKey: 'k1',
      auth: { header: 'X-Api-Key' },
      unauthorized: { status: 403, body: { reason: 'accessDenied' } },
      routes: { 'GET /x': { body: 1 } },
    });
    try {
      expect((await fetch(`${api.origin}/x`, { headers: { 'x-api-key': 'k1' } })).status).toBe(200);
      const r = await fetch(`${api.origin}/x`, { headers: { authorization: 'Bearer k1' } });
      expect([r.status, await r.json()]).toEqual([403, { reason: 'accessDenied' }]);
    } finally {
      await api.close();
    }
    await expect(fetch(`${api.origin}/x`)).rejects.toThrow(); // closed: nothing listens any more
  });

  it('refuses a malformed route key', async () => {
    await expect(startFakeApi({ routes: { '/no-method': { body: 1 } } })).rejects.toThrow(TypeError);
  });
});
