/**
 * What the meta-tools show: the approval summary for the user, the results for the model, and
 * reading the app's answers to the approval and credentials requests.
 */
import type { BuildOutcome } from '../build/loop.js';
import { agentToolName } from '../runtime/tool-source.js';
import type { RegressionSummary } from '../approval/pending-builds.js';
import type { RegressionReport } from '../install/regression.js';
import type { LiveTestReport, ModuleBundle, ModuleRecord } from '../types.js';
import { MAX_REGRESSIONS_SHOWN } from '../limits.js';
import { MAX_FAILURES_SHOWN } from '../limits.js';

/** What an approval shows of a regression replay: the changed outputs, recorded vs new. */
export function regressionSummary(report: RegressionReport): RegressionSummary {
  return {
    baselineVersion: report.baselineVersion,
    total: report.total,
    changed: report.results
      .filter((r) => !r.passed)
      .slice(0, MAX_REGRESSIONS_SHOWN)
      .map((r) => ({
        name: r.name,
        expected: r.expected,
        ...(r.actual !== undefined ? { actual: r.actual } : {}),
        ...(r.error ? { error: `${r.error.code}: ${r.error.message}` } : {}),
      })),
  };
}

/** The summary shown to the user in the approval request (never contains secrets). */
export interface DraftSummary {
  [key: string]: unknown;
  /** The module's manifest name. */
  module: string;
  /** Its semver version. */
  version: string;
  /** What it does, from the manifest. */
  description: string;
  /** Its category label. */
  category: string;
  /** Hosts its `fetch` may reach (empty: no network). */
  hosts: string[];
  /** Credentials it needs (names and how to obtain them; never values). */
  credentials: Array<{
    /** Secret name, e.g. `CLASH_ROYALE_TOKEN`. */
    name: string;
    /** What the credential is. */
    description: string;
    /** How the user obtains it. */
    obtain: string;
  }>;
  /** The tools it adds. */
  tools: Array<{
    /** Tool name as exported by the code. */
    name: string;
    /** What the tool does. */
    description: string;
  }>;
  /** sha256 of the bundle: the app must send it back in the resume value to approve. */
  bundleHash: string;
  /** Offline cases that passed and failed at validation, and live cases still to run. */
  tests: {
    /** Offline cases passed. */
    passed: number;
    /** Offline cases failed (0 for a build that reaches approval). */
    failed: number;
    /** Live cases `liveTest` will run against the real API. */
    live: number;
  };
  /** Size of the module's code, bytes (UTF-8). */
  codeBytes: number;
  /** Execution agreement across candidates (1 with a single candidate). */
  confidence: number;
  /** Candidates whose outputs were compared (1: confidence not measured). */
  candidates: number;
  /** When the candidates disagreed: on how many inputs, and how many of them no test case decides. */
  disagreement?: {
    /** Inputs on which the candidates' outputs differed. */
    inputs: number;
    /** Of those, inputs the module's tests still do not decide. */
    undecided: number;
  };
  /** For an upgrade: how this bundle did on the installed version's recorded live exchanges. */
  regression?: RegressionSummary;
  /** A human-readable digest of what is approved (name, version, tools, hosts, credentials, tests, size, hash). */
  digest: string;
  /** The module's source, for a UI that shows what is approved. */
  code: string;
}

/** How far a build's candidates agreed: what the approval shows as confidence. */
export interface AgreementSummary {
  /** The winner's execution agreement, 0..1. */
  confidence: number;
  /** Candidates compared (default 1: not measured). */
  candidates?: number;
  /** Inputs the candidates disagreed on, and how many of them the tests still do not decide. */
  disagreement?: {
    /** Inputs on which the candidates' outputs differed. */
    inputs: number;
    /** Of those, inputs the module's tests do not decide. */
    undecided: number;
  };
}

function confidenceLine(confidence: number, candidates: number, disagreement: AgreementSummary['disagreement']): string {
  if (candidates <= 1) return 'confidence: not measured (1 candidate sampled)';
  const base = `confidence: ${Math.round(confidence * 100)}% agreement among ${candidates} candidates on the outputs`;
  if (!disagreement || disagreement.inputs === 0) return base;
  const decided = disagreement.inputs - disagreement.undecided;
  return `${base}; they disagreed on ${disagreement.inputs} input(s), ${decided} now decided by test cases${disagreement.undecided ? `, ${disagreement.undecided} UNDECIDED` : ''}`;
}

/** The approval summary of a validated bundle. */
export function draftSummary(
  bundle: ModuleBundle,
  hash: string,
  tests: { passed: number; failed: number },
  agreement: number | AgreementSummary = 1,
  regression?: RegressionSummary,
): DraftSummary {
  const m = bundle.manifest;
  const a: AgreementSummary = typeof agreement === 'number' ? { confidence: agreement } : agreement;
  const confidence = a.confidence;
  const candidates = a.candidates ?? 1;
  const codeBytes = Buffer.byteLength(bundle.code, 'utf8');
  const live = bundle.tests.filter((c) => c.live).length;
  const hosts = [...m.permissions.hosts];
  const digest = [
    `${m.name} ${m.version} — ${m.description}`,
    `tools: ${m.tools.map((t) => t.name).join(', ') || '(none)'}`,
    `hosts: ${hosts.join(', ') || '(no network)'}`,
    `credentials: ${m.credentials.map((c) => c.name).join(', ') || '(none)'}`,
    `tests: ${tests.passed} passed, ${tests.failed} failed offline; ${live} live case(s) to run with your credentials`,
    confidenceLine(confidence, candidates, a.disagreement),
    ...(regression
      ? [
          regression.changed.length === 0
            ? `upgrade: reproduces all ${regression.total} recorded live output(s) of version ${regression.baselineVersion}`
            : `upgrade: ${regression.changed.length} of ${regression.total} recorded live output(s) of version ${regression.baselineVersion} CHANGE: ${regression.changed.map((c) => c.name).join(', ')}`,
        ]
      : []),
    `code: ${codeBytes} bytes`,
    `sha256: ${hash}`,
  ].join('\n');
  return {
    module: m.name,
    version: m.version,
    description: m.description,
    category: m.category,
    hosts,
    credentials: m.credentials.map((c) => ({ name: c.name, description: c.description, obtain: c.obtain })),
    tools: m.tools.map((t) => ({ name: t.name, description: t.description })),
    bundleHash: hash,
    tests: { passed: tests.passed, failed: tests.failed, live },
    codeBytes,
    confidence,
    candidates,
    ...(a.disagreement ? { disagreement: { ...a.disagreement } } : {}),
    ...(regression ? { regression } : {}),
    digest,
    code: bundle.code,
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
export function moduleSummary(record: ModuleRecord, live?: LiveTestReport, outcome?: Pick<BuildOutcome, 'rounds'>): Record<string, unknown> {
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
      failures: live.results
        .filter((c) => !c.passed)
        .slice(0, MAX_FAILURES_SHOWN)
        .map((c) => ({ name: c.name, error: c.error?.message ?? 'expectation not met' })),
    };
    if (!live.passed)
      out.message = record.manifest.credentials.length
        ? 'The live test against the real API failed; check the credentials in the app, then try again. The module is not usable until it passes.'
        : 'The live test against the real API failed; the module is stored but not usable until a live test passes (the API may be down or different from what the module expects).';
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

/** The app's answer to the approval request, as read by `readApproval`. */
export type ApprovalAnswer =
  | { kind: 'rejected' }
  | { kind: 'approved'; by: string; bundleHash: string }
  /** `approved: true` without the bundle hash (or `true` alone): refused, the app must send the hash. */
  | { kind: 'missing_hash' };

/**
 * Reads the app's answer to the approval request. Only `{ approved: true, by, bundleHash }` with
 * the request's `data.bundleHash` approves; `approved: true` without a hash is `missing_hash`
 * (refused); anything else is a rejection.
 */
export function readApproval(decision: unknown): ApprovalAnswer {
  if (decision === true) return { kind: 'missing_hash' };
  if (typeof decision !== 'object' || decision === null || Array.isArray(decision)) return { kind: 'rejected' };
  const d = decision as { approved?: unknown; by?: unknown; bundleHash?: unknown };
  if (d.approved !== true) return { kind: 'rejected' };
  if (typeof d.bundleHash !== 'string' || d.bundleHash === '') return { kind: 'missing_hash' };
  return { kind: 'approved', by: typeof d.by === 'string' && d.by.trim() ? d.by.trim() : 'user', bundleHash: d.bundleHash };
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
