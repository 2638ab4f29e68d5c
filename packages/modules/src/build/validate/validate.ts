/**
 * `validateDraft`: everything that decides whether a draft may be shown for approval. Static
 * checks (size, manifest, forbidden constructs, coverage), then the module compiled and its
 * exports read in the sandbox, then every offline test case really run in the sandbox with
 * its HTTP fixtures. A draft whose tests did not run has not passed.
 */
import type { Sandbox, TestCase, TestCaseResult, TestReport, TestRunOptions } from '@graft/sandbox';
import { VALIDATION_CHUNKS } from '../../limits.js';
import { bundleHash, snapshotBundle } from '../../format/bundle.js';
import { emitSafe, sandboxOf, type BuildDeps } from '../deps.js';
import { safeParseManifest } from '../../format/manifest.js';
import { toolOfEntry } from '../generate/parse.js';
import type { Draft, ModuleBundle, ModuleTestCase, ValidationIssue, ValidationReport } from '../../types.js';
import { checkExports, describeModule } from './exports.js';
import { checkLiveCases } from './live.js';
import { findForbiddenConstructs } from './static.js';
import { declaredHosts, declaredTestSecrets as declaredSecrets, testSecretValue } from './secrets.js';

export { testSecretValue };

function declaredToolNames(manifest: unknown): string[] {
  const tools = (manifest as { tools?: unknown } | null)?.tools;
  if (!Array.isArray(tools)) return [];
  return tools.map((t) => (t as { name?: unknown })?.name).filter((n): n is string => typeof n === 'string');
}

/** Issues about which tools the test cases cover; returns the offline cases that can run. */
function checkCoverage(tests: ModuleTestCase[], tools: string[]): { issues: ValidationIssue[]; runnable: ModuleTestCase[]; untested: string[] } {
  const issues: ValidationIssue[] = [];
  const runnable: ModuleTestCase[] = [];
  const covered = new Set<string>();
  const names = new Set<string>();
  for (const [i, c] of tests.entries()) {
    if (!c || typeof c !== 'object' || typeof c.name !== 'string' || !c.name) {
      issues.push({
        kind: 'coverage',
        message: `tests[${i}] must be an object with a "name", an "entry" ("tools.<toolName>.run") and an expectation`,
        where: `tests[${i}]`,
      });
      continue;
    }
    if (names.has(c.name)) issues.push({ kind: 'coverage', message: `duplicate test case name "${c.name}"; give every case a unique name`, where: c.name });
    names.add(c.name);
    const tool = typeof c.entry === 'string' ? toolOfEntry(c.entry) : undefined;
    if (!tool) {
      issues.push({ kind: 'coverage', message: `case "${c.name}" has entry "${String(c.entry)}"; it must be "tools.<toolName>.run"`, where: c.name });
      continue;
    }
    if (!tools.includes(tool)) {
      issues.push({
        kind: 'coverage',
        message: `case "${c.name}" references unknown tool "${tool}"; known tools: ${tools.join(', ') || '(none)'}`,
        where: c.name,
      });
      continue;
    }
    if (c.live) {
      if (c.http && c.http.length)
        issues.push({ kind: 'test', message: `live case "${c.name}" must not have http fixtures (it runs against the real API)`, where: c.name });
      continue;
    }
    if (c.expect === undefined && c.expectError === undefined) {
      issues.push({ kind: 'test', message: `case "${c.name}" asserts nothing; add "expect" (or { "match": … }) or "expectError"`, where: c.name });
      continue;
    }
    if (c.expect !== undefined && c.expectError !== undefined) {
      issues.push({ kind: 'test', message: `case "${c.name}" has both "expect" and "expectError"; keep one`, where: c.name });
      continue;
    }
    covered.add(tool);
    runnable.push(c);
  }
  const untested = tools.filter((t) => !covered.has(t));
  for (const t of untested)
    issues.push({ kind: 'coverage', message: `tool "${t}" has no offline test case; add one with http fixtures and an expectation`, where: t });
  return { issues, runnable, untested };
}

/**
 * Runs the cases as up to `VALIDATION_CHUNKS` concurrent `runTests` calls (a sandbox with several
 * workers runs them in parallel; with one worker they queue), merged back in case order.
 */
async function runInChunks(sandbox: Sandbox, code: string, cases: TestCase[], options: TestRunOptions): Promise<TestReport> {
  const chunks = Math.min(VALIDATION_CHUNKS, cases.length);
  if (chunks <= 1) return sandbox.runTests(code, cases, options);
  const size = Math.ceil(cases.length / chunks);
  const parts = await Promise.all(Array.from({ length: chunks }, (_, i) => sandbox.runTests(code, cases.slice(i * size, (i + 1) * size), options)));
  const results = parts.flatMap((p) => p.results);
  const passed = results.filter((r) => r.passed).length;
  return { passed, failed: results.length - passed, results };
}

function stripLive(c: ModuleTestCase): TestCase {
  const { live: _live, ...rest } = c;
  return rest;
}

/** Longest failure reason a `module.test` event carries (the model's repair report has it whole). */
const MODULE_TEST_REASON_MAX_CHARS = 500;

function describeFailure(r: TestCaseResult): string {
  if (r.error) return `${r.error.code}: ${r.error.message}`;
  return 'result did not match the expectation';
}

/**
 * Validates a draft (or a bare bundle) and returns a structured report the model can repair from.
 * `passed` is true only when there are no issues and every offline case ran and passed.
 * @throws {ModuleError} `MODULE_TOO_LARGE` / `MODULE_INVALID_BUNDLE` before any sandbox run when
 * the bundle is oversized or not a bundle at all.
 */
export async function validateDraft(deps: BuildDeps, draft: Draft | ModuleBundle): Promise<ValidationReport> {
  const started = performance.now();
  // Validate an immutable copy, hashed before the first await: the report's hash is the hash of
  // exactly the bundle whose tests ran, whatever the caller does to its object meanwhile.
  const bundle = snapshotBundle('bundle' in draft ? draft.bundle : draft);
  const hash = bundleHash(bundle);
  const rawName = (bundle.manifest as { name?: unknown } | null)?.name;
  const name = typeof rawName === 'string' && rawName ? rawName : '(unnamed module)';
  emitSafe(deps, { type: 'module.validating', name });

  const issues: ValidationIssue[] = [];
  const manifest = safeParseManifest(bundle.manifest);
  if (!manifest.ok) for (const i of manifest.issues) issues.push({ kind: 'manifest', message: i.message, where: i.path || 'manifest' });
  issues.push(...findForbiddenConstructs(bundle.code));
  issues.push(...checkLiveCases(bundle));

  const declared = declaredToolNames(bundle.manifest);
  const sandbox = await sandboxOf(deps);
  const described = await describeModule(sandbox, bundle.code, deps.limits);
  let exported: string[] = [];
  if (described.ok) {
    exported = Object.keys(described.tools);
    issues.push(...checkExports(described.tools, declared));
  } else issues.push(described.issue);

  // Coverage is judged against the tools that both the manifest and the code agree on when the
  // code compiled, else against the manifest.
  const known = described.ok ? exported.filter((t) => declared.includes(t) || declared.length === 0) : declared;
  const coverage = checkCoverage(bundle.tests, known);
  issues.push(...coverage.issues);

  let tests: TestReport | undefined;
  const compiled = described.ok || described.issue.kind !== 'syntax';
  if (compiled && coverage.runnable.length > 0) {
    try {
      tests = await runInChunks(sandbox, bundle.code, coverage.runnable.map(stripLive), {
        allowHosts: declaredHosts(bundle.manifest),
        secrets: declaredSecrets(bundle.manifest),
        ...(deps.limits ? { limits: deps.limits } : {}),
        ...(deps.sandboxCapabilities ?? {}),
      });
    } catch (err) {
      issues.push({ kind: 'test', message: `the tests could not run: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  if (tests) {
    for (const r of tests.results) {
      const why = r.passed ? undefined : describeFailure(r);
      emitSafe(deps, { type: 'module.test', name, case: r.name, passed: r.passed, ...(why ? { reason: why.slice(0, MODULE_TEST_REASON_MAX_CHARS) } : {}) });
      if (why) issues.push({ kind: 'test', message: `case failed: ${why}`, where: r.name });
    }
  } else if (compiled && coverage.runnable.length === 0) {
    issues.push({ kind: 'coverage', message: 'no offline test case could run; add cases with http fixtures for every tool' });
  }

  const ranAll = !!tests && tests.results.length === coverage.runnable.length && tests.passed === coverage.runnable.length;
  const report: ValidationReport = {
    passed: issues.length === 0 && ranAll && coverage.runnable.length > 0,
    bundleHash: hash,
    issues,
    ...(tests ? { tests } : {}),
    untestedTools: coverage.untested,
    durationMs: performance.now() - started,
  };
  if (report.passed && deps.regressionCheck) {
    const regression = await deps.regressionCheck(bundle);
    if (regression) report.regression = regression;
  }
  if (deps.onReport) await deps.onReport(report);
  emitSafe(deps, {
    type: 'module.validated',
    name,
    passed: report.passed,
    testsPassed: tests?.passed ?? 0,
    testsFailed: tests?.failed ?? 0,
    issues: issues.length,
  });
  return report;
}
