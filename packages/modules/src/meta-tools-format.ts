/**
 * What the meta-tools show: the approval summary for the user, the results for the model, and
 * reading the app's answers to the approval and credentials requests.
 */
import type { BuildOutcome } from './repair-loop.js';
import { agentToolName } from './tool-source.js';
import type { Draft, LiveTestReport, ModuleRecord } from './types.js';

const MAX_FAILURES_SHOWN = 8;

/** The summary shown to the user in the approval request (never contains secrets). */
export interface DraftSummary {
  [key: string]: unknown;
  module: string;
  version: string;
  description: string;
  category: string;
  hosts: string[];
  credentials: Array<{ name: string; description: string; obtain: string }>;
  tools: Array<{ name: string; description: string }>;
  bundleHash: string;
  tests: { passed: number; failed: number };
  /** Execution agreement across candidates (1 with a single candidate). */
  confidence: number;
  /** The module's source, for a UI that shows what is approved. */
  code: string;
}

/** The approval summary of a validated draft. */
export function draftSummary(draft: Draft): DraftSummary {
  const m = draft.bundle.manifest;
  return {
    module: m.name,
    version: m.version,
    description: m.description,
    category: m.category,
    hosts: [...m.permissions.hosts],
    credentials: m.credentials.map((c) => ({ name: c.name, description: c.description, obtain: c.obtain })),
    tools: m.tools.map((t) => ({ name: t.name, description: t.description })),
    bundleHash: draft.report?.bundleHash ?? '',
    tests: { passed: draft.report?.tests?.passed ?? 0, failed: draft.report?.tests?.failed ?? 0 },
    confidence: draft.confidence ?? 1,
    code: draft.bundle.code,
  };
}

/** The result the model gets when the build did not pass validation. */
export function describeBuildFailure(outcome: BuildOutcome): Record<string, unknown> {
  const r = outcome.report;
  const failing = (r.tests?.results ?? []).filter((c) => !c.passed).slice(0, MAX_FAILURES_SHOWN);
  return {
    status: 'failed',
    message:
      outcome.stopReason === 'repeated_failure'
        ? `The module still failed the same way after ${outcome.rounds} repair round(s); nothing was installed.`
        : outcome.stopReason === 'unreadable_output'
          ? `The model's repair could not be read (${outcome.error?.message ?? 'unknown'}); nothing was installed.`
          : `The module did not pass validation after ${outcome.rounds} repair round(s); nothing was installed.`,
    rounds: outcome.rounds,
    issues: r.issues.slice(0, MAX_FAILURES_SHOWN).map((i) => `${i.kind}${i.where ? ` (${i.where})` : ''}: ${i.message}`),
    failingTests: failing.map((c) => c.name),
  };
}

/** The result the model gets about an installed module (names, status, tools; never secrets). */
export function moduleSummary(record: ModuleRecord, live?: LiveTestReport, outcome?: BuildOutcome): Record<string, unknown> {
  const out: Record<string, unknown> = {
    status: record.status,
    module: record.name,
    version: record.activeVersion,
    versions: record.versions,
    description: record.manifest.description,
    hosts: record.manifest.permissions.hosts,
    credentials: record.manifest.credentials.map((c) => c.name),
    tools: record.status === 'installed' ? record.manifest.tools.map((t) => agentToolName(record.name, t.name)) : [],
  };
  if (record.disabledReason) out.disabledReason = record.disabledReason;
  if (outcome) out.repairRounds = outcome.rounds;
  if (live) {
    out.liveTest = {
      passed: live.passed,
      cases: live.results.length,
      failures: live.results.filter((c) => !c.passed).slice(0, MAX_FAILURES_SHOWN).map((c) => ({ name: c.name, error: c.error?.message ?? 'expectation not met' })),
    };
    if (!live.passed) out.message = 'The live test against the real API failed; check the credentials in the app, then try again.';
  }
  if (record.status === 'installed') out.message ??= `Installed. Its tools are available now: ${(out.tools as string[]).join(', ')}.`;
  return out;
}

/**
 * True when the app answered the credentials request with `{ stored: true }`: it saved the values
 * with `manager.setCredentials` itself, so they never pass through the agent's thread.
 */
export function credentialsStored(answer: unknown): boolean {
  return typeof answer === 'object' && answer !== null && (answer as { stored?: unknown }).stored === true;
}

/**
 * Reads the app's answer to the approval request: `{ approved: true, by?, bundleHash? }` (or
 * `true`). Apps should echo the request's `data.bundleHash`, which binds the answer to the exact
 * module the user saw.
 */
export function readApproval(decision: unknown): { by: string; bundleHash?: string } | undefined {
  if (decision === true) return { by: 'user' };
  if (typeof decision !== 'object' || decision === null) return undefined;
  const d = decision as { approved?: unknown; by?: unknown; bundleHash?: unknown };
  if (d.approved !== true) return undefined;
  return {
    by: typeof d.by === 'string' && d.by.trim() ? d.by.trim() : 'user',
    ...(typeof d.bundleHash === 'string' ? { bundleHash: d.bundleHash } : {}),
  };
}

/**
 * Reads the app's answer to the credentials request: `{ values: { NAME: value } }` or
 * `{ NAME: value }`. Anything else (null, `{ cancelled: true }`, non-string values) → undefined.
 */
export function readCredentials(answer: unknown): Record<string, string> | undefined {
  if (typeof answer !== 'object' || answer === null) return undefined;
  const a = answer as Record<string, unknown>;
  const source = typeof a.values === 'object' && a.values !== null ? (a.values as Record<string, unknown>) : a;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(source)) {
    if (k === 'cancelled') continue;
    if (typeof v !== 'string' || v === '') return undefined;
    out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}
