/**
 * The Express example over real HTTP: a full module build through the API (chat → approval →
 * credentials → installed → use → delete), with the recorded model on the providers' mock
 * server and the Clash Royale stand-in. The API key is sent only to /credentials and must
 * never come back in any response or reach the model.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExpressApp } from '../express-server/app.js';
import { DEMO_PROMPTS } from '../quickstart/recording.js';
import { post, readSse, startFixture, type Fixture, type Frame } from './helpers.js';

describe('express example: the full module flow over HTTP', () => {
  let f: Fixture;
  let server: Server;
  let base: string;
  const bodies: string[] = [];
  const done = (frames: Frame[]) => frames.find((x) => x.event === 'done')!.data;

  beforeAll(async () => {
    f = await startFixture();
    server = createExpressApp(f.graft).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await f.close();
  });

  let threadId: string;
  let interruptId: string;
  let bundleHash: string;

  it('POST /chat streams the build (tests failing, repair, passing) and ends on the approval prompt', async () => {
    const res = await post(`${base}/chat`, { message: DEMO_PROMPTS.build });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const { frames, raw } = await readSse(res);
    bodies.push(raw);
    const moduleTypes = frames.filter((x) => x.event === 'module').map((x) => x.data.type);
    expect(moduleTypes).toEqual(expect.arrayContaining(['module.generating', 'module.test', 'module.repairing', 'module.validated']));
    // three candidates (DEFAULT_CANDIDATES, the same failing draft), then the repair that passes
    expect(frames.filter((x) => x.event === 'module' && x.data.type === 'module.validated').map((x) => x.data.passed)).toEqual([false, false, false, true]);
    const end = done(frames);
    expect(end).toMatchObject({
      status: 'interrupted',
      interrupt: { kind: 'input', request: { type: 'module_approval', data: { module: 'clash-royale-stats' } } },
    });
    threadId = end.threadId;
    interruptId = end.interrupt.id;
    // every build event names the thread (and run) that caused it
    expect(frames.filter((x) => x.event === 'module').every((x) => x.data.threadId === threadId && typeof x.data.runId === 'string')).toBe(true);
    bundleHash = end.interrupt.request.data.bundleHash;
    expect(bundleHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('POST /threads/:id/approve without the bundle hash is refused; nothing is installed', async () => {
    const res = await post(`${base}/threads/${threadId}/approve`, { interruptId, approved: true, by: 'tester' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'BUNDLE_HASH_REQUIRED' } });
    expect((await (await fetch(`${base}/modules`)).json()).modules).toEqual([]);
  });

  it('POST /threads/:id/approve installs and asks for the key', async () => {
    const { frames, raw } = await readSse(await post(`${base}/threads/${threadId}/approve`, { interruptId, approved: true, by: 'tester', bundleHash }));
    bodies.push(raw);
    const end = done(frames);
    expect(end).toMatchObject({ status: 'interrupted', interrupt: { request: { type: 'module_credentials' } } });
    interruptId = end.interrupt.id;
    const list = await (await fetch(`${base}/modules`)).json();
    expect(list.modules).toEqual([expect.objectContaining({ name: 'clash-royale-stats', status: 'awaiting_credentials' })]);
  });

  it('a stale or unknown interrupt id is refused with a typed error', async () => {
    const res = await post(`${base}/threads/${threadId}/approve`, { interruptId: 'nope', approved: true });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'NO_SUCH_INTERRUPT' } });
  });

  it('POST /threads/:id/credentials stores the key in the vault, live-tests against the API and installs', async () => {
    const { frames, raw } = await readSse(await post(`${base}/threads/${threadId}/credentials`, { interruptId, values: { CLASH_ROYALE_TOKEN: f.apiKey } }));
    bodies.push(raw);
    expect(done(frames)).toMatchObject({ status: 'done' });
    expect(frames.some((x) => x.event === 'module' && x.data.type === 'module.installed')).toBe(true);
    // The live test really reached the stand-in with the key.
    expect(f.api.requests.length).toBeGreaterThan(0);
    expect(f.api.requests.every((r) => r.headers.authorization === `Bearer ${f.apiKey}`)).toBe(true);
    const list = await (await fetch(`${base}/modules`)).json();
    expect(list.modules).toEqual([expect.objectContaining({ name: 'clash-royale-stats', status: 'installed' })]);
  });

  it('the new tool answers a question', async () => {
    const { frames, raw } = await readSse(await post(`${base}/chat`, { message: DEMO_PROMPTS.ask, threadId }));
    bodies.push(raw);
    const call = frames.find((x) => x.event === 'tool-call');
    expect(call?.data.toolCall.name).toBe('clash-royale-stats__getPlayer');
    const result = frames.find((x) => x.event === 'tool-result');
    expect(JSON.parse(result!.data.content)).toMatchObject({ trophies: f.fx.player.trophies });
    expect(done(frames).output).toContain(f.fx.player.trophies.toLocaleString('en-US'));
  });

  it('DELETE /modules/:name uninstalls; a second delete is a 404 with a code', async () => {
    expect(await (await fetch(`${base}/modules/clash-royale-stats`, { method: 'DELETE' })).json()).toEqual({ uninstalled: 'clash-royale-stats' });
    expect((await (await fetch(`${base}/modules`)).json()).modules).toEqual([]);
    const again = await fetch(`${base}/modules/clash-royale-stats`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ error: { code: 'MODULE_NOT_FOUND' } });
  });

  it('bad requests get typed errors', async () => {
    const empty = await post(`${base}/chat`, { message: '' });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    const notJson = await fetch(`${base}/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' });
    expect(notJson.status).toBe(400);
  });

  it('canary: the key never appears in any response stream or model request', async () => {
    expect(bodies.length).toBe(4);
    for (const b of bodies) expect(b.includes(f.apiKey)).toBe(false);
    for (const r of f.model.requests) expect(r.rawBody.includes(f.apiKey)).toBe(false);
    const thread = await f.graft.agent.getThread(threadId);
    expect(JSON.stringify(thread).includes(f.apiKey)).toBe(false);
  });
});
