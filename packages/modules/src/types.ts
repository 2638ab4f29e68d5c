/**
 * Shared types of `@graft/modules`: the module draft, its manifest parts and the lifecycle
 * records every stage reads.
 */
import type { TestCase, TestReport, JSONValue } from '@graft/sandbox';
import type { RegressionReport } from './regression.js';

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
  /** Latest validation report, if validated. */
  report?: ValidationReport;
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

/**
 * Who caused a module event: the agent thread and run whose tool call (`build_module`, a module
 * tool) did the work. Absent on events of calls the host app made directly (e.g. `approve`,
 * `disable` from an admin screen).
 */
export type ModuleEventOrigin = {
  /** The agent thread whose tool call caused the event; only that thread's user may see it. */
  threadId?: string;
  /** The agent run whose tool call caused the event. */
  runId?: string;
};

/**
 * Progress events, so a UI can show a build as it happens. Inside an agent run they carry the
 * `threadId`/`runId` that caused them and arrive in that run's `agent.stream()` as
 * `tool-progress` events (read them with `moduleEventOf`).
 */
export type ModuleEvent = ModuleEventOrigin &
  (
  | {
      /** The model was asked for a module (once per candidate). */
      type: 'module.generating';
      /** The user's request, trimmed. */
      request: string;
      /** 0-based candidate index; absent when only one candidate is sampled. */
      candidate?: number;
    }
  | {
      /**
       * A generation or repair call is streaming (sent when it starts, then at most every
       * 500 ms while output arrives, and when it ends): show a live phase and timer.
       */
      type: 'module.progress';
      /** `generate` (writing a new module) or `repair` (fixing a failed one). */
      phase: 'generate' | 'repair';
      /** Characters of output received so far (answer, reasoning and tool-call arguments). */
      outputChars: number;
      /** Milliseconds since this call started. */
      elapsedMs: number;
      /** 0-based attempt of this call (an unreadable reply is sent back and retried). */
      attempt: number;
      /** True on the last event of the call. */
      done: boolean;
      /** 0-based candidate index; absent when only one candidate is sampled. */
      candidate?: number;
      /** The repair round (1-based), for `repair`. */
      round?: number;
    }
  | {
      /**
       * Recorded live exchanges were replayed offline on a version's code: on an upgrade (the
       * new version against the installed one's recordings, shown for approval), a rollback, an
       * enable, or `checkModule`.
       */
      type: 'module.regression_checked';
      /** The module. */
      name: string;
      /** The version whose code ran. */
      version: string;
      /** The version whose recorded exchanges were replayed. */
      baselineVersion: string;
      /** Why the check ran. */
      trigger: 'check' | 'upgrade' | 'rollback' | 'enable';
      /** Whether every recorded output was reproduced. */
      passed: boolean;
      /** Recorded cases replayed. */
      total: number;
      /** Cases whose output differed or failed. */
      failed: number;
    }
  | {
      /** A candidate's reply was read into a draft. */
      type: 'module.generated';
      /** The draft's manifest name (`'(unnamed module)'` when it has none). */
      name: string;
      /** 0-based candidate index; absent when only one candidate is sampled. */
      candidate?: number;
    }
  | {
      /** Validation of a draft started. */
      type: 'module.validating';
      /** The draft's manifest name. */
      name: string;
    }
  | {
      /** One offline test case ran during validation. */
      type: 'module.test';
      /** The draft's manifest name. */
      name: string;
      /** The test case's name. */
      case: string;
      /** Whether the case passed. */
      passed: boolean;
      /** Why a failed case failed (the sandbox error's code and message, or a mismatch), at most 500 characters. */
      reason?: string;
    }
  | {
      /** Validation finished. */
      type: 'module.validated';
      /** The draft's manifest name. */
      name: string;
      /** The report's `passed`. */
      passed: boolean;
      /** Offline cases that passed (0 when the tests could not run). */
      testsPassed: number;
      /** Offline cases that failed (0 when the tests could not run). */
      testsFailed: number;
      /** Number of validation issues found. */
      issues: number;
    }
  | {
      /** A repair round started. */
      type: 'module.repairing';
      /** The draft's manifest name. */
      name: string;
      /** The repair round starting, 1-based. */
      round: number;
    }
  | {
      /** A built module waits for the user's approval (from `build_module`). */
      type: 'module.awaiting_approval';
      /** The module's manifest name. */
      name: string;
      /** sha256 of the bundle the approval must bind to. */
      bundleHash: string;
    }
  | {
      /** An approval was minted. */
      type: 'module.approved';
      /** The module's manifest name. */
      name: string;
      /** sha256 of the approved bundle. */
      bundleHash: string;
      /** Who approved it (the approval's `by`). */
      by: string;
    }
  | {
      /** The module is stored but some credentials are missing. */
      type: 'module.awaiting_credentials';
      /** The module's name. */
      name: string;
      /** Names of the declared credentials not stored yet. */
      credentials: string[];
      /** Present (true) when it was installed with `dangerouslySkipValidation`. */
      validationBypassed?: true;
    }
  | {
      /** The module is stored and reaches hosts: it becomes `installed` after a passing `liveTest`. */
      type: 'module.awaiting_live_test';
      /** The module's name. */
      name: string;
      /** The stored version (semver). */
      version: string;
      /** Present (true) when it was installed with `dangerouslySkipValidation`. */
      validationBypassed?: true;
    }
  | {
      /** A live test against the real API started. */
      type: 'module.live_testing';
      /** The module's name. */
      name: string;
    }
  | {
      /** A live test finished. */
      type: 'module.live_tested';
      /** The module's name. */
      name: string;
      /** True when every live case passed. */
      passed: boolean;
    }
  | {
      /** The module is installed and its tools are usable. */
      type: 'module.installed';
      /** The module's name. */
      name: string;
      /** The active version (semver). */
      version: string;
      /** Present (true) when it was installed with `dangerouslySkipValidation`. */
      validationBypassed?: true;
    }
  | {
      /** The module was disabled; its tools are withdrawn. */
      type: 'module.disabled';
      /** The module's name. */
      name: string;
      /** Why: `'health'` when the breaker tripped, `'user'` by default, or the caller's reason. */
      reason: string;
    }
  | {
      /** A disabled module was enabled again. */
      type: 'module.enabled';
      /** The module's name. */
      name: string;
    }
  | {
      /** The module, its versions and its credentials were removed. */
      type: 'module.uninstalled';
      /** The module's name. */
      name: string;
    }
  | {
      /** The module's active version was switched to an earlier stored one. */
      type: 'module.rolled_back';
      /** The module's name. */
      name: string;
      /** The version now active. */
      version: string;
    }
  | {
      /** A build, install or tool call failed. */
      type: 'module.failed';
      /** The module concerned; absent when its name is not known. */
      name?: string;
      /** The `ModuleError` code, or the sandbox's error code for a failed tool call. */
      code: string;
      /** What went wrong (secret values scrubbed). */
      message: string;
    }
  );

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
