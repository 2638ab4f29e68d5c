/**
 * `generateDrafts`: ask the model (the heavy/coding tier) for a module. With `candidates: k > 1`
 * it samples k drafts (fewer when the candidate budget is tight), validates every one, and picks
 * by the share of its tests passed, then by execution agreement across candidates; the agreement
 * share becomes the draft's `confidence`.
 */
import { agreementFromSignatures, disagreementsOf, pickBest, runCandidates } from '../agreement.js';
import { candidatesAfterFirst, candidatesWithinTokens, estimateCandidateTokens, type CandidateBudget } from '../budget.js';
import { requestModule } from './call.js';
import { emitSafe, sandboxOf, type BuildDeps } from '../deps.js';
import { CANDIDATE_TEMPERATURE, MAX_CANDIDATES } from '../../limits.js';
import { ModuleError } from '../../errors.js';
import { ModuleOutputError } from './parse.js';
import { buildGenerationMessages, type GenerationRequest } from './prompt.js';
import type { CandidateDisagreement, Draft } from '../../types.js';
import { validateDraft } from '../validate/validate.js';

/** Options of `generateDrafts`. */
export interface GenerateOptions extends GenerationRequest {
  /**
   * How many candidates to sample, at most `MAX_CANDIDATES`. `ModuleManager` defaults it to its
   * `limits.candidates` (`DEFAULT_CANDIDATES`); `1` samples one draft and measures nothing.
   */
  candidates?: number;
  /** What the candidates may spend together; lowers `candidates` when tight (`ModuleManager` passes `limits.candidateBudget`). */
  budget?: CandidateBudget;
  /** Cancels the model calls of every candidate. */
  signal?: AbortSignal;
}

/** The outcome of `generateDrafts`. */
export interface GenerateResult {
  /** The chosen draft; validated (with `report`) when several candidates were compared. */
  draft: Draft;
  /** Every candidate produced (the chosen one included), in sampling order. */
  candidates: Draft[];
  /** Candidates whose reply could not be read, with why. */
  rejected: Array<{
    /** 0-based index of the candidate in sampling order. */
    candidate: number;
    /** Why its reply was refused (typically a `ModuleOutputError`). */
    error: ModuleError;
  }>;
  /** Candidates the budget allowed (≤ the requested number). */
  sampled: number;
  /** Inputs on which the candidates' outputs differ (also on `draft.disagreements`). */
  disagreements: CandidateDisagreement[];
}

function nameOf(draft: Draft): string {
  const n = (draft.bundle.manifest as { name?: unknown } | null)?.name;
  return typeof n === 'string' ? n : '(unnamed module)';
}

/**
 * Generates one draft, or k candidates (lowered to fit `budget`, see `budget.ts`) sampled
 * concurrently, validated concurrently, and picked by the share of their own tests passed, then
 * by agreement; the winner's agreement is its `confidence`, and the inputs where candidates'
 * outputs differ are its `disagreements`.
 * @throws {ModuleOutputError} when no candidate produced a readable module.
 * @throws {ModuleError} `MODULE_NO_PROVIDER` when no model is configured.
 */
export async function generateDrafts(deps: BuildDeps, opts: GenerateOptions): Promise<GenerateResult> {
  const request = opts.request?.trim();
  if (!request) throw new ModuleError('MODULE_INVALID_BUNDLE', 'generate() needs a non-empty `request` describing the module to build.');
  const requested = Math.max(1, Math.min(MAX_CANDIDATES, Math.floor(opts.candidates ?? 1)));
  const messages = buildGenerationMessages({ ...opts, request });
  let k = candidatesWithinTokens(requested, estimateCandidateTokens(messages), opts.budget);
  const multi = k > 1;

  const sample = async (i: number) => {
    emitSafe(deps, { type: 'module.generating', request, ...(multi ? { candidate: i } : {}) });
    const { bundle, usage } = await requestModule(deps, messages, {
      ...(multi ? { temperature: CANDIDATE_TEMPERATURE, candidate: i } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    const draft: Draft = { bundle, request, round: 0, confidence: 1 };
    emitSafe(deps, { type: 'module.generated', name: nameOf(draft), ...(multi ? { candidate: i } : {}) });
    return { draft, usage };
  };
  const settled: Array<PromiseSettledResult<Awaited<ReturnType<typeof sample>>>> = [];
  if (multi && opts.budget?.maxCostUsd !== undefined) {
    // the price is only known from a reply: the first candidate alone, then as many more as fit
    settled.push(...(await Promise.allSettled([sample(0)])));
    const first = settled[0]!.status === 'fulfilled' ? settled[0]!.value.usage : undefined;
    k = candidatesAfterFirst(k, first, opts.budget);
    settled.push(...(await Promise.allSettled(Array.from({ length: k - 1 }, (_, i) => sample(i + 1)))));
  } else {
    settled.push(...(await Promise.allSettled(Array.from({ length: k }, (_, i) => sample(i)))));
  }
  const candidates: Draft[] = [];
  const sampledAs: number[] = [];
  const rejected: GenerateResult['rejected'] = [];
  let firstFailure: unknown;
  settled.forEach((s, i) => {
    if (s.status === 'fulfilled') {
      candidates.push(s.value.draft);
      sampledAs.push(i);
    } else if (s.reason instanceof ModuleError) rejected.push({ candidate: i, error: s.reason });
    else firstFailure ??= s.reason;
  });
  if (candidates.length === 0) {
    if (firstFailure !== undefined) throw firstFailure;
    throw rejected[0]?.error ?? new ModuleOutputError('The model produced no module.');
  }
  if (candidates.length === 1) return { draft: candidates[0]!, candidates, rejected, sampled: k, disagreements: [] };

  // Several candidates: validate each, run each on every candidate's test inputs, pick.
  // validations run side by side: their events name the candidate, so a UI can tell them apart
  await Promise.all(candidates.map(async (c, i) => (c.report = await validateDraft(tagValidationEvents(deps, sampledAs[i]!), c))));
  const sandbox = await sandboxOf(deps);
  const outputs = await runCandidates(
    sandbox,
    candidates.map((c) => c.bundle),
    { ...(deps.limits ? { limits: deps.limits } : {}), ...(deps.sandboxCapabilities ? { capabilities: deps.sandboxCapabilities } : {}) },
  );
  const agreement = agreementFromSignatures(outputs.signatures);
  candidates.forEach((c, i) => {
    c.confidence = agreement[i]!;
    c.candidates = candidates.length;
  });
  const best = pickBest(candidates.map((c, i) => ({ report: c.report!, agreement: agreement[i]! })));
  const disagreements = disagreementsOf(outputs, best);
  const draft = candidates[best]!;
  if (disagreements.length) draft.disagreements = disagreements;
  return { draft, candidates, rejected, sampled: k, disagreements };
}

/** `deps` whose validation events (`module.validating` / `module.test` / `module.validated`) carry `candidate`. */
function tagValidationEvents(deps: BuildDeps, candidate: number): BuildDeps {
  return {
    ...deps,
    emit: (e) => emitSafe(deps, e.type === 'module.validating' || e.type === 'module.test' || e.type === 'module.validated' ? { ...e, candidate } : e),
  };
}
