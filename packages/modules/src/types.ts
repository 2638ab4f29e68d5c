/**
 * Shared types of `@graft/modules`: the module draft, its manifest parts and the lifecycle
 * records every stage reads.
 */
import type { TestCase, TestReport, JSONValue } from '@graft/sandbox';
import type { RegressionReport } from './install/regression.js';

/** A credential a module needs, with instructions the app shows the user. */
export interface CredentialSpec {
  /** Secret name used in `ctx.secret(name)`, e.g. `CLASH_ROYALE_TOKEN` (UPPER_SNAKE). */
  name: string;
  /** What the credential is, shown to the user next to the input field. */
  description: string;
  /** How the user obtains it (URL or steps). */
  obtain: string;
}

/** The manifest of a module (validated by `ManifestSchema`). */
export interface ModuleManifest {
  /** kebab-case, unique per registry. */
  name: string;
  /** semver. */
  version: string;
  /** What the module does, shown to the user when approving it. */
  description: string;
  /** Free-form grouping label, e.g. `developer-tools` (at most 64 characters). */
  category: string;
  /** Network access the module is granted; nothing else is reachable from its sandbox runs. */
  permissions: {
    /** Hostnames (optional `:port`) its `fetch` may reach, e.g. `api.github.com`; empty = no network. */
    hosts: string[];
  };
  /** Secrets the module needs; while any is missing its status is `awaiting_credentials`. */
  credentials: CredentialSpec[];
  /** Summary of the tools the code exports. */
  tools: Array<{
    /** Tool name as exported by the code (identifier, e.g. `getPlayer`). */
    name: string;
    /** What the tool does; the fallback when the code gives no description. */
    description: string;
  }>;
}

/** A declarative test case of a module; `live: true` cases run only in `liveTest`, against the real API. */
export interface ModuleTestCase extends TestCase {
  /** Run against the real API with the real credentials, only by `liveTest` (default: offline case). */
  live?: boolean;
}

/** Everything a module is: manifest + code + tests. Its sha256 is what an approval binds to. */
export interface ModuleBundle {
  /** The module's manifest (validated against `ManifestSchema` at validation and install). */
  manifest: ModuleManifest;
  /** One ES2023 module exporting `tools`. */
  code: string;
  /** Declarative test cases: offline ones run at validation, `live` ones by `liveTest`. */
  tests: ModuleTestCase[];
}

/** A generated (or repaired) module not yet installed. */
export interface Draft {
  /** The generated module; approve exactly this bundle to install it. */
  bundle: ModuleBundle;
  /** The user's request it was generated for. */
  request: string;
  /** Repair round that produced it (0 = first generation). */
  round: number;
  /** Execution-agreement share across candidates, 0..1 (1 when only one candidate). */
  confidence?: number;
  /** Candidates whose outputs were compared to measure `confidence` (absent or 1: not measured). */
  candidates?: number;
  /** Inputs on which the candidates' outputs differed at generation (what low confidence is repaired from). */
  disagreements?: CandidateDisagreement[];
  /** Latest validation report, if validated. */
  report?: ValidationReport;
}

/** One input on which the sampled candidates of a generation returned different outputs. */
export interface CandidateDisagreement {
  /** The tool called. */
  tool: string;
  /** The tool's input. */
  input: JSONValue;
  /** Recorded HTTP responses the call ran against (from the candidates' tests). */
  http: NonNullable<ModuleTestCase['http']>;
  /** Each distinct output, with the 0-based candidates that produced it (the chosen one's first). */
  outputs: Array<{
    /** What the candidates returned (`returns <json>`) or how they failed (`throws <CODE>`). */
    output: string;
    /** 0-based indexes of the candidates, in sampling order. */
    candidates: number[];
  }>;
}

/** One problem found by validation (static or from running tests). */
export interface ValidationIssue {
  /** Which check found it: manifest schema, code syntax, forbidden construct, test coverage, failing test, size limit or exported tools. */
  kind: 'manifest' | 'syntax' | 'forbidden' | 'coverage' | 'test' | 'size' | 'exports';
  /** What is wrong and how to fix it (fed back to the model on repair). */
  message: string;
  /** Field path, tool name or case name the issue is about. */
  where?: string;
}

/** The structured report of `validate(draft)`; `passed` only when tests really ran and all passed. */
export interface ValidationReport {
  /** True only with no issues and every offline case really run and passed (and at least one case). */
  passed: boolean;
  /** sha256 of the bundle validated. */
  bundleHash: string;
  /** Every problem found; empty when the draft is clean. */
  issues: ValidationIssue[];
  /** Result of really running the offline (non-live) cases in the sandbox; absent when they could not run. */
  tests?: TestReport;
  /** Tools that have no offline test case. */
  untestedTools: string[];
  /** Wall-clock time of the validation, in milliseconds. */
  durationMs: number;
  /**
   * For a new version of an installed module: the installed version's recorded live exchanges
   * replayed on this code. Differences do not fail validation; they are shown for approval.
   */
  regression?: RegressionReport;
}

/** An approval minted by host code, bound to one exact bundle; single-use and expiring. */
export interface Approval {
  /** Random id; `install` consumes it, so the same approval never installs twice. */
  readonly id: string;
  /** sha256 of the approved bundle; `install` refuses any other bundle. */
  readonly bundleHash: string;
  /** The manifest name of the approved module. */
  readonly moduleName: string;
  /** Who approved it (host-supplied, e.g. a user id). */
  readonly by: string;
  /** When it was minted, ISO 8601. */
  readonly at: string;
  /** When it stops being accepted, ISO 8601 (`at` + `approvalTtlMs`, default `DEFAULT_APPROVAL_TTL_MS`). */
  readonly expiresAt: string;
  /** Public fingerprint of the signing key: instances that disagree on the key are told so. */
  readonly keyId: string;
  /** Present (true) when the host approved a bundle without a passing validation report. */
  readonly validationBypassed?: true;
  /** HMAC over the fields above with the app's approval key, so a forged object is refused. */
  readonly signature: string;
}

/**
 * Where a module is in its lifecycle: stored but waiting for credentials, stored but waiting for
 * a passing live test (`liveTest`), usable, or disabled. Only `installed` modules expose tools.
 */
export type ModuleStatus = 'awaiting_credentials' | 'awaiting_live_test' | 'installed' | 'disabled';

/** What the registry knows about an installed module. */
export interface ModuleRecord {
  /** The module's manifest name (kebab-case), its key in the registry. */
  name: string;
  /** The version whose code and tools are in use (semver). */
  activeVersion: string;
  /** Every stored version, in install order; any can be rolled back to. */
  versions: string[];
  /** Lifecycle status; only `installed` modules expose tools. */
  status: ModuleStatus;
  /** Why it is disabled (e.g. `'health'` after repeated failures, `'user'`). */
  disabledReason?: string;
  /** The manifest of the active version. */
  manifest: ModuleManifest;
  /** When the first version was installed, ISO 8601 (kept across updates). */
  installedAt: string;
  /** When the record last changed (install, status change, rollback), ISO 8601. */
  updatedAt: string;
}

export type { ModuleEvent, ModuleEventOrigin } from './module-events.js';

export type { JSONValue };

/** The result of one live (`live: true`) case run by `liveTest` against the real API. */
export interface LiveCaseResult {
  /** The live test case's name. */
  name: string;
  /** Whether the output matched the case's expectation (or it threw as expected). */
  passed: boolean;
  /** The tool's output (secrets scrubbed). */
  actual?: JSONValue;
  /** Why the case failed or what the tool threw; absent when it returned as expected. */
  error?: {
    /** The sandbox's error code, or `EXPECTATION_FAILED` when the output did not match. */
    code: string;
    /** The error message (secrets scrubbed). */
    message: string;
  };
  /** Wall-clock time of the case, in milliseconds. */
  durationMs: number;
}

/** The report of `liveTest(name)`. */
export interface LiveTestReport {
  /** The module's name. */
  name: string;
  /** The active version that was tested. */
  version: string;
  /** True when every live case passed (also when the module declares none). */
  passed: boolean;
  /** One result per live case, in declaration order. */
  results: LiveCaseResult[];
  /** Number of regression cases recorded from the live responses. */
  recorded: number;
}
