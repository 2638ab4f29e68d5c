/**
 * Execution agreement on by default: a `ModuleManager` samples `DEFAULT_CANDIDATES` candidates
 * over real HTTP (the providers' mock server) and the real sandbox, picks the winner by tests
 * passed then agreement, lowers k to fit the candidate budget, and repairs from the candidates'
 * disagreement when the confidence is low.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createStore } from '@graft/core';
import { openaiCompatible, type PriceTable } from '@graft/providers';
import { createMockServer, reply, type MockServer, type RecordedRequest } from '@graft/providers/testing';
import { createSandbox, type Sandbox } from '@graft/sandbox';
import { DEFAULT_CANDIDATES, ModuleManager, type ModuleBundle, type ModuleEvent, type ModuleManagerLimits } from '../src/index.js';
import { isModuleAuthorRequest, isRepairRequest, scriptedModuleAuthor, type ModuleAuthorPlan } from '../src/testing/index.js';
import { estimateCandidateTokens } from '../src/build/budget.js';
import { buildGenerationMessages } from '../src/build/generate/prompt.js';
import { DISAGREEMENT_MESSAGE_PREFIX } from '../src/build/disagreement.js';
import { draftSummary } from '../src/agent/meta-tools-format.js';
import { loadClashRoyaleFixtures } from '../../../examples/shared/clash-royale/load.js';

const fx = loadClashRoyaleFixtures();
const REQUEST = 'Build a Clash Royale stats module';
const MAIN_CASE = 'getPlayer returns the stats of #8QJ2UYRC';

/**
 * The planted wrong candidate: it computes the win rate wrongly for this player, and its own
 * tests expect exactly that (so it passes them), plus an extra passing test (more tests passed
 * than the others, which must not make it win).
 */
function plantedWrong(): ModuleBundle {
  const odd = structuredClone(fx.fixed);
  odd.code = odd.code.replace('winRate: games ?', 'winRate: games && p.wins !== 5231 ?');
  odd.tests = odd.tests.map((t) => (t.name === MAIN_CASE ? { ...t, expect: { ...(t.expect as object), winRate: null } } : t));
  const extra = odd.tests.find((t) => t.name === MAIN_CASE)!;
  odd.tests.push({ ...extra, name: 'getPlayer again for #8QJ2UYRC' });
  return odd;
}

/** The right module without the test of the input the planted candidate disagrees on. */
function rightWithoutMainCase(): ModuleBundle {
  const b = structuredClone(fx.fixed);
  b.tests = b.tests.filter((t) => t.name !== MAIN_CASE);
  return b;
}

let server: MockServer;
let sandbox: Sandbox;
let events: ModuleEvent[];

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

async function manager(limits: Partial<ModuleManagerLimits> = {}, prices?: PriceTable) {
  const m = new ModuleManager({
    store: await createStore(),
    sandbox,
    provider: openaiCompatible({ baseURL: server.url, apiKey: 'k', model: 'coder', maxRetries: 0, ...(prices ? { prices } : {}) }),
    vault: { key: randomBytes(32) },
    limits: { run: { timeMs: 5_000 }, ...limits },
  });
  m.on('event', (e) => events.push(e));
  return m;
}

function script(plan: ModuleAuthorPlan, usage?: { prompt: number; completion: number }) {
  const author = scriptedModuleAuthor(plan);
  server.setScript((req) => {
    const r = author(req);
    if (!r) return reply.text('not a module request');
    return usage ? { ...r, usage } : r;
  });
  return author;
}

const generationRequests = (): RecordedRequest[] =>
  server.requests.filter((r) => r.path === '/v1/chat/completions' && isModuleAuthorRequest(r) && !isRepairRequest(r));
const repairRequests = (): RecordedRequest[] => server.requests.filter((r) => r.path === '/v1/chat/completions' && isRepairRequest(r));
const lastUser = (r: RecordedRequest): string => [...r.body.messages].reverse().find((m: { role: string }) => m.role === 'user').content;

describe('candidates by default', () => {
  it(`samples DEFAULT_CANDIDATES (${DEFAULT_CANDIDATES}) candidates with temperature; the planted wrong one passes its own tests but loses on agreement`, async () => {
    const odd = plantedWrong();
    script({ generate: [odd, fx.fixed, fx.fixed] });
    const draft = await (await manager()).generate({ request: REQUEST });
    expect(generationRequests()).toHaveLength(DEFAULT_CANDIDATES);
    for (const r of generationRequests()) expect(r.body.temperature).toBeGreaterThan(0);
    // every candidate passed its own tests (the planted one has more of them)
    const validated = events.filter((e): e is Extract<ModuleEvent, { type: 'module.validated' }> => e.type === 'module.validated');
    expect(validated.map((e) => e.passed)).toEqual([true, true, true]);
    expect(Math.max(...validated.map((e) => e.testsPassed))).toBe(odd.tests.filter((t) => !t.live).length);
    // validations run side by side; each validation event names its candidate, so a UI can tell them apart
    expect(validated.map((e) => e.candidate).sort()).toEqual([0, 1, 2]);
    const planted = validated.find((e) => e.testsPassed === odd.tests.filter((t) => !t.live).length)!;
    const plantedTests = events.filter(
      (e): e is Extract<ModuleEvent, { type: 'module.test' }> => e.type === 'module.test' && e.candidate === planted.candidate,
    );
    expect(plantedTests).toHaveLength(planted.testsPassed);
    expect(
      events
        .filter((e) => e.type === 'module.validating')
        .map((e) => (e as { candidate?: number }).candidate)
        .sort(),
    ).toEqual([0, 1, 2]);
    expect(draft.bundle.code).toBe(fx.fixed.code);
    expect(draft.candidates).toBe(3);
    expect(draft.confidence!).toBeLessThan(1);
    expect(draft.confidence!).toBeGreaterThan(0.5);
    // the inputs the candidates disagree on, with the winner's output first and the planted one's after
    const main = draft.disagreements!.find((d) => (d.input as { tag: string }).tag === '#8QJ2UYRC' && d.tool === 'getPlayer')!;
    expect(main.outputs).toHaveLength(2);
    expect(main.outputs[0]!.candidates).toHaveLength(2);
    expect(main.outputs[0]!.output).toMatch(/^returns .*"winRate":\d/);
    expect(main.outputs[1]!.output).toMatch(/^returns .*"winRate":null/);
  });

  it('k = 1 stays possible: limits.candidates: 1, or candidates: 1 on one call', async () => {
    script({ generate: fx.fixed });
    const one = await (await manager({ candidates: 1 })).generate({ request: REQUEST });
    expect(generationRequests()).toHaveLength(1);
    expect(generationRequests()[0]!.body.temperature).toBeUndefined();
    expect(one.confidence).toBe(1);
    expect(one.candidates).toBeUndefined();

    server.reset();
    script({ generate: fx.fixed });
    const outcome = await (await manager()).build({ request: REQUEST, candidates: 1 });
    expect(outcome.passed).toBe(true);
    expect(generationRequests()).toHaveLength(1);
  });
});

describe('candidate budget', () => {
  it('a token budget for two estimated candidates samples two; one below a single candidate samples one', async () => {
    const perCandidate = estimateCandidateTokens(buildGenerationMessages({ request: REQUEST }));
    script({ generate: fx.fixed });
    const draft = await (await manager({ candidateBudget: { maxTokens: 2 * perCandidate + perCandidate / 2 } })).generate({ request: REQUEST });
    expect(generationRequests()).toHaveLength(2);
    expect(draft.candidates).toBe(2);

    server.reset();
    script({ generate: fx.fixed });
    await (await manager({ candidateBudget: { maxTokens: perCandidate - 1 } })).generate({ request: REQUEST });
    expect(generationRequests()).toHaveLength(1);
  });

  it('a cost budget samples the first candidate alone, then as many more as its real cost allows', async () => {
    // 1,000 + 1,000 tokens at $1,000 per million each way: $2 per candidate; $5 buys two
    script({ generate: fx.fixed }, { prompt: 1_000, completion: 1_000 });
    const prices: PriceTable = { coder: { inputPerMTok: 1_000, outputPerMTok: 1_000 } };
    const draft = await (await manager({ candidates: 4, candidateBudget: { maxCostUsd: 5 } }, prices)).generate({ request: REQUEST });
    expect(generationRequests()).toHaveLength(2);
    expect(draft.candidates).toBe(2);
    const generating = events
      .filter((e) => e.type === 'module.generating' || e.type === 'module.generated')
      .map((e) => `${e.type}:${(e as { candidate?: number }).candidate}`);
    // the second candidate was asked for only once the first had answered
    expect(generating.indexOf('module.generating:1')).toBeGreaterThan(generating.indexOf('module.generated:0'));
  });
});

describe('repair from disagreement', () => {
  it('low confidence sends the differing inputs with every output; the model adds them as test cases, bounded rounds', async () => {
    const partial = rightWithoutMainCase();
    // round 1: the model resubmits without deciding the input; round 2: it adds the test case
    const author = script({ generate: [plantedWrong(), partial, partial], repair: [partial, fx.fixed] });
    const outcome = await (await manager()).build({ request: REQUEST });
    expect(outcome.passed).toBe(true);
    expect(author.generated).toBe(3);
    expect(author.repaired).toBe(2);

    const rounds = events.filter((e): e is Extract<ModuleEvent, { type: 'module.disagreement' }> => e.type === 'module.disagreement');
    expect(rounds.map((e) => e.round)).toEqual([1, 2]);
    expect(rounds[0]).toMatchObject({ name: 'clash-royale-stats', candidates: 3 });
    expect(rounds[0]!.confidence).toBeLessThan(0.9);
    expect(rounds[1]!.inputs).toBe(1); // only the input still without a test case
    expect(rounds[0]!.inputs).toBeGreaterThanOrEqual(rounds[1]!.inputs);

    const prompts = repairRequests().map(lastUser);
    expect(prompts).toHaveLength(2);
    for (const p of prompts) {
      expect(p.startsWith(DISAGREEMENT_MESSAGE_PREFIX)).toBe(true);
      expect(p).toContain('tools.getPlayer.run({"tag":"#8QJ2UYRC"})');
      expect(p).toMatch(/your module and 1 other candidate\(s\): returns .*"winRate":\d/);
      expect(p).toMatch(/1 other candidate\(s\): returns .*"winRate":null/);
      expect(p).toContain('http fixtures:');
    }
    // the differing input is now a test case of the module, and it passes
    const decided = outcome.draft.bundle.tests.find((t) => t.entry === 'tools.getPlayer.run' && (t.input as { tag?: string }).tag === '#8QJ2UYRC' && !t.live)!;
    expect(decided).toBeDefined();
    expect(outcome.report.tests!.results.find((r) => r.name === decided.name)!.passed).toBe(true);
    expect(outcome.disagreement).toEqual({ inputs: rounds[0]!.inputs, rounds: 2, undecided: 0 });
    expect(outcome.draft.confidence).toBe(rounds[0]!.confidence);

    // and the approval shows it
    const summary = draftSummary(
      outcome.draft.bundle,
      'h',
      { passed: 4, failed: 0 },
      { confidence: outcome.draft.confidence!, candidates: 3, disagreement: { inputs: 2, undecided: 0 } },
    );
    expect(summary.digest).toContain(
      `confidence: ${Math.round(outcome.draft.confidence! * 100)}% agreement among 3 candidates on the outputs; they disagreed on 2 input(s), 2 now decided by test cases`,
    );
    expect(summary.candidates).toBe(3);
  });

  it('confidence at or above minConfidence (or disagreementRounds: 0) repairs nothing', async () => {
    script({ generate: [plantedWrong(), fx.fixed, fx.fixed] });
    const outcome = await (await manager({ minConfidence: 0.5 })).build({ request: REQUEST });
    expect(outcome.passed).toBe(true);
    expect(repairRequests()).toHaveLength(0);
    expect(outcome.disagreement).toBeUndefined();
    expect(events.some((e) => e.type === 'module.disagreement')).toBe(false);

    server.reset();
    script({ generate: [plantedWrong(), fx.fixed, fx.fixed] });
    const off = await (await manager({ disagreementRounds: 0 })).build({ request: REQUEST });
    expect(off.draft.bundle.code).toBe(fx.fixed.code);
    expect(repairRequests()).toHaveLength(0);
  });
});
