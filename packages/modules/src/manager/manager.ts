/**
 * `ModuleManager`: the module lifecycle — generate, validate, repair, approve, install,
 * credentials, live test, list/get, disable/enable, uninstall, rollback — and the agent's
 * `ToolSource` over installed modules.
 */
import type { ToolSource } from '@graft/core';
import type { ChatProvider } from '@graft/providers';
import type { JSONValue, Sandbox } from '@graft/sandbox';
import { ApprovalAuthority } from '../approval/authority.js';
import { ApprovalLedger } from '../approval/ledger.js';
import { ModuleError } from '../errors.js';
import { ModuleEventEmitter, type ModuleEventListener } from '../events.js';
import type { BuildDeps } from '../build/deps.js';
import { generateDrafts, type GenerateOptions } from '../build/generate/generate.js';
import { buildModuleLoop, modelBuildSteps, repairUntilPassing, type BuildLoopOptions, type BuildOutcome } from '../build/loop.js';
import { HealthBreakers } from '../runtime/health.js';
import { DEFAULT_APPROVAL_TTL_MS } from '../limits.js';
import { approveDraft, installApproved, type ApprovalContext, type ApproveOptions, type InstallOptions } from '../approval/approve.js';
import { disableModule, enableModule, rollbackModule } from '../install/state-changes.js';
import { uninstallModule } from '../install/uninstall.js';
import { PendingBuilds } from '../approval/pending-builds.js';
import { invokeTool } from '../runtime/invoke.js';
import { liveTestAndActivate } from '../credentials/live-test.js';
import { checkActiveVersion, upgradeRegression } from '../install/regression-check.js';
import { resolveManagerLimits, type ModuleManagerLimits, type ModuleManagerOptions } from './options.js';
import { toRecord } from './records.js';
import { loadRegistry, openSandbox, type ManagerSandbox } from './setup.js';
import { ActiveCodeCache } from './code-cache.js';
import { setModuleCredentials } from '../credentials/set-credentials.js';
import type { ManagerRuntime } from './runtime.js';
import { ModuleRegistry, type ModuleState } from '../install/registry.js';
import { ModuleToolSource } from '../runtime/tool-source.js';
import type { RegressionReport } from '../install/regression.js';
import { sandboxPatternOracle } from '../runtime/tool-args-patterns.js';
import type { Approval, Draft, LiveTestReport, ModuleEvent, ModuleRecord, ModuleTestCase, ValidationReport } from '../types.js';
import { validateDraft } from '../build/validate/validate.js';
import { runCurriculum } from '../curriculum/curriculum.js';
import type { CurriculumOptions, CurriculumReport } from '../curriculum/types.js';
import { CredentialVault, deriveApprovalKey } from '../credentials/vault.js';

/** The module lifecycle manager. See the package README for the flow. */
export class ModuleManager {
  readonly #registry: ModuleRegistry;
  readonly #vault: CredentialVault;
  readonly #approvals: ApprovalContext;
  readonly #pending: PendingBuilds;
  readonly #breakers: HealthBreakers;
  readonly #events = new ModuleEventEmitter();
  readonly #options: ModuleManagerOptions;
  readonly #limits: ModuleManagerLimits;
  readonly #code: ActiveCodeCache;
  readonly #rt: ManagerRuntime;
  #sandbox?: ManagerSandbox;
  #tools?: ModuleToolSource;
  readonly #ready: Promise<void>;

  /** @throws {VaultError} `VAULT_KEY_MISSING` when the vault has no key. */
  constructor(options: ModuleManagerOptions) {
    this.#options = options;
    this.#limits = resolveManagerLimits(options.limits);
    this.#registry = new ModuleRegistry(options.store);
    this.#code = new ActiveCodeCache(this.#registry);
    this.#vault =
      options.vault instanceof CredentialVault ? options.vault : new CredentialVault({ ...options.vault, store: options.vault.store ?? options.store });
    this.#breakers = new HealthBreakers(this.#limits.breakerThreshold, options.store);
    this.#rt = {
      registry: this.#registry,
      vault: this.#vault,
      breakers: this.#breakers,
      capabilities: { ...options.sandboxCapabilities },
      ...(this.#limits.run ? { runLimits: this.#limits.run } : {}),
      emit: (e) => this.#events.emit(e),
      sandbox: () => this.#getSandbox(),
      code: (s) => this.#code.of(s),
      disable: (name, reason) => this.disable(name, reason),
    };
    this.#ready = loadRegistry(this.#registry);
    const ttlMs = options.approvalTtlMs ?? DEFAULT_APPROVAL_TTL_MS;
    if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw new RangeError('approvalTtlMs must be a positive number of milliseconds.');
    const vault = this.#vault;
    this.#approvals = {
      rt: this.#rt,
      // Default: derived from the vault's master key, so every instance with the same key agrees.
      authority: new ApprovalAuthority(options.approvalKey ?? (() => deriveApprovalKey(vault))),
      ledger: new ApprovalLedger(options.store),
      ttlMs,
      ready: this.#ready,
    };
    this.#pending = new PendingBuilds(options.store);
    const telemetry = options.telemetry;
    if (telemetry) this.#events.on('event', (e) => telemetry.observe(e));
  }

  /** Runs `fn` in a telemetry span `graft.module.<op>` when `telemetry` is set. */
  #traced<T>(op: string, fn: () => Promise<T>): Promise<T> {
    return this.#options.telemetry ? this.#options.telemetry.trace(op, {}, fn) : fn();
  }

  /**
   * Resolves when the registry has been loaded from the store (every method awaits it; the tool
   * source lists nothing before and notifies its subscribers once loaded).
   * @throws {ModuleError} `MODULE_STORE_FAILED` when the store cannot be read.
   */
  ready(): Promise<void> {
    return this.#ready;
  }

  /** Subscribes to progress events; returns an unsubscribe function. */
  on(type: 'event', listener: ModuleEventListener): () => void {
    return this.#events.on(type, listener);
  }

  /** Unsubscribes a listener. */
  off(type: 'event', listener: ModuleEventListener): void {
    this.#events.off(type, listener);
  }

  #emit(event: ModuleEvent): void {
    this.#events.emit(event);
  }

  #getSandbox(): Promise<Sandbox> {
    this.#sandbox ??= openSandbox(this.#options);
    return this.#sandbox.sandbox;
  }

  /** The model that writes modules: `provider`, else the router's `'heavy'` tier. */
  #provider(): ChatProvider | undefined {
    return this.#instrumented(this.#options.provider ?? this.#options.router?.provider('heavy'));
  }

  #instrumented(provider: ChatProvider | undefined): ChatProvider | undefined {
    return provider && this.#options.telemetry ? this.#options.telemetry.provider(provider) : provider;
  }

  /** Dependencies handed to generation, validation and repair. */
  buildDeps(): BuildDeps {
    const provider = this.#provider();
    return {
      ...(provider ? { provider } : {}),
      sandbox: () => this.#getSandbox(),
      emit: (e) => this.#emit(e),
      onReport: (r) => this.#approvals.ledger.recordValidation(r),
      regressionCheck: async (bundle) => {
        await this.#ready;
        return upgradeRegression(this.#rt, bundle);
      },
      ...(this.#limits.run ? { limits: this.#limits.run } : {}),
      ...(this.#options.sandboxCapabilities ? { sandboxCapabilities: this.#options.sandboxCapabilities } : {}),
    };
  }

  async #state(name: string): Promise<ModuleState> {
    await this.#ready;
    const s = this.#registry.state(name);
    if (!s)
      throw new ModuleError('MODULE_NOT_FOUND', `No module named "${name}" is installed; call list() to see the installed modules.`, { moduleName: name });
    return s;
  }

  /**
   * Asks the model (`provider`, else the router's `'heavy'` tier) for a module and returns a
   * draft. It samples `candidates` (default `limits.candidates`, `DEFAULT_CANDIDATES`; fewer when
   * `limits.candidateBudget` is tight) concurrently, validates all and picks by the share of
   * tests passed, then by execution agreement (reported as `confidence`, with the inputs the
   * candidates disagreed on as `disagreements`).
   * @throws {ModuleOutputError} when the model produced no readable module; {ModuleError} `MODULE_NO_PROVIDER`.
   */
  async generate(options: GenerateOptions): Promise<Draft> {
    return this.#traced(
      'generate',
      async () => (await generateDrafts(this.buildDeps(), { candidates: this.#limits.candidates, budget: this.#limits.candidateBudget, ...options })).draft,
    );
  }

  /**
   * Repairs a failing draft: the model gets the failing cases (actual vs expected) and errors,
   * the result is validated, and this repeats up to `limits.repairRounds` rounds (default 3),
   * stopping early when it passes or when two rounds fail identically. Returns the last draft,
   * with its `report`.
   */
  async repair(draft: Draft, report: ValidationReport, options: { docs?: string; signal?: AbortSignal } = {}): Promise<Draft> {
    const outcome = await this.#traced('repair', () =>
      repairUntilPassing(modelBuildSteps(this.buildDeps(), options), draft, report, {
        maxRounds: this.#limits.repairRounds,
        onEvent: (e) => this.#emit(e),
      }),
    );
    // an unreadable reply ends the rounds; `repair` reports it as the typed error it is
    if (outcome.stopReason === 'unreadable_output' && outcome.error) throw outcome.error;
    return outcome.draft;
  }

  /**
   * generate (`limits.candidates` candidates) → validate → repair from the candidates'
   * disagreement when the confidence is below `limits.minConfidence` → repair until it passes (at
   * most `limits.repairRounds` repairs): the one build path (`build_module` runs it too).
   */
  async build(options: BuildLoopOptions): Promise<BuildOutcome> {
    const l = this.#limits;
    const run = () =>
      buildModuleLoop(this.buildDeps(), {
        maxRounds: l.repairRounds,
        candidates: l.candidates,
        candidateBudget: l.candidateBudget,
        minConfidence: l.minConfidence,
        disagreementRounds: l.disagreementRounds,
        ...options,
      });
    return this.#options.telemetry ? this.#options.telemetry.build(run) : run();
  }

  /** Validates a draft: manifest, syntax, forbidden constructs, coverage, and every offline test run in the sandbox. */
  async validate(draft: Draft): Promise<ValidationReport> {
    return validateDraft(this.buildDeps(), draft);
  }

  /**
   * Mints a single-use approval bound to the sha256 of exactly this draft's bundle (as it is at
   * the call), valid for `approvalTtlMs` (default `DEFAULT_APPROVAL_TTL_MS`). Host code only:
   * never expose it to the model. Refuses a bundle without a passing validation report in this
   * app (`validate`, `build`, `generate` or `repair` record one) unless `dangerouslySkipValidation`.
   * @throws {ApprovalError} `MODULE_NOT_VALIDATED`, `MODULE_APPROVER_REQUIRED` (empty `by`); {ManifestError} `MODULE_INVALID_MANIFEST` (missing or invalid manifest); {ModuleError} `MODULE_INVALID_BUNDLE`, `MODULE_TOO_LARGE`.
   */
  approve(draft: Draft, options: ApproveOptions): Promise<Approval> {
    return approveDraft(this.#approvals, draft, options);
  }

  /**
   * Persists the draft as a new version and makes it active. Works on a snapshot of the bundle
   * taken at the call. Refuses without an unexpired, unused approval of exactly this bundle, and
   * without a passing validation report for it (unless `dangerouslySkipValidation`, recorded in
   * the install event and the version). A module with hosts or credentials is not `installed`
   * until `liveTest` passes (`awaiting_credentials` / `awaiting_live_test`).
   * @throws {ApprovalError} `MODULE_APPROVAL_REQUIRED` / `_INVALID` / `_MISMATCH` / `_EXPIRED` / `_USED` / `_KEY_MISMATCH`, `MODULE_NOT_VALIDATED`.
   * @throws {ManifestError}, {ModuleError} `MODULE_TOO_LARGE`, `MODULE_EXPORTS_MISMATCH`, `MODULE_VERSION_CONFLICT`, `MODULE_STORE_FAILED` (previous version stays active).
   */
  async install(draft: Draft, approval: Approval, options?: InstallOptions): Promise<ModuleRecord> {
    return toRecord(await this.#traced('install', () => installApproved(this.#approvals, draft, approval, options)));
  }

  /** Durable pending `build_module` calls (used by the meta-tools; shared through the store). */
  pendingBuilds(): PendingBuilds {
    return this.#pending;
  }

  /**
   * Stores credentials of a module in the vault (encrypted). Only names the manifest declares
   * are accepted. Does not change the status: run `liveTest(name)` next.
   * @throws {ModuleError} `MODULE_NOT_FOUND`, `MODULE_CREDENTIAL_UNKNOWN`, `MODULE_CREDENTIAL_INVALID`.
   */
  async setCredentials(
    name: string,
    values: Record<string, string>,
  ): Promise<{
    /** Declared credentials still not stored after this call; empty when all are set. */
    missing: string[];
  }> {
    return setModuleCredentials(this.#vault, await this.#state(name), values);
  }

  /**
   * Runs the module's `live: true` cases against the real API with the stored credentials. On
   * success a module awaiting credentials becomes `installed`, and the exchanges are recorded
   * (secrets stripped) as regression cases of the active version.
   * @throws {ModuleError} `MODULE_NOT_FOUND`, `MODULE_CREDENTIALS_MISSING`.
   */
  async liveTest(name: string): Promise<LiveTestReport> {
    const state = await this.#state(name);
    return liveTestAndActivate(this.#rt, state);
  }

  /**
   * Replays the active version's recorded live exchanges (from `liveTest`, credentials
   * stripped) offline on its code and reports whether every recorded output is reproduced.
   * Nothing reaches the network. Emits `module.regression_checked`.
   * @throws {ModuleError} `MODULE_NOT_FOUND`.
   */
  async checkModule(name: string): Promise<RegressionReport> {
    const state = await this.#state(name);
    return this.#traced('regression_check', () => checkActiveVersion(this.#rt, name, state.activeVersion, 'check'));
  }

  /**
   * Curriculum tests: the standard tier (`curriculumProvider`, else the router's `'standard'`
   * tier, else `provider`) proposes edge-case inputs for the module's tools with the HTTP
   * responses to replay; they run offline in the sandbox on the active code (no network, no
   * real credentials). Failing cases are added to the module's tests and repaired into a draft
   * (`report.repair.draft`, validated) for the usual approve → install; nothing is installed.
   * Bounded by `budget` (defaults `DEFAULT_CURRICULUM_*`); unusable model output is sent back,
   * then reported in `report.error`, never thrown. Call it on demand or on your own schedule.
   * @throws {ModuleError} `MODULE_NOT_FOUND`, `MODULE_NO_PROVIDER`, `MODULE_CURRICULUM_BUDGET_INVALID`.
   */
  async curriculum(name: string, options: CurriculumOptions = {}): Promise<CurriculumReport> {
    const state = await this.#state(name);
    const provider = this.#instrumented(this.#options.curriculumProvider ?? this.#options.router?.provider('standard') ?? this.#options.provider);
    return this.#traced('curriculum', () =>
      runCurriculum(
        {
          rt: this.#rt,
          ...(provider ? { provider } : {}),
          validate: (d) => this.validate(d),
          repair: (d, r, signal) =>
            repairUntilPassing(modelBuildSteps(this.buildDeps(), signal ? { signal } : {}), d, r, {
              maxRounds: this.#limits.repairRounds,
              onEvent: (e) => this.#emit(e),
            }),
        },
        state,
        options,
      ),
    );
  }

  /** Regression cases recorded by `liveTest` for the active version (secrets stripped). */
  async regressionCases(name: string): Promise<ModuleTestCase[]> {
    const state = await this.#state(name);
    return (await this.#registry.version(name, state.activeVersion))?.recorded ?? [];
  }

  /** Every installed module (any status). */
  async list(): Promise<ModuleRecord[]> {
    await this.#ready;
    return this.#registry.states().map(toRecord);
  }

  /** One module, or `undefined`. */
  async get(name: string): Promise<ModuleRecord | undefined> {
    await this.#ready;
    const s = this.#registry.state(name);
    return s ? toRecord(s) : undefined;
  }

  /** Disables a module: its tools disappear from the agent. */
  async disable(name: string, reason = 'user'): Promise<ModuleRecord> {
    return toRecord(await disableModule(this.#rt, await this.#state(name), reason));
  }

  /** Enables a disabled module (resets its health breaker). */
  async enable(name: string): Promise<ModuleRecord> {
    await this.#state(name);
    return toRecord(await enableModule(this.#rt, name));
  }

  /**
   * Removes a module: every version, its credentials and its tools. Other modules are untouched.
   * Idempotent and resumable: after a store failure, calling it again finishes the cleanup; a
   * module that is already gone is a no-op.
   * @throws {ModuleError} `MODULE_STORE_FAILED`; {VaultError} `VAULT_STORE_FAILED` (call it again).
   */
  async uninstall(name: string): Promise<void> {
    await this.#ready;
    await uninstallModule(this.#rt, this.#options.store, name, () => {
      this.#code.forget(name);
    });
  }

  /**
   * Makes an installed version active again.
   * @throws {ModuleError} `MODULE_NOT_FOUND`, `MODULE_VERSION_NOT_FOUND`.
   */
  async rollback(name: string, version: string): Promise<ModuleRecord> {
    return toRecord(await rollbackModule(this.#rt, await this.#state(name), version));
  }

  /** Runs one tool of an installed module directly (what the agent's tools call). */
  async callTool(name: string, tool: string, input: JSONValue, signal?: AbortSignal): Promise<JSONValue> {
    await this.#ready;
    return invokeTool(this.#rt, name, tool, input, signal);
  }

  /**
   * A core `ToolSource`: every installed module's tools as `module__tool`. The list is cached and
   * updates (with a notification) on install, uninstall, disable, enable and rollback.
   */
  toolSource(): ToolSource {
    this.#tools ??= new ModuleToolSource(this.#registry, (name, tool, input, signal) => this.callTool(name, tool, input, signal), {
      patterns: sandboxPatternOracle(() => this.#rt.sandbox()),
    });
    return this.#tools;
  }

  /** Consecutive failures counted by a module's health breaker. */
  async healthOf(name: string): Promise<{
    /** Consecutive failed tool calls so far, counted over every instance sharing the store (0 after a success, `enable`, install or uninstall). */
    failures: number;
    /** Failures in a row that disable the module (`limits.breakerThreshold`). */
    threshold: number;
  }> {
    return { failures: await this.#breakers.failures(name), threshold: this.#breakers.threshold };
  }

  /** `close()`, so `await using modules = new ModuleManager(…)` closes it at the end of the scope. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** Stops listening for other instances' changes and closes the sandbox if this manager created it. Idempotent. */
  async close(): Promise<void> {
    await this.#registry.close();
    if (this.#sandbox?.owned) await (await this.#sandbox.sandbox).close();
  }

  /** @deprecated Use {@link ModuleManager.close} (the same). */
  dispose(): Promise<void> {
    return this.close();
  }
}
