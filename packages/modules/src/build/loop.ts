/**
 * The build loop: generate → validate → repair → validate … until the draft passes, the
 * round limit is reached, or two rounds in a row fail identically.
 */
import { canonicalJson } from '../format/bundle.js';
import { ModuleError } from '../errors.js';
import { generateDrafts } from './generate/generate.js';
import { emitSafe, type BuildDeps } from './deps.js';
import { DEFAULT_REPAIR_ROUNDS } from '../limits.js';
import { repairDraft } from './repair.js';
import type { Draft, ModuleEvent, ValidationReport } from '../types.js';
import { validateDraft } from './validate/validate.js';

/** The three steps the loop drives (`ModuleManager` passes its own methods). */
export interface BuildSteps {
  /** Produces the first draft; its `report` is reused when present, else `validate` runs. */
  generate(opts: { request: string; docs?: string; candidates?: number; signal?: AbortSignal }): Promise<Draft>;
  /** Validates a draft (runs its offline tests). */
  validate(draft: Draft): Promise<ValidationReport>;
  /** Produces the next draft from a failing one and its report; a `ModuleError` ends the loop as `unreadable_output`. */
  repair(draft: Draft, report: ValidationReport): Promise<Draft>;
}

/** Options of the build loop. */
export interface BuildLoopOptions {
  /** What the user wants the module to do, in their words. */
  request: string;
  /** API documentation given to the model at generation and at every repair. */
  docs?: string;
  /** Candidates sampled at generation (default 1). */
  candidates?: number;
  /** Repair rounds after the first generation (default `DEFAULT_REPAIR_ROUNDS` = 3). */
  maxRounds?: number;
  /** Cancels the model calls of the build. */
  signal?: AbortSignal;
  /** Receives every progress event of the build (`module.generating` … `module.repairing` …). */
  onEvent?: (event: ModuleEvent) => void;
}

/** How a build ended. */
export interface BuildOutcome {
  /** The last draft, with its `report`. */
  draft: Draft;
  /** The last validation report (the same as `draft.report`). */
  report: ValidationReport;
  /** Whether the last draft passed validation. */
  passed: boolean;
  /** Repair rounds run. */
  rounds: number;
  /** Why the loop stopped without passing. */
  stopReason?: 'max_rounds' | 'repeated_failure' | 'unreadable_output';
  /** The typed error that stopped a repair round (unreadable model output). */
  error?: ModuleError;
  /** Every report, in order (first generation first). */
  history: ValidationReport[];
}

/** A stable fingerprint of how a report failed (issues and failing cases' outcomes). */
export function failureSignature(report: ValidationReport): string {
  const issues = report.issues.map((i) => `${i.kind}|${i.where ?? ''}|${i.message}`).sort();
  const cases = (report.tests?.results ?? [])
    .filter((r) => !r.passed)
    .map((r) => `${r.name}|${r.error?.code ?? ''}|${r.error?.message ?? ''}|${canonicalJson(r.actual ?? null)}`)
    .sort();
  return canonicalJson({ issues, cases, ran: !!report.tests });
}

function nameOf(draft: Draft): string {
  const n = (draft.bundle.manifest as { name?: unknown } | null)?.name;
  return typeof n === 'string' ? n : '(unnamed module)';
}

/** Options of `repairUntilPassing`: the part of `BuildLoopOptions` the repair rounds use. */
export type RepairLoopOptions = Pick<BuildLoopOptions, 'maxRounds' | 'onEvent'>;

/**
 * Runs the loop over any `BuildSteps`. Generation errors propagate (typed); an unreadable reply
 * during repair ends the loop with `passed: false` and `stopReason: 'unreadable_output'`.
 */
export async function runBuildLoop(steps: BuildSteps, opts: BuildLoopOptions): Promise<BuildOutcome> {
  const draft = await steps.generate({
    request: opts.request,
    ...(opts.docs ? { docs: opts.docs } : {}),
    ...(opts.candidates ? { candidates: opts.candidates } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const report = draft.report ?? (await steps.validate(draft));
  return repairUntilPassing(steps, draft, report, opts);
}

/**
 * The repair rounds of the loop, from a validated draft: repair → validate until it passes, at
 * most `maxRounds` (default `DEFAULT_REPAIR_ROUNDS`) rounds, stopping early when two rounds in a
 * row fail identically or the model's reply is unreadable. The one repair loop of the package:
 * `ModuleManager.build` and `ModuleManager.repair` both run it.
 */
export async function repairUntilPassing(steps: Pick<BuildSteps, 'validate' | 'repair'>, first: Draft, firstReport: ValidationReport, opts: RepairLoopOptions): Promise<BuildOutcome> {
  const maxRounds = Math.max(0, opts.maxRounds ?? DEFAULT_REPAIR_ROUNDS);
  let report = firstReport;
  let draft: Draft = { ...first, report };
  const history = [report];
  let rounds = 0;
  let previous = failureSignature(report);
  // a draft that already went through repairs (ModuleManager.repair) keeps counting from its round
  const offset = typeof first.round === 'number' ? first.round : 0;
  while (!report.passed) {
    if (rounds >= maxRounds) return { draft, report, passed: false, rounds, stopReason: 'max_rounds', history };
    rounds++;
    try {
      opts.onEvent?.({ type: 'module.repairing', name: nameOf(draft), round: offset + rounds });
    } catch {
      // listeners never break the build
    }
    let next: Draft;
    try {
      next = await steps.repair(draft, report);
    } catch (err) {
      if (err instanceof ModuleError) return { draft, report, passed: false, rounds, stopReason: 'unreadable_output', error: err, history };
      throw err;
    }
    report = await steps.validate(next);
    draft = { ...next, report };
    history.push(report);
    if (report.passed) break;
    const signature = failureSignature(report);
    if (signature === previous) return { draft, report, passed: false, rounds, stopReason: 'repeated_failure', history };
    previous = signature;
  }
  return { draft, report, passed: true, rounds, history };
}

/** The model-backed steps of a build over `deps`: `generateDrafts`, `validateDraft`, `repairDraft`. */
export function modelBuildSteps(deps: BuildDeps, opts: { docs?: string; signal?: AbortSignal } = {}): BuildSteps {
  const repairOpts = { ...(opts.docs ? { docs: opts.docs } : {}), ...(opts.signal ? { signal: opts.signal } : {}) };
  return {
    generate: async (o) => (await generateDrafts(deps, o)).draft,
    validate: (draft) => validateDraft(deps, draft),
    repair: (draft, report) => repairDraft(deps, draft, report, repairOpts),
  };
}

/**
 * generate → validate → repair until the draft passes, at most `maxRounds` repairs, stopping
 * early when two consecutive rounds fail identically. Events go to `deps.emit` and `onEvent`.
 */
export async function buildModuleLoop(deps: BuildDeps, opts: BuildLoopOptions): Promise<BuildOutcome> {
  const emit = (e: ModuleEvent) => {
    emitSafe(deps, e);
    try {
      opts.onEvent?.(e);
    } catch {
      // listeners never break the build
    }
  };
  const d: BuildDeps = { ...deps, emit };
  return runBuildLoop(modelBuildSteps(d, opts), { ...opts, onEvent: (e) => emitSafe(d, e) });
}
