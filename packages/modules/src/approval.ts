/**
 * Approvals: minted by host code, bound to the sha256 of one exact bundle, signed with a
 * per-manager HMAC key the model can never see, so a fabricated approval object is refused.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { bundleHash, canonicalJson } from './bundle.js';
import { ApprovalError } from './errors.js';
import type { Approval, ModuleBundle } from './types.js';

/** Mints and verifies approvals with a private key held in a private field. */
export class ApprovalAuthority {
  readonly #key: Buffer;

  /** @param key Optional HMAC key (≥ 32 bytes); a random one is generated when omitted. */
  constructor(key?: Uint8Array) {
    if (key && key.byteLength < 32) throw new RangeError('The approval key must be at least 32 bytes.');
    this.#key = key ? Buffer.from(key) : randomBytes(32);
  }

  #sign(fields: Omit<Approval, 'signature'>): string {
    const payload = canonicalJson({ bundleHash: fields.bundleHash, moduleName: fields.moduleName, by: fields.by, at: fields.at });
    return createHmac('sha256', this.#key).update(payload, 'utf8').digest('hex');
  }

  /** Mints an approval of `bundle` by `by` (a user id or name from the host app). */
  mint(bundle: ModuleBundle, by: string): Approval {
    if (typeof by !== 'string' || by.trim() === '')
      throw new ApprovalError('MODULE_APPROVER_REQUIRED', 'approve(draft, { by }) needs a non-empty `by`: pass the id or name of the user who approved.', typeof bundle.manifest?.name === 'string' ? bundle.manifest.name : undefined);
    const fields = { bundleHash: bundleHash(bundle), moduleName: String(bundle.manifest?.name), by, at: new Date().toISOString() };
    return Object.freeze({ ...fields, signature: this.#sign(fields) });
  }

  /**
   * Checks that `approval` was minted by this authority for exactly `bundle`.
   * @throws {ApprovalError} `MODULE_APPROVAL_REQUIRED`, `MODULE_APPROVAL_INVALID` or `MODULE_APPROVAL_MISMATCH`.
   */
  verify(bundle: ModuleBundle, approval: unknown): asserts approval is Approval {
    const name = typeof bundle?.manifest?.name === 'string' ? bundle.manifest.name : undefined;
    if (approval === undefined || approval === null)
      throw new ApprovalError('MODULE_APPROVAL_REQUIRED', 'Installing a module needs an approval: the host app must call manager.approve(draft, { by }) after the user agrees.', name);
    const a = approval as Partial<Approval>;
    const strings = ['bundleHash', 'moduleName', 'by', 'at', 'signature'] as const;
    if (typeof a !== 'object' || strings.some((k) => typeof a[k] !== 'string'))
      throw new ApprovalError('MODULE_APPROVAL_INVALID', 'The approval is malformed; only manager.approve(draft, { by }) can create one.', name);
    const expected = Buffer.from(this.#sign(a as Approval), 'hex');
    const given = Buffer.from(a.signature as string, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new ApprovalError('MODULE_APPROVAL_INVALID', 'The approval was not issued by this module manager (bad signature); ask the user to approve again.', name);
    if (a.bundleHash !== bundleHash(bundle) || a.moduleName !== name)
      throw new ApprovalError(
        'MODULE_APPROVAL_MISMATCH',
        'The module changed after it was approved (its sha256 no longer matches); show the new version to the user and approve it again.',
        name,
      );
  }
}
