import type { ChatProvider } from '@graft/providers';
import { createResponseCache, type CacheStore, type ResponseCache } from './cache.js';
import { BLOCKED_TOOL_RESULT_TEXT, DEFAULT_INJECTION_THRESHOLD, DEFAULT_MODEL_CHECK_BUDGET_PER_RUN } from '../defaults.js';
import { GuardError } from './errors.js';
import { detectInjection } from './injection.js';
import { modelCheckInjection } from './model-check.js';
import { detectPII, redactSpans } from './pii.js';
import { PII_TYPES, type InjectionResult, type PiiFinding, type PiiSpan, type PiiType } from './types.js';
import { PiiVault } from './vault.js';
import { memoryVerdictCache, RunBudget } from './model-check-state.js';

/** PII guard settings. */
export interface PiiGuardOptions {
  /** `redact` replaces values by placeholders, `flag` only reports them, `off` skips. */
  mode: 'redact' | 'flag' | 'off';
  /** Types to look for (default: all). */
  types?: readonly PiiType[];
  /**
   * Keep values in the thread's vault so placeholders in tool-call arguments can be
   * restored to the user's own values (default `false`: only hashes are kept, so the same
   * value still gets the same placeholder across turns, but placeholders stay placeholders).
   */
  reversible?: boolean;
}

/** Injection guard settings. */
export interface InjectionGuardOptions {
  /** `block` stops flagged input, `flag` only reports it, `off` skips. */
  mode: 'flag' | 'block' | 'off';
  /** Score threshold (default 0.5). */
  threshold?: number;
  /** Optional model-assisted check (e.g. the router's standard tier). */
  model?: ChatProvider;
  /** When the model check runs: on every text, or only when heuristics scored above 0 (default `'suspicious'`). */
  modelWhen?: 'always' | 'suspicious';
  /** Rule ids to disable. */
  disabledRules?: readonly string[];
  /**
   * Model checks one agent run may make (default `DEFAULT_MODEL_CHECK_BUDGET_PER_RUN`, 8);
   * cache hits are free. When it is spent, heuristics decide (`fallback: true` on findings).
   */
  modelBudgetPerRun?: number;
  /**
   * Where model verdicts are cached by a hash of the text (default: an in-memory cache of
   * `DEFAULT_MODEL_CHECK_CACHE_ENTRIES`; pass a shared store so instances share verdicts, or
   * `false` for none).
   */
  modelCache?: CacheStore | false;
}

/** Options of {@link createGuards}. */
export interface GuardsOptions {
  /** Default `{ mode: 'redact', reversible: false }`. */
  pii?: PiiGuardOptions;
  /** Default `{ mode: 'flag' }`. */
  injection?: InjectionGuardOptions;
  /** Response cache: a ready cache, or a store (plus TTL) to build one on. */
  cache?:
    | ResponseCache
    | {
        /** Where entries live (a `Map` fits). */
        store: CacheStore;
        /** Entry lifetime in ms (default one hour). */
        ttlMs?: number;
      };
}

/** A finding of one inspection. Never holds raw PII values or the inspected text. */
export type GuardFinding =
  | ({
      /** A PII value was found (redacted in `redact` mode). */
      guard: 'pii';
    } & PiiFinding)
  | {
      /** The injection guard flagged the text (only flagged verdicts become findings). */
      guard: 'injection';
      /** The final score in [0, 1] (at or above the threshold). */
      score: number;
      /** Rule ids that fired, strongest first. */
      rules: string[];
      /** Where the verdict came from. */
      source: 'heuristics' | 'model';
      /** True when the model check could not be used and heuristics decided. */
      fallback?: boolean;
    };

/** Result of an inspection. */
export interface GuardResult {
  /** The text to pass on (PII redacted in `redact` mode; a notice when a tool result is blocked). */
  text: string;
  /** What was found (types, offsets into the original text, placeholders, rule ids). */
  findings: GuardFinding[];
  /** True when the injection guard in `block` mode flagged the text. */
  blocked: boolean;
  /** The injection verdict (`undefined` when the injection guard is off). */
  injection?: InjectionResult;
  /** The vault that maps placeholders back, when `pii.reversible` is on. */
  vault?: PiiVault;
}

/** Per-call options of an inspection. */
export interface InspectOptions {
  /** The thread's vault (keeps placeholder numbering stable across turns). Default: the guards' own vault. */
  vault?: PiiVault;
  /** The agent run this inspection belongs to: the model check's budget is counted per run. */
  runId?: string;
}

/** The guards the Agent calls around the model. */
export interface Guards {
  /** Inspect a user message before it reaches the model. */
  inspectInput(text: string, options?: InspectOptions): Promise<GuardResult>;
  /** Inspect a tool result (untrusted input) before it reaches the model; a blocked one is replaced by a notice. */
  inspectToolResult(text: string, options?: InspectOptions): Promise<GuardResult>;
  /** {@link Guards.inspectInput} without the model check (heuristics only, synchronous). */
  inspectInputSync(text: string, options?: InspectOptions): GuardResult;
  /** Restore placeholders in tool-call arguments (identity unless `pii.reversible`). */
  restoreArgs<T>(args: T, options?: InspectOptions): T;
  /** Throw `GUARD_INJECTION_BLOCKED` when `result.blocked`. */
  assertNotBlocked(result: GuardResult): void;
  /** The default vault (only used when `pii.reversible`). */
  readonly vault: PiiVault;
  /** The response cache, when configured. */
  readonly cache?: ResponseCache;
  /** The effective settings. */
  readonly options: Readonly<{
    /** The PII guard settings (the default when none were given). */
    pii: PiiGuardOptions;
    /** The injection guard settings (the default when none were given). */
    injection: InjectionGuardOptions;
  }>;
}

/**
 * The guard finding of a PII span (never its value): `kind` and `placeholder` only when
 * defined, in that order. Each variant is one object literal (no property added afterwards:
 * one allocation of its final shape per finding).
 */
function piiGuardFinding(span: PiiSpan, placeholder?: string): GuardFinding {
  const { type, start, end, kind } = span;
  if (placeholder !== undefined) {
    return kind !== undefined ? { guard: 'pii', type, start, end, kind, placeholder } : { guard: 'pii', type, start, end, placeholder };
  }
  return kind !== undefined ? { guard: 'pii', type, start, end, kind } : { guard: 'pii', type, start, end };
}

function validate(pii: PiiGuardOptions, injection: InjectionGuardOptions): void {
  if (!['redact', 'flag', 'off'].includes(pii.mode)) {
    throw new GuardError('GUARD_INVALID_OPTIONS', `pii.mode must be 'redact', 'flag' or 'off' (got ${String(pii.mode)}).`);
  }
  for (const t of pii.types ?? []) {
    if (!PII_TYPES.includes(t)) {
      throw new GuardError('GUARD_INVALID_OPTIONS', `Unknown PII type ${String(t)}; use one of ${PII_TYPES.join(', ')}.`);
    }
  }
  if (!['flag', 'block', 'off'].includes(injection.mode)) {
    throw new GuardError('GUARD_INVALID_OPTIONS', `injection.mode must be 'flag', 'block' or 'off' (got ${String(injection.mode)}).`);
  }
  const budget = injection.modelBudgetPerRun;
  if (budget !== undefined && !(Number.isInteger(budget) && budget >= 0)) {
    throw new GuardError('GUARD_INVALID_OPTIONS', `injection.modelBudgetPerRun must be a whole number ≥ 0 (got ${String(budget)}).`);
  }
  const th = injection.threshold;
  if (th !== undefined && !(th > 0 && th <= 1)) {
    throw new GuardError('GUARD_INVALID_OPTIONS', `injection.threshold must be in (0, 1] (got ${String(th)}); 0.5 is the default.`);
  }
}

/**
 * Build the reflex layer: PII redaction, prompt-injection flagging/blocking (heuristics,
 * optionally confirmed by a model) and a response cache.
 *
 * @example
 * ```ts
 * const guards = createGuards({ pii: { mode: 'redact', reversible: true }, injection: { mode: 'block' } });
 * const r = await guards.inspectInput('Mail jane@example.com the report');
 * r.text; // 'Mail [EMAIL_1] the report'
 * ```
 * @throws GuardError `GUARD_INVALID_OPTIONS` for an unknown mode, type or a threshold outside (0, 1]
 */
export function createGuards(options: GuardsOptions = {}): Guards {
  const pii: PiiGuardOptions = options.pii ?? { mode: 'redact', reversible: false };
  const injection: InjectionGuardOptions = options.injection ?? { mode: 'flag' };
  validate(pii, injection);
  const threshold = injection.threshold ?? DEFAULT_INJECTION_THRESHOLD;
  const vault = new PiiVault();
  // Without reversibility, each thread's vault gets a hash-only twin: stable placeholders
  // across turns, no values kept.
  const twins = new WeakMap<PiiVault, PiiVault>();
  const hashOnly = (v: PiiVault): PiiVault => {
    if (!v.reversible) return v;
    let t = twins.get(v);
    if (!t) twins.set(v, (t = new PiiVault({ reversible: false })));
    return t;
  };
  const budget = new RunBudget(injection.modelBudgetPerRun ?? DEFAULT_MODEL_CHECK_BUDGET_PER_RUN);
  const verdictCache = injection.modelCache === false ? undefined : (injection.modelCache ?? memoryVerdictCache());
  const cache = options.cache === undefined ? undefined : 'store' in options.cache ? createResponseCache(options.cache) : options.cache;

  const piiTypes = pii.types !== undefined ? { types: pii.types } : {};
  const piiStage = (text: string, opts: InspectOptions | undefined): { text: string; findings: GuardFinding[]; vault?: PiiVault } => {
    if (pii.mode === 'off') return { text, findings: [] };
    const spans = detectPII(text, piiTypes);
    if (pii.mode === 'flag') return { text, findings: spans.map((s) => piiGuardFinding(s)) };
    const v = pii.reversible ? (opts?.vault ?? vault) : hashOnly(opts?.vault ?? vault);
    const r = redactSpans<GuardFinding>(text, spans, v, piiGuardFinding);
    return pii.reversible ? { text: r.text, findings: r.findings, vault: v } : r;
  };

  const finish = (
    stage: { text: string; findings: GuardFinding[]; vault?: PiiVault },
    verdict: InjectionResult | undefined,
    source: 'heuristics' | 'model',
    fallback: boolean,
    isToolResult: boolean,
  ): GuardResult => {
    const findings = stage.findings;
    let blocked = false;
    if (verdict && verdict.flagged) {
      findings.push({
        guard: 'injection',
        score: verdict.score,
        rules: verdict.rules.map((r) => r.id),
        source,
        ...(fallback ? { fallback: true } : {}),
      });
      blocked = injection.mode === 'block';
    }
    const result: GuardResult = { text: blocked && isToolResult ? BLOCKED_TOOL_RESULT_TEXT : stage.text, findings, blocked };
    if (verdict) result.injection = verdict;
    if (stage.vault) result.vault = stage.vault;
    return result;
  };

  const heuristic = (text: string, origin: 'user' | 'untrusted'): InjectionResult | undefined =>
    injection.mode === 'off'
      ? undefined
      : detectInjection(text, { threshold, origin, ...(injection.disabledRules ? { disabledRules: injection.disabledRules } : {}) });

  const inspect = async (text: string, opts: InspectOptions | undefined, isToolResult: boolean): Promise<GuardResult> => {
    const stage = piiStage(text, opts);
    const origin = isToolResult ? 'untrusted' : 'user';
    let verdict = heuristic(text, origin);
    let source: 'heuristics' | 'model' = 'heuristics';
    let fallback = false;
    if (verdict && injection.model && (injection.modelWhen === 'always' || verdict.score > 0)) {
      const checked = await modelCheckInjection(text, {
        provider: injection.model,
        threshold,
        origin,
        ...(verdictCache ? { cache: verdictCache } : {}),
        // a cache hit spends nothing: the budget is taken only when the model is really asked
        beforeModelCall: () => budget.take(opts?.runId),
        ...(injection.disabledRules ? { disabledRules: injection.disabledRules } : {}),
      });
      verdict = { flagged: checked.flagged, score: checked.score, rules: checked.rules };
      source = checked.source;
      fallback = checked.fallback !== undefined;
    }
    return finish(stage, verdict, source, fallback, isToolResult);
  };

  return {
    inspectInput: (text, opts) => inspect(text, opts, false),
    inspectToolResult: (text, opts) => inspect(text, opts, true),
    inspectInputSync: (text, opts) => finish(piiStage(text, opts), heuristic(text, 'user'), 'heuristics', false, false),
    restoreArgs<T>(args: T, opts?: InspectOptions): T {
      if (pii.mode !== 'redact' || !pii.reversible) return args;
      return (opts?.vault ?? vault).restoreDeep(args);
    },
    assertNotBlocked(result) {
      if (!result.blocked) return;
      const rules = result.injection?.rules.map((r) => r.id) ?? [];
      throw new GuardError(
        'GUARD_INJECTION_BLOCKED',
        `Input blocked: it looks like a prompt injection (score ${result.injection?.score ?? 1}, rules: ${rules.join(', ') || 'n/a'}). Rephrase the request, or set injection.mode to 'flag' if this source is trusted.`,
        rules,
      );
    },
    vault,
    ...(cache ? { cache } : {}),
    options: { pii, injection },
  };
}
