/**
 * Approvals: minted by host code, bound to the sha256 of one exact bundle, signed with an HMAC
 * key the model can never see, single-use (see `approval-ledger.ts`) and expiring. The key is
 * shared by every instance of the app: by default it is derived (HKDF) from the vault's master
 * key, so an approval minted on one instance verifies on another that has the same key.
 */
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { bundleHash, canonicalJson } from '../format/bundle.js';
import { ApprovalError } from '../errors.js';
import { APPROVAL_KEY_ID_CHARS, MIN_APPROVAL_KEY_BYTES } from '../limits.js';
import type { Approval, ModuleBundle } from '../types.js';

/** Key material of an `ApprovalAuthority`: bytes, or a (possibly async) function returning them. */
export type ApprovalKeySource = Uint8Array | (() => Uint8Array | Promise<Uint8Array>);

/** What `mint` needs besides the bundle. */
export interface MintOptions {
  /** Who approved (a user id or name from the host app). */
  by: string;
  /** Lifetime of the approval, ms. */
  ttlMs: number;
  /** The approval skips the "validated bundles only" rule (see `ModuleManager.approve`). */
  validationBypassed?: boolean;
}

const SIGNED_FIELDS = ['id', 'bundleHash', 'moduleName', 'by', 'at', 'expiresAt', 'keyId'] as const;

function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('graft-approval-key-id:').update(key).digest('hex').slice(0, APPROVAL_KEY_ID_CHARS);
}

/** Mints and verifies approvals with a private key held in a private field. */
export class ApprovalAuthority {
  #key?: Promise<{ key: Buffer; id: string }>;
  readonly #source: () => Uint8Array | Promise<Uint8Array>;

  /**
   * @param key The HMAC key (≥ 32 bytes) or a function returning it (called once, lazily).
   *   Every instance that must verify the others' approvals needs the same key. When omitted, a
   *   random key of this object only (tests; `ModuleManager` derives a shared one instead).
   * @throws {RangeError} when a byte key is shorter than 32 bytes.
   */
  constructor(key: ApprovalKeySource = randomBytes(MIN_APPROVAL_KEY_BYTES)) {
    if (key instanceof Uint8Array) {
      if (key.byteLength < MIN_APPROVAL_KEY_BYTES) throw new RangeError(`The approval key must be at least ${MIN_APPROVAL_KEY_BYTES} bytes.`);
      const bytes = Buffer.from(key);
      this.#source = () => bytes;
    } else if (typeof key === 'function') this.#source = key;
    else throw new TypeError('ApprovalAuthority needs a key (Uint8Array of ≥ 32 bytes) or a function returning one.');
  }

  #material(): Promise<{ key: Buffer; id: string }> {
    this.#key ??= Promise.resolve()
      .then(() => this.#source())
      .then((k) => {
        if (!(k instanceof Uint8Array) || k.byteLength < MIN_APPROVAL_KEY_BYTES)
          throw new RangeError(`The approval key must be at least ${MIN_APPROVAL_KEY_BYTES} bytes.`);
        const key = Buffer.from(k);
        return { key, id: keyIdOf(key) };
      });
    return this.#key;
  }

  /** A short public fingerprint of the key (two instances agree iff their key ids are equal). */
  async keyId(): Promise<string> {
    return (await this.#material()).id;
  }

  static #payload(a: Partial<Approval>): string {
    const fields: Record<string, unknown> = {};
    for (const k of SIGNED_FIELDS) fields[k] = a[k];
    if (a.validationBypassed === true) fields.validationBypassed = true;
    return canonicalJson(fields);
  }

  /** Mints a single-use approval of `bundle`, valid for `ttlMs`. */
  async mint(bundle: ModuleBundle, options: MintOptions): Promise<Approval> {
    const by = options?.by;
    if (typeof by !== 'string' || by.trim() === '')
      throw new ApprovalError(
        'MODULE_APPROVER_REQUIRED',
        'approve(draft, { by }) needs a non-empty `by`: pass the id or name of the user who approved.',
        typeof bundle?.manifest?.name === 'string' ? bundle.manifest.name : undefined,
      );
    if (!Number.isFinite(options.ttlMs) || options.ttlMs <= 0) throw new RangeError('The approval lifetime (ttlMs) must be a positive number of milliseconds.');
    const { key, id: keyId } = await this.#material();
    const now = Date.now();
    const fields: Omit<Approval, 'signature'> = {
      id: randomUUID(),
      bundleHash: bundleHash(bundle),
      moduleName: String(bundle.manifest?.name),
      by,
      at: new Date(now).toISOString(),
      expiresAt: new Date(now + options.ttlMs).toISOString(),
      keyId,
      ...(options.validationBypassed ? { validationBypassed: true as const } : {}),
    };
    const signature = createHmac('sha256', key).update(ApprovalAuthority.#payload(fields), 'utf8').digest('hex');
    return Object.freeze({ ...fields, signature });
  }

  /**
   * Checks that `approval` was minted with this key for exactly `bundle` and has not expired
   * (single use is checked by the ledger, at install).
   * @throws {ApprovalError} `MODULE_APPROVAL_REQUIRED`, `_INVALID`, `_KEY_MISMATCH`, `_MISMATCH` or `_EXPIRED`.
   */
  async verify(bundle: ModuleBundle, approval: unknown, now = Date.now()): Promise<Approval> {
    const name = typeof bundle?.manifest?.name === 'string' ? bundle.manifest.name : undefined;
    if (approval === undefined || approval === null)
      throw new ApprovalError(
        'MODULE_APPROVAL_REQUIRED',
        'Installing a module needs an approval: the host app must call `await manager.approve(draft, { by })` after the user agrees.',
        name,
      );
    const a = approval as Partial<Approval>;
    if (typeof a !== 'object' || SIGNED_FIELDS.some((k) => typeof a[k] !== 'string') || typeof a.signature !== 'string' || !/^[0-9a-f]{64}$/.test(a.signature))
      throw new ApprovalError(
        'MODULE_APPROVAL_INVALID',
        'The approval is malformed; only `await manager.approve(draft, { by })` can create one. Ask the user to approve again.',
        name,
      );
    if (a.validationBypassed !== undefined && a.validationBypassed !== true)
      throw new ApprovalError(
        'MODULE_APPROVAL_INVALID',
        'The approval is malformed (validationBypassed must be true or absent). Ask the user to approve again.',
        name,
      );
    const { key, id } = await this.#material();
    const expected = createHmac('sha256', key).update(ApprovalAuthority.#payload(a), 'utf8').digest();
    const given = Buffer.from(a.signature, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      if (a.keyId !== id)
        throw new ApprovalError(
          'MODULE_APPROVAL_KEY_MISMATCH',
          `The approval was signed with another approval key (key id ${a.keyId}; this instance uses ${id}). Every instance must share the same GRAFT_MASTER_KEY (or the same \`approvalKey\`); fix the configuration, or ask the user to approve again on this instance.`,
          name,
        );
      throw new ApprovalError('MODULE_APPROVAL_INVALID', 'The approval was not issued by this app (bad signature); ask the user to approve again.', name);
    }
    if (a.bundleHash !== bundleHash(bundle) || a.moduleName !== name)
      throw new ApprovalError(
        'MODULE_APPROVAL_MISMATCH',
        'The module changed after it was approved (its sha256 no longer matches); show the new version to the user and approve it again.',
        name,
      );
    const expires = Date.parse(a.expiresAt as string);
    if (!Number.isFinite(expires) || expires <= now)
      throw new ApprovalError(
        'MODULE_APPROVAL_EXPIRED',
        `The approval expired at ${a.expiresAt}; show the module to the user again and mint a new approval with manager.approve.`,
        name,
      );
    return a as Approval;
  }
}
