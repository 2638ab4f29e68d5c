/**
 * Generation, repair and the build loop over real HTTP: `openaiCompatible` against the
 * providers' mock server, with the real sandbox validating the drafts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openaiCompatible } from '@graft/providers';
import { createMockServer, reply, type MockServer } from '@graft/providers/testing';
import { createSandbox, type Sandbox } from '@graft/sandbox';
import { generateDrafts } from '../src/build/generate/generate.js';
import type { BuildDeps } from '../src/build/deps.js';
import { ModuleOutputError } from '../src/build/generate/parse.js';
import { guestGlobalsDoc } from '../src/build/generate/prompt.js';
import { repairDraft } from '../src/build/repair.js';
import { buildModuleLoop } from '../src/build/loop.js';
import type { ModuleBundle, ModuleEvent } from '../src/types.js';
import { validateDraft } from '../src/build/validate/validate.js';
import { loadClashRoyaleFixtures } from '../../../examples/shared/clash-royale/load.js';

const fx = loadClashRoyaleFixtures();
const submit = (b: ModuleBundle) => reply.toolCall('submit_module', { manifest: b.manifest, code: b.code, tests: b.tests });

let server: MockServer;
let sandbox: Sandbox;
let events: ModuleEvent[];

function deps(): BuildDeps {
  return {
    provider: openaiCompatible({ baseURL: server.url, apiKey: 'k', model: 'mock-coder', maxRetries: 0 }),
    sandbox,
    emit: (e) => events.push(e),
    limits: { timeMs: 2_000 },
  };
}

beforeAll(async () => {
  server = await createMockServer();
  sandbox = await createSandbox();
});
afterAll(async () => {
  await server?.close();
  await sandbox?.dispose();
});
beforeEach(() => {
  server.reset();
  events = [];
});

describe('generateDrafts', () => {
  it('sends the contract, ctx API, guest globals, example, request and docs, and reads the submit_module call', async () => {
    server.setScript([submit(fx.fixed)]);
    const { draft, candidates } = await generateDrafts(deps(), {
      request: 'Build a Clash Royale stats module',
      docs: 'GET /v1/players/{playerTag} returns the player.',
    });
    expect(candidates).toHaveLength(1);
    expect(draft).toMatchObject({ request: 'Build a Clash Royale stats module', round: 0, confidence: 1 });
    expect(draft.bundle.code).toBe(fx.fixed.code);

    const body = server.chatRequests[0]!.body;
    expect(body.tools.map((t: { function: { name: string } }) => t.function.name)).toEqual(['submit_module']);
    const system = body.messages[0].content as string;
    expect(system).toContain('export const tools');
    expect(system).toContain('ctx.fetch(url');
    expect(system).toContain('ctx.secret(NAME)');
    expect(system).toContain('ctx.log(message)');
    expect(system).toContain(guestGlobalsDoc());
    expect(system).toContain('github-repos'); // the example module
    const user = body.messages[1].content as string;
    expect(user).toContain('Build a Clash Royale stats module');
    expect(user).toContain('GET /v1/players/{playerTag}');
    expect(events.map((e) => e.type).filter((t) => t !== 'module.progress')).toEqual(['module.generating', 'module.generated']);
    expect(body.stream).toBe(true);
  });

  it('streams generation: a slow model that keeps writing is not cut off by the timeout, and progress is reported', async () => {
    // 2 ms between chunks and several KB of tool-call arguments in 8-char pieces: seconds in
    // total, far beyond the 400 ms timeout, which therefore only limits the silence between chunks.
    server.setScript([{ ...submit(fx.fixed), chunkDelayMs: 2 }]);
    const provider = openaiCompatible({ baseURL: server.url, model: 'slow-heavy', timeoutMs: 400, maxRetries: 0 });
    const started = performance.now();
    const { draft } = await generateDrafts({ ...deps(), provider }, { request: 'Build a Clash Royale stats module' });
    const took = performance.now() - started;
    expect(draft.bundle.code).toBe(fx.fixed.code);
    expect(took).toBeGreaterThan(400);
    const progress = events.filter((e): e is Extract<ModuleEvent, { type: 'module.progress' }> => e.type === 'module.progress');
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress[0]).toMatchObject({ phase: 'generate', outputChars: 0, done: false, attempt: 0 });
    expect(progress.at(-1)).toMatchObject({ phase: 'generate', done: true });
    expect(progress.at(-1)!.outputChars).toBeGreaterThan(fx.fixed.code.length);
    const chars = progress.map((p) => p.outputChars);
    expect(chars).toEqual([...chars].sort((a, b) => a - b));
  });

  it('a model that goes silent times out on inactivity with a typed error', async () => {
    server.setScript([reply.hang()]);
    const provider = openaiCompatible({ baseURL: server.url, model: 'silent', timeoutMs: 300, maxRetries: 0 });
    const err = await generateDrafts({ ...deps(), provider }, { request: 'Build a Clash Royale stats module' }).catch((e) => e);
    expect(err).toMatchObject({ code: 'TIMEOUT' });
  });

  it('accepts a model that answers in a fenced block instead of a tool call', async () => {
    server.setScript([reply.text(`Here you go:\n\`\`\`json\n${JSON.stringify(fx.fixed)}\n\`\`\``)]);
    const { draft } = await generateDrafts(deps(), { request: 'clash royale' });
    expect(draft.bundle.manifest.name).toBe('clash-royale-stats');
  });

  it('sends unreadable output back to the model with the reason, then uses the corrected reply', async () => {
    server.setScript([reply.text('Sure, I will build it. It will be great.'), submit(fx.fixed)]);
    const { draft } = await generateDrafts(deps(), { request: 'clash royale' });
    expect(draft.bundle.manifest.name).toBe('clash-royale-stats');
    expect(server.chatRequests).toHaveLength(2);
    const feedback = server.chatRequests[1]!.body.messages.at(-1);
    expect(feedback.role).toBe('user');
    expect(feedback.content).toMatch(/could not be read: The reply contained no module\. Call submit_module/);
  });

  it('invalid tool-call JSON gets a tool error result naming the problem', async () => {
    server.setScript([reply.toolCall('submit_module', '{"manifest": {"name": "x"'), submit(fx.fixed)]);
    const { draft } = await generateDrafts(deps(), { request: 'clash royale' });
    expect(draft.bundle.manifest.name).toBe('clash-royale-stats');
    const msgs = server.chatRequests[1]!.body.messages;
    const toolMsg = msgs.find((m: { role: string }) => m.role === 'tool');
    expect(toolMsg.content).toMatch(/not valid JSON/);
  });

  it('output that never becomes a module ends in a typed ModuleOutputError (no crash)', async () => {
    server.setScript([reply.text('no'), reply.text('still no'), reply.text('never')]);
    const err = await generateDrafts(deps(), { request: 'clash royale' }).catch((e) => e);
    expect(err).toBeInstanceOf(ModuleOutputError);
    expect(err.code).toBe('MODULE_INVALID_BUNDLE');
    expect(err.message).toMatch(/after 3 attempts/);
  });

  it('an empty request is a typed error before any model call', async () => {
    await expect(generateDrafts(deps(), { request: '  ' })).rejects.toMatchObject({ code: 'MODULE_INVALID_BUNDLE' });
    expect(server.chatRequests).toHaveLength(0);
  });

  it('with candidates: validates all, prefers tests passed, then execution agreement (reported as confidence)', async () => {
    // Two candidates agree; a third passes its own tests but computes the win rate differently.
    const odd = structuredClone(fx.fixed);
    odd.code = odd.code.replace('winRate: games ?', 'winRate: games && p.wins !== 5231 ?');
    odd.tests = odd.tests.map((t) =>
      t.name === 'getPlayer returns the stats of #8QJ2UYRC' ? { ...t, expect: { ...(t.expect as object), winRate: null } } : t,
    );
    const buggy = fx.buggy;
    server.setScript([submit(odd), submit(fx.fixed), submit(fx.fixed), submit(buggy)]);
    const { draft, candidates } = await generateDrafts(deps(), { request: 'clash royale', candidates: 4 });
    expect(candidates).toHaveLength(4);
    for (const c of candidates) expect(c.report).toBeDefined();
    const passing = candidates.filter((c) => c.report!.passed);
    expect(passing).toHaveLength(3); // odd, fixed, fixed
    expect(draft.bundle.code).toBe(fx.fixed.code);
    expect(draft.report!.passed).toBe(true);
    const oddCandidate = candidates.find((c) => c.bundle.code === odd.code)!;
    expect(draft.confidence!).toBeGreaterThan(oddCandidate.confidence!);
    expect(draft.confidence!).toBeGreaterThan(0);
    expect(draft.confidence!).toBeLessThanOrEqual(1);
    // Every request sampled with temperature for diversity.
    for (const r of server.chatRequests) expect(r.body.temperature).toBeGreaterThan(0);
  });
});

describe('repairDraft', () => {
  it('gives the model the failing cases with input, expected, actual and error, and returns round + 1', async () => {
    const draft = { bundle: fx.buggy, request: 'clash royale', round: 0 };
    const report = await validateDraft(deps(), draft);
    expect(report.passed).toBe(false);
    server.setScript([submit(fx.fixed)]);
    const next = await repairDraft(deps(), draft, report);
    expect(next.round).toBe(1);
    expect(next.bundle.code).toBe(fx.fixed.code);
    const prompt = server.chatRequests[0]!.body.messages.at(-1).content as string;
    expect(prompt).toMatch(/^Validation failed/);
    expect(prompt).toContain('### Case "getPlayer returns the stats of #8QJ2UYRC" (tools.getPlayer.run)');
    expect(prompt).toContain('input: {"tag":"#8QJ2UYRC"}');
    expect(prompt).toMatch(/expected: \{"tag":"#8QJ2UYRC"/);
    expect(prompt).toMatch(/error: [A-Z_]+: /);
    // The model also sees its previous module.
    const previous = server.chatRequests[0]!.body.messages.at(-2).content as string;
    expect(previous).toContain("'/players/' + input.tag");
  });
});

describe('buildModuleLoop', () => {
  it('generate → validate (fails) → repair → validate (passes)', async () => {
    server.setScript([submit(fx.buggy), submit(fx.fixed)]);
    const seen: ModuleEvent[] = [];
    const out = await buildModuleLoop(deps(), { request: 'clash royale', onEvent: (e) => seen.push(e) });
    expect(out).toMatchObject({ passed: true, rounds: 1 });
    expect(out.history.map((r) => r.passed)).toEqual([false, true]);
    expect(out.draft.round).toBe(1);
    expect(seen.filter((e) => e.type === 'module.repairing')).toEqual([{ type: 'module.repairing', name: 'clash-royale-stats', round: 1 }]);
    expect(seen.filter((e) => e.type === 'module.validated').map((e) => (e as { passed: boolean }).passed)).toEqual([false, true]);
    expect(events.map((e) => e.type)).toEqual(seen.map((e) => e.type));
  });

  it('stops early when a repair fails exactly like the previous round', async () => {
    server.setScript([submit(fx.buggy), submit(fx.buggy), submit(fx.fixed)]);
    const out = await buildModuleLoop(deps(), { request: 'clash royale', maxRounds: 3 });
    expect(out).toMatchObject({ passed: false, rounds: 1, stopReason: 'repeated_failure' });
    expect(server.chatRequests).toHaveLength(2);
  });

  it('stops after maxRounds when every round fails differently', async () => {
    const variants = [1, 2, 3].map((n) => {
      const b = structuredClone(fx.buggy);
      // Each variant requests a different wrong URL, so each round fails differently.
      b.code = b.code.replace("/v1';", `/v${n + 1}';`);
      return b;
    });
    server.setScript([submit(fx.buggy), ...variants.map(submit)]);
    const out = await buildModuleLoop(deps(), { request: 'clash royale', maxRounds: 2 });
    expect(out).toMatchObject({ passed: false, rounds: 2, stopReason: 'max_rounds' });
    expect(server.chatRequests).toHaveLength(3);
  });
});
