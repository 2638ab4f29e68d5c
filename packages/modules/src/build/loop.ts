/**
 * The build loop: generate (k candidates) → validate → when the candidates disagree and the
 * confidence is low, repair from the disagreement → repair → validate … until the draft passes,
 * the round limit is reached, or two rounds in a row fail identically.
 */
import { canonicalJson } from '../format/bundle.js';
import { ModuleError } from '../errors.js';
import { generateDrafts } from './generate/generate.js';
import { emitSafe, type BuildDeps } from './deps.js';
import { DEFAULT_DISAGREEMENT_ROUNDS, DEFAULT_MIN_CONFIDENCE, DEFAULT_REPAIR_ROUNDS } from '../limits.js';
import { repairDraft } from './repair.js';
import { repairFromDisagreement, undecided } from './disagreement.js';
import type { CandidateBudget } from './budget.js';
import type { CandidateDisagreement, Draft, ModuleEvent, ValidationReport } from '../types.js';
import { validateDraft } from './validate/validate.js';

/** The three steps the loop drives (`ModuleManager` passes its own methods). */
export interface BuildSteps {
  /** Produces the first draft; its `report` is reused when present, else `validate` runs. */
  generate(opts: { request: string; docs?: string; candidates?: number; budget?: CandidateBudget; signal?: AbortSignal }): Promise<Draft>;
  /** Validates a draft (runs its offline tests). */
  validate(draft: Draft): Promise<ValidationReport>;
  /** Produces the next draft from a failing one and its report; a `ModuleError` ends the loop as `unreadable_output`. */
  repair(draft: Draft, report: ValidationReport): Promise<Draft>;
  /** Produces the next draft from the inputs its candidates disagreed on (absent: no disagreement repair). */
  resolveDisagreement?(draft: Draft, disagreements: CandidateDisagreement[]): Promise<Draft>;
}

/** Options of the build loop. */
export interface BuildLoopOptions {
  /** What the user wants the module to do, in their words. */
  request: string;
  /** API documentation given to the model at generation and at every repair. */
  docs?: string;
  /** Candidates sampled at generation (`ModuleManager.build`: `limits.candidates`, default `DEFAULT_CANDIDATES`; else 1). */
  candidates?: number;
  /** What the candidates may spend together (`ModuleManager.build`: `limits.candidateBudget`). */
  candidateBudget?: CandidateBudget;
  /** Confidence below which the build repairs from the candidates' disagreement (default `DEFAULT_MIN_CONFIDENCE`). */
  minConfidence?: number;
  /** Disagreement repair rounds at most (default `DEFAULT_DISAGREEMENT_ROUNDS`; 0 turns it off). */
  disagreementRounds?: number;
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
  /** When the candidates disagreed and the confidence was low: the repair from the disagreement. */
  disagreement?: {
    /** Inputs on which the candidates' outputs differed. */
    inputs: number;
    /** Disagreement repair rounds run. */
    rounds: number;
    /** Of those inputs, how many no test case of the final draft decides. */
    undecided: number;
  };
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
    ...(opts.candidateBudget ? { budget: opts.candidateBudget } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const report = draft.report ?? (await steps.validate(draft));
  const disputed = draft.disagreements ?? [];
  if (!steps.resolveDisagreement || disputed.length === 0 || (draft.confidence ?? 1) >= (opts.minConfidence ?? DEFAULT_MIN_CONFIDENCE)) {
    return repairUntilPassing(steps, draft, report, opts);
  }
  const d = await resolveDisagreementRounds(steps, { ...draft, report }, disputed, opts);
  const outcome = await repairUntilPassing(steps, d.draft, d.draft.report!, opts);
  const history = [report, ...d.history, ...outcome.history.slice(1)];
  const disagreement = { inputs: disputed.length, rounds: d.rounds, undecided: undecided(outcome.draft, disputed).length };
  // a winner that passed is not traded for a repair that never passed again
  if (!outcome.passed && report.passed)
    return {
      draft: { ...draft, report },
      report,
      passed: true,
      rounds: outcome.rounds,
      history,
      disagreement: { ...disagreement, undecided: undecided(draft, disputed).length },
    };
  return { ...outcome, history, disagreement };
}

/**
 * Disagreement repair rounds: the first sends every disputed input (with each candidate's output)
 * to the model — even one the winner tests, since another candidate's tests expected otherwise;
 * the next rounds send the inputs no test case of the new draft decides yet, at most
 * `disagreementRounds` rounds in all. An unreadable reply ends the rounds with the draft so far.
 */
async function resolveDisagreementRounds(
  steps: BuildSteps,
  first: Draft,
  disputed: CandidateDisagreement[],
  opts: BuildLoopOptions,
): Promise<{ draft: Draft; rounds: number; history: ValidationReport[] }> {
  const maxRounds = Math.max(0, opts.disagreementRounds ?? DEFAULT_DISAGREEMENT_ROUNDS);
  let draft = first;
  const history: ValidationReport[] = [];
  let rounds = 0;
  while (rounds < maxRounds) {
    const open = rounds === 0 ? disputed : undecided(draft, disputed);
    if (open.length === 0) break;
    rounds++;
    try {
      opts.onEvent?.({
        type: 'module.disagreement',
        name: nameOf(draft),
        inputs: open.length,
        confidence: draft.confidence ?? 1,
        candidates: draft.candidates ?? 1,
        round: rounds,
      });
    } catch {
      // listeners never break the build
    }
    let next: Draft;
    try {
      next = await steps.resolveDisagreement!(draft, open);
    } catch (err) {
      if (err instanceof ModuleError) break;
      throw err;
    }
    const report = await steps.validate(next);
    draft = { ...next, report };
    history.push(report);
  }
  return { draft, rounds, history };
}

/**
 * The repair rounds of the loop, from a validated draft: repair → validate until it passes, at
 * most `maxRounds` (default `DEFAULT_REPAIR_ROUNDS`) rounds, stopping early when two rounds in a
 * row fail identically or the model's reply is unreadable. The one repair loop of the package:
 * `ModuleManager.build` and `ModuleManager.repair` both run it.
 */
export async function repairUntilPassing(
  steps: Pick<BuildSteps, 'validate' | 'repair'>,
  first: Draft,
  firstReport: ValidationReport,
  opts: RepairLoopOptions,
): Promise<BuildOutcome> {
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

/** The model-backed steps of a build over `deps`: `generateDrafts`, `validateDraft`, `repairDraft`, `repairFromDisagreement`. */
export function modelBuildSteps(deps: BuildDeps, opts: { docs?: string; signal?: AbortSignal } = {}): BuildSteps {
  const repairOpts = { ...(opts.docs ? { docs: opts.docs } : {}), ...(opts.signal ? { signal: opts.signal } : {}) };
  return {
    generate: async (o) => (await generateDrafts(deps, o)).draft,
    validate: (draft) => validateDraft(deps, draft),
    repair: (draft, report) => repairDraft(deps, draft, report, repairOpts),
    resolveDisagreement: (draft, disagreements) => repairFromDisagreement(deps, draft, disagreements, repairOpts),
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
