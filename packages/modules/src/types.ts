/**
 * Shared types of `@graft/modules`. Two engineers code against this file at once:
 * extend it, don't break it.
 */
import type { TestCase, TestReport, JSONValue } from '@graft/sandbox';

/** A credential a module needs, with instructions the app shows the user. */
export interface CredentialSpec {
  /** Secret name used in `ctx.secret(name)`, e.g. `CLASH_ROYALE_TOKEN` (UPPER_SNAKE). */
  name: string;
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
  description: string;
  category: string;
  permissions: { hosts: string[] };
  credentials: CredentialSpec[];
  /** Summary of the tools the code exports. */
  tools: Array<{ name: string; description: string }>;
}

/** A declarative test case of a module; `live: true` cases run only in `liveTest`, against the real API. */
export interface ModuleTestCase extends TestCase {
  live?: boolean;
}

/** Everything a module is: manifest + code + tests. Its sha256 is what an approval binds to. */
export interface ModuleBundle {
  manifest: ModuleManifest;
  /** One ES2023 module exporting `tools`. */
  code: string;
  tests: ModuleTestCase[];
}

/** A generated (or repaired) module not yet installed. */
export interface Draft {
  bundle: ModuleBundle;
  /** The user's request it was generated for. */
  request: string;
  /** Repair round that produced it (0 = first generation). */
  round: number;
  /** Execution-agreement share across candidates, 0..1 (1 when only one candidate). */
  confidence?: number;
  /** Latest validation report, if validated. */
  report?: ValidationReport;
}

/** One problem found by validation (static or from running tests). */
export interface ValidationIssue {
  kind: 'manifest' | 'syntax' | 'forbidden' | 'coverage' | 'test' | 'size' | 'exports';
  message: string;
  /** Field path, tool name or case name the issue is about. */
  where?: string;
}

/** The structured report of `validate(draft)`; `passed` only when tests really ran and all passed. */
export interface ValidationReport {
  passed: boolean;
  /** sha256 of the bundle validated. */
  bundleHash: string;
  issues: ValidationIssue[];
  /** Result of really running the offline (non-live) cases in the sandbox; absent when they could not run. */
  tests?: TestReport;
  /** Tools that have no offline test case. */
  untestedTools: string[];
  durationMs: number;
}

/** An approval minted by host code, bound to one exact bundle. */
export interface Approval {
  readonly bundleHash: string;
  readonly moduleName: string;
  readonly by: string;
  readonly at: string;
  /** HMAC over the fields above with a per-manager key, so a forged object is refused. */
  readonly signature: string;
}

/** Where a module is in its lifecycle. */
export type ModuleStatus = 'awaiting_credentials' | 'installed' | 'disabled';

/** What the registry knows about an installed module. */
export interface ModuleRecord {
  name: string;
  activeVersion: string;
  versions: string[];
  status: ModuleStatus;
  /** Why it is disabled (e.g. `'health'` after repeated failures, `'user'`). */
  disabledReason?: string;
  manifest: ModuleManifest;
  installedAt: string;
  updatedAt: string;
}

/** Progress events, so a UI can show a build as it happens. */
export type ModuleEvent =
  | { type: 'module.generating'; request: string; candidate?: number }
  | { type: 'module.generated'; name: string; candidate?: number }
  | { type: 'module.validating'; name: string }
  | { type: 'module.test'; name: string; case: string; passed: boolean }
  | { type: 'module.validated'; name: string; passed: boolean; testsPassed: number; testsFailed: number; issues: number }
  | { type: 'module.repairing'; name: string; round: number }
  | { type: 'module.awaiting_approval'; name: string; bundleHash: string }
  | { type: 'module.approved'; name: string; bundleHash: string; by: string }
  | { type: 'module.awaiting_credentials'; name: string; credentials: string[] }
  | { type: 'module.live_testing'; name: string }
  | { type: 'module.live_tested'; name: string; passed: boolean }
  | { type: 'module.installed'; name: string; version: string }
  | { type: 'module.disabled'; name: string; reason: string }
  | { type: 'module.enabled'; name: string }
  | { type: 'module.uninstalled'; name: string }
  | { type: 'module.rolled_back'; name: string; version: string }
  | { type: 'module.failed'; name?: string; code: string; message: string };

export type { JSONValue };

/** The result of one live (`live: true`) case run by `liveTest` against the real API. */
export interface LiveCaseResult {
  name: string;
  passed: boolean;
  /** The tool's output (secrets scrubbed). */
  actual?: JSONValue;
  error?: { code: string; message: string };
  durationMs: number;
}

/** The report of `liveTest(name)`. */
export interface LiveTestReport {
  name: string;
  version: string;
  /** True when every live case passed (also when the module declares none). */
  passed: boolean;
  results: LiveCaseResult[];
  /** Number of regression cases recorded from the live responses. */
  recorded: number;
}
