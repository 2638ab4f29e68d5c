/**
 * Typed errors of `@graft/modules`. Every public failure is a `ModuleError` with a stable
 * `code` and a message that says what to do next. Messages never contain secret values.
 */
import { GraftError } from '@graft/providers';

/** Stable codes of every `ModuleError`. */
export type ModuleErrorCode =
  | 'MODULE_INVALID_MANIFEST'
  | 'MODULE_INVALID_BUNDLE'
  | 'MODULE_TOO_LARGE'
  | 'MODULE_EXPORTS_MISMATCH'
  | ApprovalErrorCode
  | 'MODULE_TOO_MANY_BUILDS'
  | 'MODULE_LIVE_TEST_FAILED'
  | 'MODULE_NOT_FOUND'
  | 'MODULE_VERSION_NOT_FOUND'
  | 'MODULE_VERSION_CONFLICT'
  | 'MODULE_STORE_FAILED'
  | 'MODULE_BUSY'
  | 'MODULE_CREDENTIALS_MISSING'
  | 'MODULE_CREDENTIAL_UNKNOWN'
  | 'MODULE_CREDENTIAL_INVALID'
  | 'MODULE_DISABLED'
  | 'MODULE_NOT_ACTIVE'
  | 'MODULE_TOOL_FAILED'
  | 'MODULE_TOOL_INPUT_INVALID'
  | 'MODULE_NO_PROVIDER'
  | 'MODULE_MCP_SDK_MISSING'
  | 'MODULE_MCP_FAILED'
  | 'MODULE_SCRIPT_INVALID'
  | 'MODULE_SCRIPT_FAILED'
  | 'MODULE_GENERATION_FAILED'
  | 'MODULE_CURRICULUM_BUDGET_INVALID'
  | 'MODULE_CURRICULUM_OUTPUT_INVALID'
  | 'MODULE_TELEMETRY_UNAVAILABLE'
  | 'VAULT_KEY_MISSING'
  | 'VAULT_KEY_INVALID'
  | 'VAULT_DECRYPT_FAILED'
  | 'VAULT_STORE_FAILED';

/** Base class of every error thrown by `@graft/modules`. */
export class ModuleError extends GraftError<ModuleErrorCode> {
  /** The module concerned, when there is one. */
  readonly moduleName?: string;

  constructor(code: ModuleErrorCode, message: string, options?: { moduleName?: string; cause?: unknown }) {
    super(code, message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ModuleError';
    if (options?.moduleName !== undefined) this.moduleName = options.moduleName;
  }
}

/** One problem with a manifest field. */
export interface ManifestIssue {
  /** Dotted path of the field, e.g. `permissions.hosts.0`; empty for the manifest itself. */
  path: string;
  /** What is wrong with the field and how to fix it. */
  message: string;
}

/** The manifest failed `ManifestSchema`; `issues` names every bad field. */
export class ManifestError extends ModuleError {
  /** Every bad field; the error's message lists the same issues. */
  readonly issues: ManifestIssue[];
  constructor(issues: ManifestIssue[]) {
    const list = issues.map((i) => `${i.path || '(manifest)'}: ${i.message}`).join('; ');
    super('MODULE_INVALID_MANIFEST', `Invalid module manifest: ${list}. Fix these fields and submit the module again.`);
    this.name = 'ManifestError';
    this.issues = issues;
  }
}

/** Codes of `ApprovalError`. */
export type ApprovalErrorCode =
  | 'MODULE_APPROVAL_REQUIRED'
  | 'MODULE_APPROVAL_INVALID'
  | 'MODULE_APPROVAL_MISMATCH'
  | 'MODULE_APPROVAL_EXPIRED'
  | 'MODULE_APPROVAL_USED'
  | 'MODULE_APPROVAL_KEY_MISMATCH'
  | 'MODULE_APPROVAL_HASH_REQUIRED'
  | 'MODULE_APPROVER_REQUIRED'
  | 'MODULE_NOT_VALIDATED';

/**
 * An approval was missing, forged, signed with another instance's key, for a changed bundle,
 * expired, already used, answered without the bundle hash, or for a bundle with no passing
 * validation report; or `approve` was called without saying who approved (`MODULE_APPROVER_REQUIRED`).
 */
export class ApprovalError extends ModuleError {
  constructor(code: ApprovalErrorCode, message: string, moduleName?: string) {
    super(code, message, { moduleName });
    this.name = 'ApprovalError';
  }
}

/** The vault has no usable key, a stored value could not be decrypted, or its store failed. */
export class VaultError extends ModuleError {
  constructor(
    code: 'VAULT_KEY_MISSING' | 'VAULT_KEY_INVALID' | 'VAULT_DECRYPT_FAILED' | 'VAULT_STORE_FAILED',
    message: string,
    moduleName?: string,
    cause?: unknown,
  ) {
    super(code, message, { moduleName, cause });
    this.name = 'VaultError';
  }
}

/** A tool call of a module failed (sandbox error, disabled module, bad input). */
export class ModuleToolError extends ModuleError {
  /** The sandbox's error code when the failure came from the run. */
  readonly sandboxCode?: string;
  constructor(code: ModuleErrorCode, message: string, options: { moduleName: string; sandboxCode?: string }) {
    super(code, message, { moduleName: options.moduleName });
    this.name = 'ModuleToolError';
    if (options.sandboxCode !== undefined) this.sandboxCode = options.sandboxCode;
  }
}
