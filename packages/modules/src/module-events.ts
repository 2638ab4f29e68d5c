/**
 * The events a `ModuleManager` emits over a module's lifecycle (build, approval, install,
 * credentials, live tests, runtime), each tagged with the thread and run it came from.
 */
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
        /** 0-based candidate index when several candidates are validated side by side; absent otherwise. */
        candidate?: number;
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
        /** 0-based candidate index when several candidates are validated side by side; absent otherwise. */
        candidate?: number;
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
        /** 0-based candidate index when several candidates are validated side by side; absent otherwise. */
        candidate?: number;
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
        /**
         * The sampled candidates disagreed and the winner's confidence is below `minConfidence`:
         * a repair round starts that sends the model the inputs where their outputs differ, to
         * decide as new test cases.
         */
        type: 'module.disagreement';
        /** The draft's manifest name. */
        name: string;
        /** Inputs on which the candidates' outputs differ and no test case decides yet. */
        inputs: number;
        /** The winner's execution agreement, 0..1. */
        confidence: number;
        /** Candidates compared. */
        candidates: number;
        /** The disagreement repair round starting, 1-based. */
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
        /** One edge case proposed by `curriculum` ran offline on the installed module's code. */
        type: 'module.curriculum_proposed';
        /** The module. */
        name: string;
        /** The active version whose code ran. */
        version: string;
        /** The proposed case's name. */
        case: string;
        /** The tool it calls. */
        tool: string;
        /** Whether the module met the case's expectation. */
        passed: boolean;
        /** Why it failed (a sandbox code, `UNMATCHED_REQUEST` or `EXPECTATION_FAILED`); absent when it passed. */
        errorCode?: string;
      }
    | {
        /** A `curriculum` run could not get (more) usable proposals: unreadable output, the budget, or the model call failed. */
        type: 'module.curriculum_failed';
        /** The module. */
        name: string;
        /** `MODULE_CURRICULUM_OUTPUT_INVALID`, `BUDGET_EXHAUSTED`, or the provider's error code. */
        code: string;
        /** What happened (no secret values). */
        message: string;
      }
    | {
        /**
         * Proposed cases the module failed were added to its tests and repaired: a draft waiting
         * for the usual approve → install (never installed automatically).
         */
        type: 'module.curriculum_repair_proposed';
        /** The module. */
        name: string;
        /** The draft's version. */
        version: string;
        /** sha256 of the draft's bundle (what an approval must bind to). */
        bundleHash: string;
        /** Failing proposed cases added as tests. */
        cases: number;
        /** Whether the repaired draft passed validation. */
        passed: boolean;
      }
    | {
        /** A `curriculum` run finished. */
        type: 'module.curriculum_checked';
        /** The module. */
        name: string;
        /** Proposed cases run. */
        proposed: number;
        /** Proposed cases the module failed. */
        failed: number;
        /** Model calls spent proposing. */
        modelCalls: number;
        /** Tokens spent proposing (input + output). */
        tokens: number;
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
