/**
 * What generation, validation and repair need from their host (`ModuleManager` passes these).
 */
import type { ChatProvider } from '@graft/providers';
import type { Limits, Sandbox } from '@graft/sandbox';
import type { RegressionReport } from '../install/regression.js';
import type { ModuleBundle, ModuleEvent, ValidationReport } from '../types.js';

/** What a build runs with: the model, the sandbox, limits and the event sink (`ModuleManager.buildDeps()`). */
export interface BuildDeps {
  /** The model that writes modules (the router's heavy/coding tier). Not needed by `validateDraft`. */
  provider?: ChatProvider;
  /** The sandbox that runs the module's tests, or a function creating it lazily. */
  sandbox: Sandbox | (() => Sandbox | Promise<Sandbox>);
  /** Receives progress events. */
  emit?: (event: ModuleEvent) => void;
  /** Sandbox limits for validation runs (merged over the sandbox's defaults). */
  limits?: Partial<Limits>;
  /** Model override for generation requests. */
  model?: string;
  /**
   * Called with every validation report before `validateDraft` returns (the manager records
   * passing reports, bound to the bundle hash, so only validated bundles can be approved).
   */
  onReport?: (report: ValidationReport) => void | Promise<void>;
  /**
   * For a bundle whose passing validation makes it a candidate upgrade of an installed module:
   * replays the installed version's recorded live exchanges on it (the manager passes this).
   */
  regressionCheck?: (bundle: ModuleBundle) => Promise<RegressionReport | undefined>;
  /** Capabilities granted to test runs, for local stand-ins of an API (tests only). */
  sandboxCapabilities?: {
    /** Allow `http:` URLs (default: https only). */
    allowInsecureHttp?: boolean;
    /** Allow loopback and private addresses (default: refused). */
    allowPrivateNetwork?: boolean;
  };
}

/** Resolves the sandbox of `deps` (creating it on first use when it is a factory). */
export async function sandboxOf(deps: BuildDeps): Promise<Sandbox> {
  return typeof deps.sandbox === 'function' ? await deps.sandbox() : deps.sandbox;
}

/** Emits an event, never letting a listener's failure break the build. */
export function emitSafe(deps: BuildDeps, event: ModuleEvent): void {
  try {
    deps.emit?.(event);
  } catch {
    // A UI listener must not break module generation.
  }
}
