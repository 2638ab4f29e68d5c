/**
 * Public types of `ModuleManager.curriculum`: its budget, options and report.
 */
import type { JSONValue } from '@graft/sandbox';
import type { Draft, ModuleTestCase } from '../types.js';

/** What one `curriculum` run may spend (defaults: `DEFAULT_CURRICULUM_*` in `limits.ts`). */
export interface CurriculumBudget {
  /** Edge cases proposed and run at most (default `DEFAULT_CURRICULUM_MAX_PROPOSALS`). */
  maxProposals?: number;
  /** Model calls made to propose cases at most, unreadable replies sent back included (default `DEFAULT_CURRICULUM_MAX_MODEL_CALLS`). */
  maxModelCalls?: number;
  /** Tokens (input + output) spent proposing at most; no call starts past it (default `DEFAULT_CURRICULUM_MAX_TOKENS`). */
  maxTokens?: number;
}

/** Options of `ModuleManager.curriculum`. */
export interface CurriculumOptions {
  /** Bounds of this run. Repairs of failing cases are bounded separately by `limits.repairRounds`. */
  budget?: CurriculumBudget;
  /** When false, failing cases are reported but no repair is proposed (default true). */
  repair?: boolean;
  /** Cancels the model calls and sandbox runs. */
  signal?: AbortSignal;
}

/** One proposed edge case and how the installed code did on it. */
export interface CurriculumCaseResult {
  /** The case as it ran (`curriculum: ` + the model's name), ready to add to the module's tests. */
  case: ModuleTestCase;
  /** The tool it calls. */
  tool: string;
  /** Whether the module met the expectation. */
  passed: boolean;
  /** What the code returned (absent when it failed to run). */
  actual?: JSONValue;
  /** Why it failed. */
  error?: {
    /** A sandbox code, `UNMATCHED_REQUEST` or `EXPECTATION_FAILED`. */
    code: string;
    /** What happened (secrets scrubbed). */
    message: string;
  };
}

/** The result of a `curriculum` run. */
export interface CurriculumReport {
  /** The module. */
  moduleName: string;
  /** The active version whose code ran. */
  version: string;
  /** Every proposed case run, in order. */
  results: CurriculumCaseResult[];
  /** Cases the module failed. */
  failed: number;
  /** Model calls spent proposing. */
  modelCalls: number;
  /** Tokens spent proposing (input + output, as the provider reported). */
  tokens: number;
  /** The budget this run had (defaults filled in). */
  budget: Required<CurriculumBudget>;
  /** Why proposing stopped early: `MODULE_CURRICULUM_OUTPUT_INVALID`, `BUDGET_EXHAUSTED` or the provider's code. */
  error?: {
    /** The code. */
    code: string;
    /** What happened. */
    message: string;
  };
  /**
   * The proposed repair when cases failed: the module with the failing cases added as tests,
   * repaired and validated. Approve and install it like any draft; it is never installed here.
   */
  repair?: {
    /** The draft (its `report` is its last validation). */
    draft: Draft;
    /** Whether it passed validation. */
    passed: boolean;
    /** Repair rounds run. */
    rounds: number;
    /** Why the repair stopped without passing. */
    stopReason?: 'max_rounds' | 'repeated_failure' | 'unreadable_output';
  };
}
