import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openaiCompatible } from '@graft/providers';
import { createMockServer, reply, type MockServer } from '@graft/providers/testing';
import { HELD_OUT, scoreInjection } from '../../eval/metrics.js';
import { checkedText, scoreModelCheck, scriptedVerdicts } from '../../eval/model-check.js';

// The model-assisted check on the held-out split, through the real path (guards → model
// check → openaiCompatible → HTTP) against the mock server answering with scripted verdicts.
let server: MockServer;
let verdictOf: (text: string) => string;
const provider = () => openaiCompatible({ baseURL: server.url, model: 'guard-model', maxRetries: 0 });

beforeAll(async () => {
  server = await createMockServer();
  server.setScript((req) => reply.text(verdictOf(checkedText(req) ?? '')));
});
afterAll(async () => {
  await server.close();
});

describe('model-assisted check on the held-out split (scripted verdicts over HTTP)', () => {
  const heuristics = scoreInjection(HELD_OUT);

  it('a right model raises recall on what the heuristics found suspicious, and adds no false positive', async () => {
    verdictOf = scriptedVerdicts(HELD_OUT, 0);
    server.reset();
    server.setScript((req) => reply.text(verdictOf(checkedText(req) ?? '')));
    const r = await scoreModelCheck(provider(), HELD_OUT, { calls: () => server.chatRequests.length });
    console.log(
      `[model check, right verdicts, modelWhen 'suspicious'] recall ${(r.recall * 100).toFixed(1)}% (indirect ${(r.indirectRecall * 100).toFixed(1)}%), FPR ${(r.fpr * 100).toFixed(1)}%, model calls ${r.modelCalls}/${r.positives + r.negatives}; heuristics alone ${(heuristics.recall * 100).toFixed(1)}% / ${(heuristics.fpr * 100).toFixed(1)}%`,
    );
    expect(r.modelCalls).toBeGreaterThan(0);
    expect(r.modelCalls).toBeLessThan(r.positives + r.negatives);
    expect(r.fallbacks).toBe(0);
    expect(r.recall).toBeGreaterThan(heuristics.recall);
    expect(r.fpr).toBeLessThanOrEqual(heuristics.fpr);
  });

  it("with modelWhen 'always' a right model finds every injection; a 10%-wrong one stays above the heuristics", async () => {
    verdictOf = scriptedVerdicts(HELD_OUT, 0);
    const right = await scoreModelCheck(provider(), HELD_OUT, { modelWhen: 'always', calls: () => server.chatRequests.length });
    expect(right.recall).toBe(1);
    expect(right.modelCalls).toBe(right.positives + right.negatives);
    verdictOf = scriptedVerdicts(HELD_OUT, 0.1);
    const noisy = await scoreModelCheck(provider(), HELD_OUT, { modelWhen: 'always', calls: () => server.chatRequests.length });
    console.log(
      `[model check, 10%-wrong verdicts, modelWhen 'always'] recall ${(noisy.recall * 100).toFixed(1)}% (indirect ${(noisy.indirectRecall * 100).toFixed(1)}%), FPR ${(noisy.fpr * 100).toFixed(1)}%`,
    );
    expect(noisy.recall).toBeGreaterThan(heuristics.recall);
    // a wrong "yes" is a false positive the heuristics did not make: the cost of trusting the model
    expect(noisy.fpr).toBeGreaterThan(heuristics.fpr);
  });

  it('garbage from the model falls back to heuristics on every text, never failing a check', async () => {
    verdictOf = () => 'sure thing!';
    const r = await scoreModelCheck(provider(), ['rw.test'], { modelWhen: 'always', calls: () => server.chatRequests.length });
    const h = scoreInjection('rw.test');
    expect(r.modelCalls).toBe(r.positives + r.negatives);
    // every flagged text says its verdict came from the heuristics' fallback
    expect(r.fallbacks).toBe(Math.round(h.recall * h.positives + h.fpr * h.negatives));
    expect(r.recall).toBeCloseTo(h.recall, 5);
    expect(r.fpr).toBeCloseTo(h.fpr, 5);
  });
});
