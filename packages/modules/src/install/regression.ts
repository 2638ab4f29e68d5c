/**
 * Recorded live exchanges as a regression suite. `liveTest` keeps each passed live case's HTTP
 * exchanges (credentials stripped) and output; replaying them offline runs a module's code on
 * those real responses and compares its output with the recorded one. Used on upgrade (the new
 * version must reproduce the old version's outputs, or the differences are shown for
 * approval), on rollback and enable, and on demand (`ModuleManager.checkModule`).
 */
import type { HttpFixture, JSONValue, Limits, Sandbox } from '@graft/sandbox';
import type { ModuleBundle, ModuleTestCase } from '../types.js';
import { declaredHosts, declaredTestSecrets, testSecretValue } from '../build/validate/secrets.js';

/**
 * How a recorded request URL names a secret the module put in it: the per-run placeholder is
 * replaced by `GRAFT_RECORDED_SECRET(NAME)`, which a replay turns into the stand-in test value.
 */
export const RECORDED_SECRET_MARKER = (name: string): string => `GRAFT_RECORDED_SECRET(${name})`;
const MARKER = /GRAFT_RECORDED_SECRET\(([A-Z][A-Z0-9_]*)\)/g;

/** One recorded case replayed. */
export interface RegressionCaseResult {
  /** The recorded case's name. */
  name: string;
  /** Whether the code reproduced the recorded output. */
  passed: boolean;
  /** The output recorded from the live API. */
  expected: JSONValue | undefined;
  /** What the code returned this time (absent when it failed). */
  actual?: JSONValue;
  /** Why it failed (a sandbox code, `UNMATCHED_REQUEST` when the code made a request the recording has no answer for, or `EXPECTATION_FAILED`). */
  error?: {
    /** The failure's code. */
    code: string;
    /** What happened (secrets scrubbed). */
    message: string;
  };
}

/** The result of replaying recorded exchanges against one version's code. */
export interface RegressionReport {
  /** The module. */
  moduleName: string;
  /** The version whose code ran. */
  version: string;
  /** The version whose recorded exchanges were replayed. */
  baselineVersion: string;
  /** Recorded cases replayed. */
  total: number;
  /** Cases whose output differed or failed. */
  failed: number;
  /** True when every recorded case was reproduced (also true when there was nothing to replay). */
  passed: boolean;
  /** One entry per recorded case. */
  results: RegressionCaseResult[];
}

/** Options of {@link replayRecorded}. */
export interface ReplayOptions {
  /** Sandbox limits of the replay runs. */
  limits?: Partial<Limits>;
  /** Extra sandbox capabilities (local API stand-ins in tests only). */
  capabilities?: {
    /** Allow `http:` URLs. */
    allowInsecureHttp?: boolean;
    /** Allow loopback and private addresses. */
    allowPrivateNetwork?: boolean;
  };
}

/** Turns a recorded fixture's `GRAFT_RECORDED_SECRET(NAME)` markers back into the stand-in test values a replay runs with. */
export function restoreSecrets(fixture: HttpFixture): HttpFixture {
  if (!MARKER.test(fixture.request.url)) return fixture;
  MARKER.lastIndex = 0;
  const url = fixture.request.url.replace(MARKER, (_, name: string) => encodeURIComponent(testSecretValue(name)));
  return { ...fixture, request: { ...fixture.request, url } };
}

/**
 * Runs `bundle`'s code on every recorded case (its fixtures answer the fetches; credentials
 * are the stand-in test values) and compares each output with the recorded one.
 */
export async function replayRecorded(
  sandbox: Sandbox,
  target: { moduleName: string; version: string; bundle: ModuleBundle },
  baseline: { version: string; recorded: readonly ModuleTestCase[] },
  options: ReplayOptions = {},
): Promise<RegressionReport> {
  const { moduleName, version, bundle } = target;
  const { recorded } = baseline;
  const head = { moduleName, version, baselineVersion: baseline.version };
  if (recorded.length === 0) return { ...head, total: 0, failed: 0, passed: true, results: [] };
  const cases = recorded.map(({ live: _live, ...c }) => ({ ...c, http: (c.http ?? []).map(restoreSecrets) }));
  const report = await sandbox.runTests(bundle.code, cases, {
    allowHosts: declaredHosts(bundle.manifest),
    secrets: declaredTestSecrets(bundle.manifest),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.capabilities ?? {}),
  });
  const byName = new Map(report.results.map((r) => [r.name, r]));
  const results: RegressionCaseResult[] = recorded.map((c) => {
    const r = byName.get(c.name);
    const expected = c.expect as JSONValue | undefined;
    if (!r) return { name: c.name, passed: false, expected, error: { code: 'NOT_RUN', message: 'the case did not run' } };
    return {
      name: c.name,
      passed: r.passed,
      expected,
      ...(r.actual !== undefined ? { actual: r.actual } : {}),
      ...(r.error ? { error: { code: r.error.code, message: r.error.message } } : {}),
    };
  });
  const failed = results.filter((r) => !r.passed).length;
  return { ...head, total: results.length, failed, passed: failed === 0, results };
}
