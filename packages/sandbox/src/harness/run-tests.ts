/**
 * The in-sandbox test harness: declarative cases run in fresh contexts with `ctx.fetch`
 * answered from fixtures by the host (same allowlist and secret semantics as live).
 */
import type { FetchCapability, Limits, TestCase, TestCaseResult, TestReport, TestRunOptions } from '../types.js';
import type { RunJob, RunOutcome } from '../worker/protocol.js';
import { isIpLiteral } from '../host/addresses.js';
import { serializeInput } from '../json-boundary.js';
import { matchesExpectation } from './match.js';

/** Runs one job on the pool (provided by the sandbox). */
export type JobRunner = (job: Omit<RunJob, 'deadline'>, signal?: AbortSignal) => Promise<RunOutcome>;

/** The fetch capability of a case: the given allowlist, or the fixtures' hosts. */
function capabilityFor(tc: TestCase, options: TestRunOptions): FetchCapability {
  const urls: URL[] = [];
  for (const f of tc.http ?? []) {
    try {
      urls.push(new URL(f.request.url));
    } catch {
      // an invalid fixture URL can never match
    }
  }
  return {
    allowHosts: options.allowHosts ?? [...new Set(urls.map((u) => u.host))],
    secrets: options.secrets,
    allowInsecureHttp: urls.some((u) => u.protocol === 'http:'),
    allowPrivateNetwork: urls.some((u) => isIpLiteral(u.hostname)),
  };
}

const show = (v: unknown) => {
  const s = JSON.stringify(v);
  return s === undefined ? 'undefined' : s.length > 200 ? `${s.slice(0, 200)}…` : s;
};

/** Judges one case from its run outcome. */
function judge(tc: TestCase, outcome: RunOutcome): Omit<TestCaseResult, 'name' | 'durationMs'> {
  const base = { ...(tc.expect !== undefined ? { expected: tc.expect } : {}), ...(outcome.ok ? { actual: outcome.value } : {}) };
  if (outcome.unmatched !== undefined) {
    return { ...base, passed: false, error: { code: 'UNMATCHED_REQUEST', message: outcome.unmatched } };
  }
  if (tc.expectError !== undefined) {
    if (outcome.ok) {
      return { ...base, passed: false, error: { code: 'EXPECTATION_FAILED', message: `expected the call to throw, but it returned ${show(outcome.value)}` } };
    }
    const err = outcome.error!;
    if (err.code !== 'GUEST_ERROR' && err.code !== 'CAPABILITY_DENIED') return { ...base, passed: false, error: err };
    if (tc.expectError !== true && !err.message.includes(tc.expectError.message)) {
      return {
        ...base,
        passed: false,
        error: { code: 'EXPECTATION_FAILED', message: `expected an error containing ${show(tc.expectError.message)}, got ${show(err.message)}` },
      };
    }
    return { ...base, passed: true };
  }
  if (!outcome.ok) return { ...base, passed: false, error: outcome.error };
  if (tc.expect !== undefined && !matchesExpectation(outcome.value, tc.expect)) {
    return { ...base, passed: false, error: { code: 'EXPECTATION_FAILED', message: `expected ${show(tc.expect)}, got ${show(outcome.value)}` } };
  }
  return { ...base, passed: true };
}

/**
 * Runs the cases, each in a fresh context, up to `concurrency` at a time (the sandbox passes its
 * worker count, so a pool of several workers runs cases in parallel), and reports per case in
 * the order given.
 */
export async function runTestCases(
  run: JobRunner,
  source: string,
  cases: readonly TestCase[],
  options: TestRunOptions,
  limits: Limits,
  concurrency = 1,
): Promise<TestReport> {
  const results: TestCaseResult[] = new Array(cases.length);
  const runCase = async (tc: TestCase): Promise<TestCaseResult> => {
    const started = performance.now();
    let result: Omit<TestCaseResult, 'name' | 'durationMs'>;
    try {
      const outcome = await run(
        {
          source,
          entryPath: String(tc.entry ?? 'default').split('.'),
          inputJson: serializeInput(tc.input),
          limits,
          log: true,
          fetch: capabilityFor(tc, options),
          fixtures: tc.http ?? [],
        },
        options.signal,
      );
      result = judge(tc, outcome);
    } catch (error) {
      result = { passed: false, error: { code: 'GUEST_ERROR', message: error instanceof Error ? error.message : 'invalid test case' } };
    }
    return { name: tc.name, ...result, durationMs: performance.now() - started };
  };
  let next = 0;
  const lane = async () => {
    while (next < cases.length) {
      const index = next++;
      results[index] = await runCase(cases[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, cases.length)) }, lane));
  const passed = results.filter((r) => r.passed).length;
  return { passed, failed: results.length - passed, results };
}
