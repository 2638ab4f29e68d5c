/**
 * Options of `ModuleManager`.
 */
import type { ChatProvider } from '@graft/providers';
import type { Limits, Sandbox } from '@graft/sandbox';
import {
  DEFAULT_BREAKER_THRESHOLD,
  DEFAULT_CANDIDATE_BUDGET_TOKENS,
  DEFAULT_CANDIDATES,
  DEFAULT_DISAGREEMENT_ROUNDS,
  DEFAULT_MIN_CONFIDENCE,
  DEFAULT_REPAIR_ROUNDS,
} from '../limits.js';
import type { SandboxCapabilityOptions } from './runtime.js';
import type { KeyValueStore } from '../store/kv.js';
import type { CredentialVault, VaultOptions } from '../credentials/vault.js';
import type { ModuleTelemetry } from '../telemetry/telemetry.js';
import type { CandidateBudget } from '../build/budget.js';

/** A model router: core's `createRouter()` result, or anything with `provider(tier)`. */
export interface ProviderRouter {
  /** The provider of a model tier; the manager asks for `'heavy'` to write modules and `'standard'` for curriculum tests. */
  provider(tier: string): ChatProvider;
}

/** Tunable limits of a `ModuleManager`. */
export interface ModuleManagerLimits {
  /** Consecutive failed tool calls that disable a module (default `DEFAULT_BREAKER_THRESHOLD`). */
  breakerThreshold: number;
  /** Maximum repair rounds (default `DEFAULT_REPAIR_ROUNDS`). */
  repairRounds: number;
  /** Sandbox limits of module runs (tool calls, validation, live tests). */
  run?: Partial<Limits>;
  /** Candidates sampled per generation on the heavy tier (default `DEFAULT_CANDIDATES`; `1` turns sampling off). */
  candidates: number;
  /**
   * What one generation's candidates may spend together; k is lowered to fit (default
   * `{ maxTokens: DEFAULT_CANDIDATE_BUDGET_TOKENS }`). See the modules guide for the rule.
   */
  candidateBudget: CandidateBudget;
  /** Confidence below which a build repairs from the candidates' disagreement (default `DEFAULT_MIN_CONFIDENCE`). */
  minConfidence: number;
  /** Disagreement repair rounds of one build at most (default `DEFAULT_DISAGREEMENT_ROUNDS`; 0 turns it off). */
  disagreementRounds: number;
}

/** Options of `new ModuleManager(...)`. */
export interface ModuleManagerOptions {
  /** Where the registry and the vault persist (core's `createStore(...)`). */
  store: KeyValueStore;
  /** The sandbox, or a factory called on first use; default `createSandbox()` on first use. */
  sandbox?: Sandbox | (() => Sandbox | Promise<Sandbox>);
  /** A router; its `'heavy'` tier writes modules. */
  router?: ProviderRouter;
  /** The model that writes modules (instead of `router`). */
  provider?: ChatProvider;
  /** The model that proposes curriculum edge cases (default: the router's `'standard'` tier, else `provider`). */
  curriculumProvider?: ChatProvider;
  /** Spans and metrics of builds, sandbox runs, live tests, installs and curricula (`await createModuleTelemetry(...)`); default none. */
  telemetry?: ModuleTelemetry;
  /** A vault, or its options (the store defaults to `store`). */
  vault:
    | CredentialVault
    | (Omit<VaultOptions, 'store'> & {
        /** Where the vault persists; default: the manager's `store`. */
        store?: KeyValueStore;
      });
  /** Overrides of the default limits (breaker threshold, repair rounds, sandbox run limits, candidates and their budget, confidence). */
  limits?: Partial<ModuleManagerLimits>;
  /**
   * Extra sandbox capabilities of every module run. **For tests and local stand-ins of an API
   * only**: lets modules reach `http://127.0.0.1:<port>`.
   */
  sandboxCapabilities?: SandboxCapabilityOptions;
  /**
   * HMAC key for approvals (≥ 32 bytes). Default: derived (HKDF-SHA256) from the vault's master
   * key, so every instance configured with the same `GRAFT_MASTER_KEY` verifies the approvals of
   * the others, and they survive restarts. Instances with different keys refuse each other's
   * approvals with `MODULE_APPROVAL_KEY_MISMATCH`.
   */
  approvalKey?: Uint8Array;
  /** Lifetime of an approval, ms (default `DEFAULT_APPROVAL_TTL_MS`, 15 minutes). */
  approvalTtlMs?: number;
}

/** `limits` over the package defaults (`DEFAULT_*` in `limits.ts`). */
export function resolveManagerLimits(limits: Partial<ModuleManagerLimits> | undefined): ModuleManagerLimits {
  return {
    breakerThreshold: DEFAULT_BREAKER_THRESHOLD,
    repairRounds: DEFAULT_REPAIR_ROUNDS,
    candidates: DEFAULT_CANDIDATES,
    candidateBudget: { maxTokens: DEFAULT_CANDIDATE_BUDGET_TOKENS },
    minConfidence: DEFAULT_MIN_CONFIDENCE,
    disagreementRounds: DEFAULT_DISAGREEMENT_ROUNDS,
    ...limits,
  };
}
