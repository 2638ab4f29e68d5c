/**
 * Scores the guards WITH the model-assisted injection check on the labelled splits, through
 * the real path (`createGuards` → `modelCheckInjection` → an OpenAI-compatible provider over
 * HTTP). Used by `bench/guards-model.bench.ts` (a live model at GRAFT_BASE_URL, or the mock
 * server) and by `test/guards/model-check-eval.test.ts` (scripted verdicts).
 */
import { createHash } from 'node:crypto';
import type { ChatProvider } from '@graft/providers';
import type { RecordedRequest } from '@graft/providers/testing';
import { createGuards, redactPII } from '@graft/core';
import { load, originOf, isIndirect, type InjRow, type Split } from './metrics.js';

/** Figures of one scored run. */
export interface ModelCheckReport {
  split: string;
  positives: number;
  negatives: number;
  recall: number;
  indirectRecall: number;
  fpr: number;
  /** Texts the model was asked about (the rest: heuristics only, cache hits, budget). */
  modelCalls: number;
  /** Flagged texts whose verdict fell back to heuristics (provider error, invalid output, budget). */
  fallbacks: number;
  /** Median and p95 wall time of one inspection, ms. */
  medianMs: number;
  p95Ms: number;
}

/** Options of {@link scoreModelCheck}. */
export interface ScoreModelCheckOptions {
  /** When the model is asked (default `'suspicious'`: only texts the heuristics scored above 0). */
  modelWhen?: 'always' | 'suspicious';
  /** Count of model requests so far (e.g. the mock server's), to report calls. */
  calls?: () => number;
}

/** Every row of the given splits. */
export const rowsOf = (splits: readonly Split[]): InjRow[] => splits.flatMap((s) => load<InjRow>(`injection.${s}.jsonl`));

/** Run every row through `inspectInput` (user-typed kinds) or `inspectToolResult` (the rest). */
export async function scoreModelCheck(provider: ChatProvider, splits: readonly Split[], options: ScoreModelCheckOptions = {}): Promise<ModelCheckReport> {
  const guards = createGuards({
    pii: { mode: 'off' },
    injection: { mode: 'flag', model: provider, modelWhen: options.modelWhen ?? 'suspicious', modelCache: false },
  });
  let pos = 0,
    neg = 0,
    tp = 0,
    fp = 0,
    ind = 0,
    indTp = 0,
    fallbacks = 0;
  const times: number[] = [];
  const before = options.calls?.() ?? 0;
  for (const row of rowsOf(splits)) {
    const t0 = performance.now();
    const r = originOf(row.kind) === 'user' ? await guards.inspectInput(row.text) : await guards.inspectToolResult(row.text);
    times.push(performance.now() - t0);
    const finding = r.findings.find((f) => f.guard === 'injection');
    if (finding && finding.guard === 'injection' && finding.fallback) fallbacks++;
    const flagged = r.injection?.flagged === true;
    if (row.injection) {
      pos++;
      if (flagged) tp++;
      if (isIndirect(row.kind)) {
        ind++;
        if (flagged) indTp++;
      }
    } else {
      neg++;
      if (flagged) fp++;
    }
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)] ?? 0;
  return {
    split: splits.join('+'),
    positives: pos,
    negatives: neg,
    recall: pos ? tp / pos : 1,
    indirectRecall: ind ? indTp / ind : 1,
    fpr: neg ? fp / neg : 0,
    modelCalls: (options.calls?.() ?? 0) - before,
    fallbacks,
    medianMs: at(0.5),
    p95Ms: at(0.95),
  };
}

/** The untrusted text of a model-check request: what sits between its last user message's marker lines. */
export function checkedText(request: RecordedRequest): string | undefined {
  const messages = request.body?.messages as { role: string; content: string }[] | undefined;
  const last = messages?.[messages.length - 1]?.content ?? '';
  const m = /^(=====UNTRUSTED-[0-9a-f]+=====)\n([\s\S]*)\n\1$/.exec(last);
  return m?.[2];
}

/**
 * Scripted verdicts for the mock server: the label of each row (looked up by the redacted
 * text the check sends), wrong on `errorRate` of the texts (chosen by a hash, so runs repeat).
 */
export function scriptedVerdicts(splits: readonly Split[], errorRate = 0): (text: string) => string {
  const labels = new Map<string, boolean>();
  for (const row of rowsOf(splits)) labels.set(redactPII(row.text, { reversible: false }).text, row.injection);
  return (text) => {
    const truth = labels.get(text);
    if (truth === undefined) return 'I cannot tell.';
    const h = createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
    const said = h < errorRate ? !truth : truth;
    return JSON.stringify({ injection: said, confidence: 0.85, reason: 'scripted' });
  };
}
