import { describe, expect, it } from 'vitest';
import { ModuleOutputError } from '../src/build/generate/parse.js';
import { failureSignature, runBuildLoop, type BuildSteps } from '../src/build/loop.js';
import type { Draft, ModuleEvent, ValidationReport } from '../src/types.js';
import { EXAMPLE_MODULE } from '../src/build/generate/prompt-example.js';

// Pure-logic tests of the loop's control flow with in-process steps; the real generation,
// validation and repair are exercised end to end in e2e.test.ts.
function failing(message: string, actual: unknown = 1): ValidationReport {
  return {
    passed: false,
    bundleHash: 'h',
    issues: [{ kind: 'test', message, where: 'case' }],
    tests: {
      passed: 0,
      failed: 1,
      results: [{ name: 'case', passed: false, actual: actual as never, error: { code: 'EXPECTATION_FAILED', message }, durationMs: 1 }],
    },
    untestedTools: [],
    durationMs: 1,
  };
}
const passing: ValidationReport = { passed: true, bundleHash: 'h', issues: [], tests: { passed: 1, failed: 0, results: [] }, untestedTools: [], durationMs: 1 };

function steps(reports: ValidationReport[], repairError?: Error): BuildSteps & { repairs: number } {
  let v = 0;
  const s = {
    repairs: 0,
    generate: async ({ request }: { request: string }): Promise<Draft> => ({ bundle: EXAMPLE_MODULE, request, round: 0 }),
    validate: async () => reports[Math.min(v++, reports.length - 1)]!,
    repair: async (d: Draft): Promise<Draft> => {
      s.repairs++;
      if (repairError) throw repairError;
      return { ...d, round: d.round + 1 };
    },
  };
  return s;
}

describe('runBuildLoop', () => {
  it('stops as soon as a draft passes, emitting module.repairing with the round', async () => {
    const s = steps([failing('a'), failing('b'), passing]);
    const events: ModuleEvent[] = [];
    const out = await runBuildLoop(s, { request: 'x', onEvent: (e) => events.push(e) });
    expect(out.passed).toBe(true);
    expect(out.rounds).toBe(2);
    expect(out.draft.round).toBe(2);
    expect(out.history.map((r) => r.passed)).toEqual([false, false, true]);
    expect(events).toEqual([
      { type: 'module.repairing', name: 'github-repos', round: 1 },
      { type: 'module.repairing', name: 'github-repos', round: 2 },
    ]);
  });

  it('gives up after maxRounds (default 3)', async () => {
    const s = steps([failing('a'), failing('b'), failing('c'), failing('d'), failing('e')]);
    const out = await runBuildLoop(s, { request: 'x' });
    expect(out).toMatchObject({ passed: false, rounds: 3, stopReason: 'max_rounds' });
    expect(s.repairs).toBe(3);
  });

  it('stops early when two rounds fail identically', async () => {
    const s = steps([failing('a'), failing('same'), failing('same'), passing]);
    const out = await runBuildLoop(s, { request: 'x', maxRounds: 5 });
    expect(out).toMatchObject({ passed: false, rounds: 2, stopReason: 'repeated_failure' });
    expect(s.repairs).toBe(2);
  });

  it('an unreadable repair reply ends the loop with a typed reason instead of throwing', async () => {
    const s = steps([failing('a')], new ModuleOutputError('no module'));
    const out = await runBuildLoop(s, { request: 'x' });
    expect(out).toMatchObject({ passed: false, rounds: 1, stopReason: 'unreadable_output' });
    expect(out.error?.code).toBe('MODULE_INVALID_BUNDLE');
  });

  it('maxRounds 0 validates once and does not repair', async () => {
    const s = steps([failing('a')]);
    const out = await runBuildLoop(s, { request: 'x', maxRounds: 0 });
    expect(out).toMatchObject({ passed: false, rounds: 0, stopReason: 'max_rounds' });
    expect(s.repairs).toBe(0);
  });
});

describe('failureSignature', () => {
  it('is equal for identical failures and differs when the actual output differs', () => {
    expect(failureSignature(failing('x', { a: 1, b: 2 }))).toBe(failureSignature(failing('x', { b: 2, a: 1 })));
    expect(failureSignature(failing('x', 1))).not.toBe(failureSignature(failing('x', 2)));
  });
});
