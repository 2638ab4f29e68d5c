/**
 * `liveTest`: runs a module's `live: true` cases against the real API with the real
 * credentials, checks their `match` expectations, and records the exchanges (secrets
 * stripped) as offline regression cases.
 */
import type { Expectation, HttpFixture, JSONValue, RunResult } from '@graft/sandbox';
import { ModuleError } from './errors.js';
import { moduleCapabilities } from './manager-invoke.js';
import type { ManagerRuntime } from './manager-runtime.js';
import { scrubJson, textScrubber } from './manager-scrub.js';
import type { ModuleState, VersionRecord } from './registry.js';
import type { LiveCaseResult, LiveTestReport, ModuleTestCase } from './types.js';

/** Subset match: every member of `expected` is present and equal in `actual` (arrays element-wise). */
export function matchesSubset(actual: JSONValue | undefined, expected: JSONValue): boolean {
  if (expected === null || typeof expected !== 'object') return actual === expected;
  if (Array.isArray(expected)) return Array.isArray(actual) && expected.length <= actual.length && expected.every((e, i) => matchesSubset(actual[i], e));
  if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return false;
  return Object.entries(expected).every(([k, v]) => matchesSubset((actual as Record<string, JSONValue>)[k], v));
}

function meets(expect: Expectation | undefined, actual: JSONValue): boolean {
  if (expect === undefined) return true;
  if (expect && typeof expect === 'object' && !Array.isArray(expect) && 'match' in expect && Object.keys(expect).length === 1)
    return matchesSubset(actual, (expect as { match: JSONValue }).match);
  return JSON.stringify(actual) === JSON.stringify(expect) || matchesSubset(actual, expect as JSONValue) && matchesSubset(expect as JSONValue, actual);
}

function judge(c: ModuleTestCase, r: RunResult, scrub: (t: string) => string): Omit<LiveCaseResult, 'durationMs'> {
  if (c.expectError) {
    if (r.ok) return { name: c.name, passed: false, actual: scrubJson(r.value, scrub), error: { code: 'EXPECTATION_FAILED', message: 'the call was expected to throw but returned a value' } };
    const want = typeof c.expectError === 'object' ? c.expectError.message : undefined;
    const passed = r.error.code === 'GUEST_ERROR' && (!want || r.error.message.includes(want));
    return { name: c.name, passed, error: { code: r.error.code, message: scrub(r.error.message) } };
  }
  if (!r.ok) return { name: c.name, passed: false, error: { code: r.error.code, message: scrub(r.error.message) } };
  const actual = scrubJson(r.value, scrub);
  return meets(c.expect, r.value)
    ? { name: c.name, passed: true, actual }
    : { name: c.name, passed: false, actual, error: { code: 'EXPECTATION_FAILED', message: `the result does not match ${JSON.stringify(c.expect)}` } };
}

/** Exchanges of a run, when the sandbox reports them. */
function exchangesOf(r: RunResult): HttpFixture[] | undefined {
  const x = (r as { exchanges?: HttpFixture[] }).exchanges;
  return Array.isArray(x) ? x : undefined;
}

/** A regression case from a passed live case: the recorded exchanges as fixtures, the output as expectation. */
function regressionCase(c: ModuleTestCase, r: RunResult, scrub: (t: string) => string): ModuleTestCase | undefined {
  const exchanges = exchangesOf(r);
  if (!r.ok || !exchanges) return undefined;
  const http = exchanges.map((x) => scrubJson(x as unknown as JSONValue, scrub) as unknown as HttpFixture);
  const { live: _live, ...rest } = c;
  return { ...rest, name: `${c.name} (recorded)`, http, expect: scrubJson(r.value, scrub) };
}

/**
 * Runs the live cases of the module's active version.
 * @throws {ModuleError} `MODULE_NOT_FOUND`, `MODULE_CREDENTIALS_MISSING`.
 */
export async function runLiveTest(rt: ManagerRuntime, state: ModuleState, version: VersionRecord): Promise<{ report: LiveTestReport; recorded: ModuleTestCase[] }> {
  const name = state.name;
  const missing = await rt.vault.missing(name, state.manifest.credentials.map((c) => c.name));
  if (missing.length)
    throw new ModuleError('MODULE_CREDENTIALS_MISSING', `Module "${name}" needs credentials before a live test: ${missing.join(', ')}. Call setCredentials("${name}", { ... }) first.`, {
      moduleName: name,
    });
  rt.emit({ type: 'module.live_testing', name });
  const cases = version.bundle.tests.filter((c) => c.live);
  const [code, { capabilities, secrets }, sandbox] = await Promise.all([rt.code(state), moduleCapabilities(rt, state), rt.sandbox()]);
  const scrub = textScrubber(secrets);
  const results: LiveCaseResult[] = [];
  const recorded: ModuleTestCase[] = [];
  for (const c of cases) {
    const started = performance.now();
    const r = await sandbox.run(code, { entry: c.entry, ...(c.input !== undefined ? { input: c.input } : {}), capabilities, ...(rt.runLimits ? { limits: rt.runLimits } : {}) });
    const result = { ...judge(c, r, scrub), durationMs: performance.now() - started };
    results.push(result);
    if (result.passed) {
      const rc = regressionCase(c, r, scrub);
      if (rc) recorded.push(rc);
    }
  }
  const passed = results.every((r) => r.passed);
  rt.emit({ type: 'module.live_tested', name, passed });
  return { report: { name, version: state.activeVersion, passed, results, recorded: passed ? recorded.length : 0 }, recorded: passed ? recorded : [] };
}
