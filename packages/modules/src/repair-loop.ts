/**
 * The build loop: generate → validate → repair → validate … until the draft passes, the
 * round limit is reached, or two rounds in a row fail identically.
 */
import { canonicalJson } from './bundle.js';
import { ModuleError } from './errors.js';
import { generateDrafts } from './generate.js';
import { emitSafe, type BuildDeps } from './generate-deps.js';
import { DEFAULT_REPAIR_ROUNDS } from './limits.js';
import { repairDraft } from './repair.js';
import type { Draft, ModuleEvent, ValidationReport } from './types.js';
import { validateDraft } from './validate.js';

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
  /** Receives `module.repairing` (and, with `buildModuleLoop`, every other progress event). */
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

/**
 * Runs the loop over any `BuildSteps`. Generation errors propagate (typed); an unreadable reply
 * during repair ends the loop with `passed: false` and `stopReason: 'unreadable_output'`.
 */
export async function runBuildLoop(steps: BuildSteps, opts: BuildLoopOptions): Promise<BuildOutcome> {
  const maxRounds = Math.max(0, opts.maxRounds ?? DEFAULT_REPAIR_ROUNDS);
  let draft = await steps.generate({
    request: opts.request,
    ...(opts.docs ? { docs: opts.docs } : {}),
    ...(opts.candidates ? { candidates: opts.candidates } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  let report = draft.report ?? (await steps.validate(draft));
  draft = { ...draft, report };
  const history = [report];
  let rounds = 0;
  let previous = failureSignature(report);
  while (!report.passed) {
    if (rounds >= maxRounds) return { draft, report, passed: false, rounds, stopReason: 'max_rounds', history };
    rounds++;
    try {
      opts.onEvent?.({ type: 'module.repairing', name: nameOf(draft), round: rounds });
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
  return runBuildLoop(
    {
      generate: async (o) => (await generateDrafts(d, o)).draft,
      validate: (draft) => validateDraft(d, draft),
      repair: (draft, report) => repairDraft(d, draft, report, { ...(opts.docs ? { docs: opts.docs } : {}), ...(opts.signal ? { signal: opts.signal } : {}) }),
    },
    { ...opts, onEvent: (e) => emitSafe(d, e) },
  );
}
