/**
 * Two users on one Express example server at once, over real HTTP: their module builds run
 * interleaved (the model holds each builder's first reply until both builds are in flight), and
 * each user's SSE stream carries only their own build's events — stamped with their own thread
 * and run — never the other user's request text or module.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ModuleEvent } from '@graft/modules';
import { isRepairRequest } from '@graft/modules/testing';
import { reply, type MockReply, type RecordedRequest } from '@graft/providers/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExpressApp } from '../express-server/app.js';
import type { ClashRoyaleFixtures } from '../quickstart/clash-royale.js';
import { post, readSse, startFixture, type Fixture, type Frame } from './helpers.js';

const USERS = {
  a: { text: 'Build me a module for my Clash Royale stats, I am user alpha-3e9d.', module: 'clash-royale-stats' },
  b: { text: 'Build me a module for my Clash Royale stats, I am user bravo-71c2.', module: 'clash-royale-bravo' },
} as const;
type Who = keyof typeof USERS;
const BARRIER_TIMEOUT_MS = 15_000;

/** The model: the agent calls build_module with the user's words; each builder first drafts the buggy module, then repairs it. */
function concurrentScript(fx: ClashRoyaleFixtures, state: { barrierTimedOut: boolean }) {
  const draft = (who: Who, b: ClashRoyaleFixtures['buggy']) =>
    reply.toolCall('submit_module', { manifest: { ...b.manifest, name: USERS[who].module }, code: b.code, tests: b.tests });
  const builderCalls: Record<Who, number> = { a: 0, b: 0 };
  let arrived = 0;
  let release!: () => void;
  const bothBuilding = new Promise<void>((resolve) => {
    release = resolve;
    setTimeout(() => {
      state.barrierTimedOut = true;
      resolve();
    }, BARRIER_TIMEOUT_MS).unref();
  });
  return async (req: RecordedRequest): Promise<MockReply> => {
    const raw = req.rawBody;
    const who: Who | undefined = raw.includes('alpha-3e9d') ? 'a' : raw.includes('bravo-71c2') ? 'b' : undefined;
    if (!who) return reply.error(400, 'the test model cannot tell whose request this is');
    const tools: string[] = (req.body?.tools ?? []).map((t: { function: { name: string } }) => t.function.name);
    if (tools.includes('submit_module')) {
      if (isRepairRequest(req)) return draft(who, fx.fixed);
      // every candidate of the first generation gets the buggy draft
      if (builderCalls[who]++ === 0 && ++arrived === 2) release();
      await bothBuilding; // both builds are in flight before either gets its first draft
      return draft(who, fx.buggy);
    }
    const last = req.body.messages.at(-1);
    if (last.role === 'tool') return reply.text('Your module is built.');
    return reply.toolCall('build_module', { request: USERS[who].text });
  };
}

describe('express example: two users building modules at once', () => {
  let f: Fixture;
  let server: Server;
  let base: string;
  const state = { barrierTimedOut: false };
  const everything: ModuleEvent[] = [];

  beforeAll(async () => {
    f = await startFixture((fx) => concurrentScript(fx, state));
    f.graft.modules.on('event', (e) => everything.push(e)); // an admin view, not used by the API
    server = createExpressApp(f.graft).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await f.close();
  });

  const modules = (frames: Frame[]) => frames.filter((x) => x.event === 'module').map((x) => x.data as ModuleEvent);
  const done = (frames: Frame[]) => frames.find((x) => x.event === 'done')!.data;
  const other = (who: Who): Who => (who === 'a' ? 'b' : 'a');
  const threads: Partial<Record<Who, { threadId: string; interruptId: string; runId: string; bundleHash: string }>> = {};

  function assertOwn(who: Who, raw: string, frames: Frame[], threadId: string): string {
    const own = modules(frames);
    expect(own.length).toBeGreaterThan(0);
    expect(raw).not.toContain(USERS[other(who)].text);
    expect(raw).not.toContain(other(who) === 'a' ? 'alpha-3e9d' : 'bravo-71c2');
    expect(raw).not.toContain(USERS[other(who)].module);
    for (const e of own) expect(e.threadId).toBe(threadId);
    const runIds = new Set(own.map((e) => e.runId));
    expect(runIds.size).toBe(1);
    const [runId] = runIds;
    expect(typeof runId).toBe('string');
    return runId!;
  }

  it('POST /chat for both at once: each stream has its whole build and nothing of the other', async () => {
    const [a, b] = await Promise.all(
      (['a', 'b'] as const).map(async (who) => ({ who, ...(await readSse(await post(`${base}/chat`, { message: USERS[who].text }))) })),
    );
    expect(state.barrierTimedOut).toBe(false); // the two builds really overlapped
    for (const s of [a!, b!]) {
      const end = done(s.frames);
      expect(end).toMatchObject({ status: 'interrupted', interrupt: { request: { type: 'module_approval', data: { module: USERS[s.who].module } } } });
      const types = modules(s.frames).map((e) => e.type);
      expect(types).toEqual(expect.arrayContaining(['module.generating', 'module.test', 'module.repairing', 'module.validated', 'module.awaiting_approval']));
      expect(modules(s.frames).find((e) => e.type === 'module.generating')).toMatchObject({ request: USERS[s.who].text });
      const runId = assertOwn(s.who, s.raw, s.frames, end.threadId);
      threads[s.who] = { threadId: end.threadId, interruptId: end.interrupt.id, runId, bundleHash: end.interrupt.request.data.bundleHash };
    }
    expect(threads.a!.threadId).not.toBe(threads.b!.threadId);
    expect(threads.a!.runId).not.toBe(threads.b!.runId);
  });

  it('approving both at once: install progress goes to each approver only, under the resumed run', async () => {
    const streams = await Promise.all(
      (['a', 'b'] as const).map(async (who) => {
        const t = threads[who]!;
        return {
          who,
          ...(await readSse(
            await post(`${base}/threads/${t.threadId}/approve`, { interruptId: t.interruptId, approved: true, by: `user-${who}`, bundleHash: t.bundleHash }),
          )),
        };
      }),
    );
    for (const s of streams) {
      const t = threads[s.who]!;
      expect(done(s.frames)).toMatchObject({
        status: 'interrupted',
        interrupt: { request: { type: 'module_credentials', data: { module: USERS[s.who].module } } },
      });
      expect(modules(s.frames).map((e) => e.type)).toEqual(['module.approved', 'module.awaiting_credentials']);
      expect(modules(s.frames).every((e) => (e as { name?: string }).name === USERS[s.who].module)).toBe(true);
      const runId = assertOwn(s.who, s.raw, s.frames, t.threadId);
      expect(runId).not.toBe(t.runId); // the resumed run, not the one that built
    }
  });

  it("the manager's global listener saw both builds, each event stamped with the thread that caused it", () => {
    expect(everything.length).toBeGreaterThan(0);
    for (const e of everything) {
      expect(e.threadId === threads.a!.threadId || e.threadId === threads.b!.threadId).toBe(true);
      const text = JSON.stringify(e);
      if (text.includes('alpha-3e9d') || text.includes(USERS.a.module)) expect(e.threadId).toBe(threads.a!.threadId);
      if (text.includes('bravo-71c2') || text.includes(USERS.b.module)) expect(e.threadId).toBe(threads.b!.threadId);
    }
  });
});
