/**
 * `runCurriculum`: the standard tier proposes edge cases for an installed module's tools, they
 * run offline in the sandbox on the active code (fixtures only, stand-in credentials), and the
 * failing ones are added to the module's tests and repaired into a draft that goes through the
 * normal validate → approve → install path. Nothing is installed here; every step is an event.
 */
import type { ChatProvider } from '@graft/providers';
import type { BuildOutcome } from '../build/loop.js';
import { declaredHosts, declaredTestSecrets } from '../build/validate/secrets.js';
import { ModuleError } from '../errors.js';
import { restoreSecrets } from '../install/regression.js';
import type { ModuleState } from '../install/registry.js';
import { DEFAULT_CURRICULUM_MAX_MODEL_CALLS, DEFAULT_CURRICULUM_MAX_PROPOSALS, DEFAULT_CURRICULUM_MAX_TOKENS } from '../limits.js';
import type { ManagerRuntime } from '../manager/runtime.js';
import type { Draft, ModuleBundle, ModuleTestCase, ValidationReport } from '../types.js';
import { curriculumMessages } from './prompt.js';
import { proposeCases } from './propose.js';
import type { CurriculumBudget, CurriculumCaseResult, CurriculumOptions, CurriculumReport } from './types.js';

/** What a curriculum run needs from the manager. */
export interface CurriculumDeps {
  rt: ManagerRuntime;
  /** The standard-tier model that proposes cases; absent: `MODULE_NO_PROVIDER`. */
  provider?: ChatProvider;
  /** The manager's validation (records the report so the draft can be approved). */
  validate(draft: Draft): Promise<ValidationReport>;
  /** The manager's repair loop. */
  repair(draft: Draft, report: ValidationReport, signal?: AbortSignal): Promise<BuildOutcome>;
}

/** The budget with defaults filled in. @throws {ModuleError} `MODULE_CURRICULUM_BUDGET_INVALID`. */
export function resolveBudget(budget: CurriculumBudget = {}): Required<CurriculumBudget> {
  const out = {
    maxProposals: budget.maxProposals ?? DEFAULT_CURRICULUM_MAX_PROPOSALS,
    maxModelCalls: budget.maxModelCalls ?? DEFAULT_CURRICULUM_MAX_MODEL_CALLS,
    maxTokens: budget.maxTokens ?? DEFAULT_CURRICULUM_MAX_TOKENS,
  };
  for (const [k, v] of Object.entries(out))
    if (!Number.isSafeInteger(v) || v <= 0)
      throw new ModuleError(
        'MODULE_CURRICULUM_BUDGET_INVALID',
        `curriculum budget.${k} must be a positive integer (got ${String(v)}); pass one or omit it for the default.`,
      );
  return out;
}

/** The next patch version (`1.2.3` → `1.2.4`; a pre-release suffix is dropped). */
export function nextPatch(version: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  return m ? `${m[1]}.${m[2]}.${Number(m[3]) + 1}` : version;
}

async function runCases(
  rt: ManagerRuntime,
  bundle: ModuleBundle,
  cases: Array<ModuleTestCase & { tool: string }>,
  signal?: AbortSignal,
): Promise<CurriculumCaseResult[]> {
  const runnable = cases.map(({ tool: _t, ...c }) => ({ ...c, http: (c.http ?? []).map(restoreSecrets) }));
  const report = await (
    await rt.sandbox()
  ).runTests(bundle.code, runnable, {
    allowHosts: declaredHosts(bundle.manifest),
    secrets: declaredTestSecrets(bundle.manifest),
    ...(rt.runLimits ? { limits: rt.runLimits } : {}),
    ...(signal ? { signal } : {}),
    ...rt.capabilities,
  });
  return cases.map(({ tool, ...c }, i) => {
    const r = report.results[i];
    return {
      case: c,
      tool,
      passed: r?.passed ?? false,
      ...(r?.actual !== undefined ? { actual: r.actual } : {}),
      ...(r?.error ? { error: { code: r.error.code, message: r.error.message } } : !r ? { error: { code: 'NOT_RUN', message: 'the case did not run' } } : {}),
    };
  });
}

/** Proposes, runs and (for failures) repairs; see the file comment. */
export async function runCurriculum(deps: CurriculumDeps, state: ModuleState, options: CurriculumOptions = {}): Promise<CurriculumReport> {
  const budget = resolveBudget(options.budget);
  const { rt, provider } = deps;
  const name = state.name;
  if (!provider)
    throw new ModuleError(
      'MODULE_NO_PROVIDER',
      'Curriculum tests need a model: pass `curriculumProvider`, `router` (its `standard` tier) or `provider` to ModuleManager.',
      { moduleName: name },
    );
  const version = await rt.registry.version(name, state.activeVersion);
  if (!version)
    throw new ModuleError('MODULE_VERSION_NOT_FOUND', `Module "${name}" has no stored version ${state.activeVersion}; reinstall it.`, { moduleName: name });
  const bundle = version.bundle;

  const proposals = await proposeCases(
    provider,
    curriculumMessages(bundle, version.recorded ?? [], budget.maxProposals),
    bundle.manifest,
    budget,
    options.signal,
  );
  if (proposals.failure) rt.emit({ type: 'module.curriculum_failed', name, code: proposals.failure.code, message: proposals.failure.message });
  const results = proposals.cases.length ? await runCases(rt, bundle, proposals.cases, options.signal) : [];
  for (const r of results)
    rt.emit({
      type: 'module.curriculum_proposed',
      name,
      version: version.version,
      case: r.case.name,
      tool: r.tool,
      passed: r.passed,
      ...(r.error ? { errorCode: r.error.code } : {}),
    });
  const failing = results.filter((r) => !r.passed);
  rt.emit({
    type: 'module.curriculum_checked',
    name,
    proposed: results.length,
    failed: failing.length,
    modelCalls: proposals.modelCalls,
    tokens: proposals.tokens,
  });

  const report: CurriculumReport = {
    moduleName: name,
    version: version.version,
    results,
    failed: failing.length,
    modelCalls: proposals.modelCalls,
    tokens: proposals.tokens,
    budget,
    ...(proposals.failure ? { error: proposals.failure } : {}),
  };
  if (failing.length === 0 || options.repair === false) return report;

  const draft: Draft = {
    request: `Make the installed module "${name}" handle the edge cases its curriculum tests found (keep version ${nextPatch(version.version)}).`,
    round: 0,
    bundle: {
      manifest: { ...bundle.manifest, version: nextPatch(version.version) },
      code: bundle.code,
      tests: [...bundle.tests, ...failing.map((r) => r.case)],
    },
  };
  const first = await deps.validate(draft);
  const outcome = first.passed ? undefined : await deps.repair({ ...draft, report: first }, first, options.signal);
  const final = outcome?.draft ?? { ...draft, report: first };
  const passed = outcome?.passed ?? first.passed;
  report.repair = { draft: final, passed, rounds: outcome?.rounds ?? 0, ...(outcome?.stopReason ? { stopReason: outcome.stopReason } : {}) };
  rt.emit({
    type: 'module.curriculum_repair_proposed',
    name,
    version: String(final.bundle.manifest?.version ?? ''),
    bundleHash: final.report?.bundleHash ?? first.bundleHash,
    cases: failing.length,
    passed,
  });
  return report;
}
