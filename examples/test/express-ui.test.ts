/**
 * The Express example's `useChat` API over real HTTP (what the page calls; the browser test
 * drives the page itself): the build streams as AI SDK UI message chunks with the module events
 * as `data-graft-progress`, the approval as a `data-graft-input`, a resume continues the page's
 * message, the key goes to the credentials endpoint only, and the thread comes back as UI
 * messages.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExpressApp } from '../express-server/app.js';
import { DEMO_PROMPTS } from '../quickstart/recording.js';
import { post, startFixture, type Fixture } from './helpers.js';

type Chunk = { type: string; [k: string]: any };

async function readChunks(res: Response): Promise<{ chunks: Chunk[]; raw: string }> {
  expect(res.status).toBe(200);
  expect(res.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
  const raw = await res.text();
  const lines = raw
    .split('\n\n')
    .filter((l) => l.startsWith('data: '))
    .map((l) => l.slice('data: '.length));
  expect(lines.at(-1)).toBe('[DONE]');
  return { chunks: lines.slice(0, -1).map((l) => JSON.parse(l) as Chunk), raw };
}

describe('express example: the useChat API', () => {
  let f: Fixture;
  let server: Server;
  let base: string;
  const threadId = 'ui-thread-1';
  const bodies: string[] = [];
  let approval: Chunk;

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

  it('a user message streams the build (failed cases with their reason) and ends on the approval input', async () => {
    const { chunks, raw } = await readChunks(
      await post(`${base}/api/chat`, { id: threadId, message: { id: 'u1', role: 'user', parts: [{ type: 'text', text: DEMO_PROMPTS.build }] } }),
    );
    bodies.push(raw);
    const events = chunks.filter((c) => c.type === 'data-graft-progress').map((c) => c.data.progress);
    const failed = events.filter((e) => e.type === 'module.test' && !e.passed);
    expect(failed.length).toBeGreaterThan(0);
    for (const e of failed) expect(e.reason).toMatch(/\S/);
    expect(events.filter((e) => e.type === 'module.test' && e.passed).every((e) => e.reason === undefined)).toBe(true);
    approval = chunks.find((c) => c.type === 'data-graft-input')!;
    expect(approval.data.request).toMatchObject({ type: 'module_approval', data: { module: 'clash-royale-stats', code: f.fx.fixed.code } });
    expect(chunks.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls' });
  });

  it('GET /api/threads/:id/messages restores the conversation with the pending approval', async () => {
    const { messages } = await (await fetch(`${base}/api/threads/${threadId}/messages`)).json();
    expect(messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant']);
    expect(messages[0].parts).toEqual([{ type: 'text', text: DEMO_PROMPTS.build }]);
    const parts = messages[1].parts as Chunk[];
    expect(parts.find((p) => p.type === 'dynamic-tool')).toMatchObject({ toolName: 'build_module', state: 'input-available' });
    expect(parts.find((p) => p.type === 'data-graft-input')).toMatchObject({ id: approval.id, data: { request: { type: 'module_approval' } } });
    expect(parts.find((p) => p.type === 'data-graft-run')).toMatchObject({ data: { status: 'interrupted', interrupts: [approval.id] } });
  });

  it('an approval without the bundle hash is refused with a typed error', async () => {
    const res = await post(`${base}/api/chat`, {
      id: threadId,
      message: { id: 'a1', role: 'assistant', parts: [] },
      answer: { interruptId: approval.id, approved: true },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'BUNDLE_HASH_REQUIRED' } });
  });

  it("the approval resumes the thread, continuing the page's message, and asks for the key", async () => {
    const answer = { interruptId: approval.id, approved: true, by: 'tester', bundleHash: approval.data.request.data.bundleHash };
    const { chunks, raw } = await readChunks(await post(`${base}/api/chat`, { id: threadId, message: { id: 'a1', role: 'assistant', parts: [] }, answer }));
    bodies.push(raw);
    expect(chunks[0]).toEqual({ type: 'start', messageId: 'a1' });
    approval = chunks.find((c) => c.type === 'data-graft-input')!;
    expect(approval.data.request.type).toBe('module_credentials');
  });

  it('the credentials endpoint stores the key and streams the resumed run; the key never comes back', async () => {
    const { chunks, raw } = await readChunks(
      await post(`${base}/api/threads/${threadId}/credentials`, { interruptId: approval.id, values: { CLASH_ROYALE_TOKEN: f.apiKey }, messageId: 'a1' }),
    );
    bodies.push(raw);
    expect(chunks[0]).toEqual({ type: 'start', messageId: 'a1' });
    expect(chunks.some((c) => c.type === 'data-graft-progress' && c.data.progress.type === 'module.installed')).toBe(true);
    expect(chunks.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
    for (const b of bodies) expect(b.includes(f.apiKey)).toBe(false);
    for (const r of f.model.requests) expect(r.rawBody.includes(f.apiKey)).toBe(false);
    expect((await (await fetch(`${base}/api/threads/${threadId}/messages`)).text()).includes(f.apiKey)).toBe(false);
  });

  it('bad requests get typed errors', async () => {
    const noId = await post(`${base}/api/chat`, { message: { role: 'user', parts: [{ type: 'text', text: 'hi' }] } });
    expect(noId.status).toBe(400);
    expect(await noId.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    const noText = await post(`${base}/api/chat`, { id: 't2', message: { role: 'user', parts: [] } });
    expect(await noText.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    const stale = await post(`${base}/api/threads/${threadId}/credentials`, { interruptId: 'nope', values: { A: 'b' } });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: 'NO_SUCH_INTERRUPT' } });
  });
});
