/**
 * The approval rules of `ModuleManager.approve` and `.install`: only a bundle with a passing
 * validation report for its exact hash can be approved or installed (unless the host says
 * `dangerouslySkipValidation`), an approval is verified, unexpired and used once, and install
 * works on a snapshot of the bundle taken before its first `await`.
 */
import type { ApprovalAuthority } from './authority.js';
import type { ApprovalLedger } from './ledger.js';
import { bundleHash, snapshotBundle } from '../format/bundle.js';
import { ApprovalError } from '../errors.js';
import { parseManifest } from '../format/manifest.js';
import { installBundle } from '../install/install.js';
import type { ManagerRuntime } from '../manager/runtime.js';
import type { ModuleState } from '../install/registry.js';
import type { Approval, ModuleBundle } from '../types.js';

/** Options of `ModuleManager.approve`. */
export interface ApproveOptions {
  /** Who approved (a user id or name from the host app); recorded in the version. */
  by: string;
  /**
   * Approve a bundle that has no passing validation report in this app (its tests did not run
   * here, or failed). Dangerous: the approval says so, and `install` must say so too.
   */
  dangerouslySkipValidation?: boolean;
}

/** Options of `ModuleManager.install`. */
export interface InstallOptions {
  /**
   * Install a bundle that has no passing validation report in this app. Dangerous: the install
   * event and the version record carry `validationBypassed: true`.
   */
  dangerouslySkipValidation?: boolean;
}

/** What the approval path needs from the manager. */
export interface ApprovalContext {
  rt: ManagerRuntime;
  authority: ApprovalAuthority;
  ledger: ApprovalLedger;
  ttlMs: number;
  ready: Promise<void>;
}

function nameOf(bundle: ModuleBundle): string | undefined {
  const n = (bundle.manifest as { name?: unknown } | null)?.name;
  return typeof n === 'string' ? n : undefined;
}

async function requireValidated(ctx: ApprovalContext, bundle: ModuleBundle, hash: string, action: 'approved' | 'installed'): Promise<void> {
  if (await ctx.ledger.validated(hash)) return;
  throw new ApprovalError(
    'MODULE_NOT_VALIDATED',
    `This bundle (sha256 ${hash.slice(0, 12)}…) has no passing validation in this app, so it cannot be ${action}: run \`await manager.validate(draft)\` (or build it with manager.build / build_module) and fix what the report says. Only if you must, pass { dangerouslySkipValidation: true } to both approve and install.`,
    nameOf(bundle),
  );
}

/** Mints an approval of exactly `draft.bundle` (as it is now), after checking it was validated. */
export async function approveDraft(ctx: ApprovalContext, draft: { bundle: unknown }, options: ApproveOptions): Promise<Approval> {
  const bundle = snapshotBundle(draft?.bundle);
  const bypass = options?.dangerouslySkipValidation === true;
  if (typeof options?.by !== 'string' || options.by.trim() === '')
    throw new ApprovalError(
      'MODULE_APPROVER_REQUIRED',
      'approve(draft, { by }) needs a non-empty `by`: pass the id or name of the user who approved.',
      typeof bundle.manifest?.name === 'string' ? bundle.manifest.name : undefined,
    );
  await ctx.ready;
  if (!bypass) await requireValidated(ctx, bundle, bundleHash(bundle), 'approved');
  parseManifest(bundle.manifest); // even when validation is bypassed: a missing or invalid manifest is MODULE_INVALID_MANIFEST, never approvable
  const approval = await ctx.authority.mint(bundle, { by: options.by, ttlMs: ctx.ttlMs, ...(bypass ? { validationBypassed: true } : {}) });
  ctx.rt.emit({ type: 'module.approved', name: approval.moduleName, bundleHash: approval.bundleHash, by: approval.by });
  return approval;
}

/** Verifies and consumes `approval`, then installs the snapshot of `draft.bundle`. */
export async function installApproved(ctx: ApprovalContext, draft: { bundle: unknown }, approval: unknown, options: InstallOptions = {}): Promise<ModuleState> {
  // Snapshots before the first await: later edits of the caller's objects change nothing here.
  const bundle = snapshotBundle(draft?.bundle);
  const given = approval && typeof approval === 'object' ? Object.freeze({ ...(approval as Approval) }) : approval;
  const bypass = options?.dangerouslySkipValidation === true;
  await ctx.ready;
  const verified = await ctx.authority.verify(bundle, given);
  if (verified.validationBypassed && !bypass)
    throw new ApprovalError(
      'MODULE_NOT_VALIDATED',
      'The approval was minted with dangerouslySkipValidation; install must say { dangerouslySkipValidation: true } too, or validate the bundle and approve it again.',
      verified.moduleName,
    );
  if (!bypass) await requireValidated(ctx, bundle, verified.bundleHash, 'installed');
  if (!(await ctx.ledger.consume(verified)))
    throw new ApprovalError(
      'MODULE_APPROVAL_USED',
      'This approval was already used to install the module; an approval installs once. Ask the user to approve again (manager.approve) to install it again.',
      verified.moduleName,
    );
  try {
    return await installBundle(ctx.rt, bundle, verified, { validationBypassed: bypass });
  } catch (e) {
    // Nothing was activated: the approval may be used again once the cause is fixed.
    await ctx.ledger.release(verified);
    throw e;
  }
}
