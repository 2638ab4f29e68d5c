/**
 * `generateDrafts`: ask the model (the heavy/coding tier) for a module. With `candidates: k > 1`
 * it samples k drafts, validates every one, and picks by tests passed, then by execution
 * agreement across candidates; the agreement share becomes the draft's `confidence`.
 */
import { measureAgreement, pickBest } from '../agreement.js';
import { requestModule } from './call.js';
import { emitSafe, sandboxOf, type BuildDeps } from '../deps.js';
import { CANDIDATE_TEMPERATURE, MAX_CANDIDATES } from '../limits.js';
import { ModuleError } from '../../errors.js';
import { ModuleOutputError } from './parse.js';
import { buildGenerationMessages, type GenerationRequest } from './prompt.js';
import type { Draft } from '../../types.js';
import { validateDraft } from '../validate/validate.js';

/** Options of `generateDrafts`. */
export interface GenerateOptions extends GenerationRequest {
  /** How many candidates to sample (default 1, at most `MAX_CANDIDATES`). */
  candidates?: number;
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
}

function nameOf(draft: Draft): string {
  const n = (draft.bundle.manifest as { name?: unknown } | null)?.name;
  return typeof n === 'string' ? n : '(unnamed module)';
}

/**
 * Generates one draft, or k candidates and picks the best by tests passed then agreement.
 * @throws {ModuleOutputError} when no candidate produced a readable module.
 * @throws {ModuleError} `MODULE_NO_PROVIDER` when no model is configured.
 */
export async function generateDrafts(deps: BuildDeps, opts: GenerateOptions): Promise<GenerateResult> {
  const request = opts.request?.trim();
  if (!request) throw new ModuleError('MODULE_INVALID_BUNDLE', 'generate() needs a non-empty `request` describing the module to build.');
  const k = Math.max(1, Math.min(MAX_CANDIDATES, Math.floor(opts.candidates ?? 1)));
  const messages = buildGenerationMessages({ ...opts, request });

  const settled = await Promise.allSettled(
    Array.from({ length: k }, async (_, i) => {
      emitSafe(deps, { type: 'module.generating', request, ...(k > 1 ? { candidate: i } : {}) });
      const { bundle } = await requestModule(deps, messages, {
        ...(k > 1 ? { temperature: CANDIDATE_TEMPERATURE, candidate: i } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      const draft: Draft = { bundle, request, round: 0, confidence: 1 };
      emitSafe(deps, { type: 'module.generated', name: nameOf(draft), ...(k > 1 ? { candidate: i } : {}) });
      return draft;
    }),
  );
  const candidates: Draft[] = [];
  const rejected: GenerateResult['rejected'] = [];
  let firstFailure: unknown;
  settled.forEach((s, i) => {
    if (s.status === 'fulfilled') candidates.push(s.value);
    else if (s.reason instanceof ModuleError) rejected.push({ candidate: i, error: s.reason });
    else firstFailure ??= s.reason;
  });
  if (candidates.length === 0) {
    if (firstFailure !== undefined) throw firstFailure;
    throw rejected[0]?.error ?? new ModuleOutputError('The model produced no module.');
  }
  if (candidates.length === 1) return { draft: candidates[0]!, candidates, rejected };

  // Several candidates: validate each, measure agreement, pick.
  for (const c of candidates) c.report = await validateDraft(deps, c);
  const sandbox = await sandboxOf(deps);
  const agreement = await measureAgreement(
    sandbox,
    candidates.map((c) => c.bundle),
    { ...(deps.limits ? { limits: deps.limits } : {}), ...(deps.sandboxCapabilities ? { capabilities: deps.sandboxCapabilities } : {}) },
  );
  candidates.forEach((c, i) => (c.confidence = agreement[i]!));
  const best = pickBest(candidates.map((c, i) => ({ report: c.report!, agreement: agreement[i]! })));
  return { draft: candidates[best]!, candidates, rejected };
}
