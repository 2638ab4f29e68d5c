/**
 * `liveTest`: runs a module's `live: true` cases against the real API with the real
 * credentials, checks their `match` expectations, and records the exchanges (secrets
 * stripped) as offline regression cases.
 */
import { matchesExpectation, type HttpFixture, type JSONValue, type RunOptions, type RunResult, type Sandbox } from '@graft/sandbox';
import { ModuleError } from '../errors.js';
import { moduleCapabilities } from '../runtime/invoke.js';
import { RECORD_ENTRY, recordingSource, toolOfRunEntry, type RecordedRun } from './live-record.js';
import { needsLiveTest } from '../install/install.js';
import type { ManagerRuntime } from '../manager/runtime.js';
import { scrubJson, textScrubber } from '../runtime/scrub.js';
import type { ModuleState, VersionRecord } from '../install/registry.js';
import type { LiveCaseResult, LiveTestReport, ModuleTestCase } from '../types.js';

function judge(c: ModuleTestCase, r: RunResult, scrub: (t: string) => string): Omit<LiveCaseResult, 'durationMs'> {
  if (c.expectError) {
    if (r.ok)
      return {
        name: c.name,
        passed: false,
        actual: scrubJson(r.value, scrub),
        error: { code: 'EXPECTATION_FAILED', message: 'the call was expected to throw but returned a value' },
      };
    const want = typeof c.expectError === 'object' ? c.expectError.message : undefined;
    const passed = r.error.code === 'GUEST_ERROR' && (!want || r.error.message.includes(want));
    return { name: c.name, passed, error: { code: r.error.code, message: scrub(r.error.message) } };
  }
  if (!r.ok) return { name: c.name, passed: false, error: { code: r.error.code, message: scrub(r.error.message) } };
  const actual = scrubJson(r.value, scrub);
  return c.expect === undefined || matchesExpectation(r.value, c.expect)
    ? { name: c.name, passed: true, actual }
    : { name: c.name, passed: false, actual, error: { code: 'EXPECTATION_FAILED', message: `the result does not match ${JSON.stringify(c.expect)}` } };
}

/** A regression case from a passed live case: the recorded exchanges as fixtures, the output as expectation. */
function regressionCase(c: ModuleTestCase, value: JSONValue, exchanges: HttpFixture[], scrub: (t: string) => string): ModuleTestCase {
  const http = exchanges.map((x) => scrubJson(x as unknown as JSONValue, scrub) as unknown as HttpFixture);
  const { live: _live, expect: _expect, ...rest } = c;
  return { ...rest, name: `${c.name} (recorded)`, http, expect: scrubJson(value, scrub) };
}

/** Runs one live case, through the recording wrapper when the module's `tools` binding is found. */
async function runCase(
  rt: ManagerRuntime,
  sandbox: Sandbox,
  code: string,
  recording: string | undefined,
  c: ModuleTestCase,
  capabilities: RunOptions['capabilities'],
  secretNames: string[],
): Promise<{ result: RunResult; exchanges?: HttpFixture[]; used?: string[] }> {
  const tool = toolOfRunEntry(c.entry);
  const base = { capabilities, ...(rt.runLimits ? { limits: rt.runLimits } : {}) };
  if (!recording || !tool) return { result: await sandbox.run(code, { entry: c.entry, ...(c.input !== undefined ? { input: c.input } : {}), ...base }) };
  const r = await sandbox.run(recording, { entry: RECORD_ENTRY, input: { tool, input: c.input ?? null, secretNames }, ...base });
  if (!r.ok) return { result: r };
  const rec = r.value as unknown as RecordedRun;
  return {
    result: { ...r, value: rec.value },
    exchanges: rec.exchanges,
    ...(Array.isArray(rec.used) ? { used: rec.used.filter((u) => typeof u === 'string') } : {}),
  };
}

/**
 * Runs the live cases of the module's active version.
 * @throws {ModuleError} `MODULE_NOT_FOUND`, `MODULE_CREDENTIALS_MISSING`.
 */
export async function runLiveTest(
  rt: ManagerRuntime,
  state: ModuleState,
  version: VersionRecord,
): Promise<{ report: LiveTestReport; recorded: ModuleTestCase[] }> {
  const name = state.name;
  const missing = await rt.vault.missing(
    name,
    state.manifest.credentials.map((c) => c.name),
  );
  if (missing.length)
    throw new ModuleError(
      'MODULE_CREDENTIALS_MISSING',
      `Module "${name}" needs credentials before a live test: ${missing.join(', ')}. Call setCredentials("${name}", { ... }) first.`,
      {
        moduleName: name,
      },
    );
  rt.emit({ type: 'module.live_testing', name });
  const cases = version.bundle.tests.filter((c) => c.live);
  const [code, { capabilities, secrets }, sandbox] = await Promise.all([rt.code(state), moduleCapabilities(rt, state), rt.sandbox()]);
  const scrub = textScrubber(secrets);
  const declared = state.manifest.credentials.map((c) => c.name);
  const recording = recordingSource(code, declared);
  const sent = new Set<string>();
  const results: LiveCaseResult[] = [];
  const recorded: ModuleTestCase[] = [];
  for (const c of cases) {
    const started = performance.now();
    const { result: r, exchanges, used } = await runCase(rt, sandbox, code, recording, c, capabilities, declared);
    for (const u of used ?? []) sent.add(u);
    const result = { ...judge(c, r, scrub), durationMs: performance.now() - started };
    results.push(result);
    if (result.passed && r.ok && exchanges) recorded.push(regressionCase(c, r.value, exchanges, scrub));
  }
  // Live cases must test the credentials: each declared one must have been sent by some case.
  const unsent = recording && cases.length ? declared.filter((n) => !sent.has(n)) : [];
  for (const n of unsent)
    results.push({
      name: `(credential ${n})`,
      passed: false,
      durationMs: 0,
      error: {
        code: 'CREDENTIAL_UNUSED',
        message: `no live case sent ${n} to the API, so nothing proved it works; add a live case for a tool that uses ctx.secret('${n}')`,
      },
    });
  if (cases.length === 0 && needsLiveTest(state.manifest))
    results.push({
      name: '(no live case)',
      passed: false,
      durationMs: 0,
      error: {
        code: 'NO_LIVE_CASE',
        message:
          'the module reaches hosts or uses credentials but has no live case, so nothing proved it against the real API; add a case with "live": true and install it again',
      },
    });
  const passed = results.every((r) => r.passed);
  rt.emit({ type: 'module.live_tested', name, passed });
  return { report: { name, version: state.activeVersion, passed, results, recorded: passed ? recorded.length : 0 }, recorded: passed ? recorded : [] };
}

/**
 * `ModuleManager.liveTest`: runs the live cases of the active version; on success records the
 * regression cases, marks the version live-tested and activates a waiting module. A failed live
 * test never installs: the status stays what it was.
 * @throws {ModuleError} `MODULE_VERSION_NOT_FOUND`, `MODULE_CREDENTIALS_MISSING`.
 */
export async function liveTestAndActivate(rt: ManagerRuntime, state: ModuleState): Promise<LiveTestReport> {
  const name = state.name;
  const version = await rt.registry.version(name, state.activeVersion);
  if (!version)
    throw new ModuleError('MODULE_VERSION_NOT_FOUND', `The active version of "${name}" is missing from the store; reinstall it.`, { moduleName: name });
  const { report, recorded } = await runLiveTest(rt, state, version);
  if (!report.passed) return report;
  if (recorded.length || !version.liveTested)
    await rt.registry.updateVersion(name, { ...version, liveTested: true, recorded: [...(version.recorded ?? []), ...recorded] });
  const now = rt.registry.state(name);
  if (now && now.bundleHash === version.bundleHash) {
    const activate = now.status === 'awaiting_credentials' || now.status === 'awaiting_live_test';
    if (activate || now.liveTested !== now.bundleHash)
      await rt.registry.commit({
        ...now,
        liveTested: now.bundleHash,
        ...(activate ? { status: 'installed' as const } : {}),
        updatedAt: new Date().toISOString(),
      });
    if (activate) rt.emit({ type: 'module.installed', name, version: now.activeVersion });
  }
  return report;
}
