/**
 * What the approval rules remember in the store (shared by every instance): which bundle hashes
 * passed validation in this app, and which approvals were already used.
 */
import { ModuleError } from '../errors.js';
import { REGISTRY_PREFIX, VALIDATION_RECORD_TTL_MS } from '../limits.js';
import type { KeyValueStore } from '../store/kv.js';
import { claimOnce, setExpiring } from '../store/ops.js';
import type { Approval, ValidationReport } from '../types.js';

/** The record of a passing validation, bound to the bundle's sha256. */
export interface ValidationRecord {
  /** sha256 of the bundle that passed. */
  bundleHash: string;
  /** Always true: only passing reports are recorded. */
  passed: true;
  /** Offline cases that ran and passed. */
  tests: number;
  /** When the validation finished, ISO 8601. */
  validatedAt: string;
}

const validationKey = (hash: string) => `${REGISTRY_PREFIX}validated/${hash}`;
const usedKey = (id: string) => `${REGISTRY_PREFIX}approval-used/${id}`;

function storeFailed(step: string, cause: unknown, moduleName?: string): ModuleError {
  return new ModuleError(
    'MODULE_STORE_FAILED',
    `Could not ${step}: the store failed (${cause instanceof Error ? cause.message : String(cause)}). Nothing was installed; check the store and retry.`,
    { cause, ...(moduleName ? { moduleName } : {}) },
  );
}

/** Validation records and used approvals, persisted in the manager's store. */
export class ApprovalLedger {
  readonly #store: KeyValueStore;

  constructor(store: KeyValueStore) {
    this.#store = store;
  }

  /** Records `report` when it passed (a failing report records nothing). */
  async recordValidation(report: ValidationReport): Promise<void> {
    if (!report.passed || !/^[0-9a-f]{64}$/.test(report.bundleHash)) return;
    const record: ValidationRecord = { bundleHash: report.bundleHash, passed: true, tests: report.tests?.passed ?? 0, validatedAt: new Date().toISOString() };
    try {
      await setExpiring(this.#store, validationKey(report.bundleHash), record, VALIDATION_RECORD_TTL_MS);
    } catch (e) {
      throw storeFailed('record the validation report', e);
    }
  }

  /** The passing validation record of `hash`, or `undefined`. */
  async validated(hash: string): Promise<ValidationRecord | undefined> {
    try {
      const r = (await this.#store.get(validationKey(hash))) as ValidationRecord | undefined;
      return r?.passed === true && r.bundleHash === hash ? r : undefined;
    } catch (e) {
      throw storeFailed('read the validation record', e);
    }
  }

  /** Marks `approval` used; false when it already was (here or on another instance). */
  async consume(approval: Approval): Promise<boolean> {
    const ttl = Math.max(1000, Date.parse(approval.expiresAt) - Date.now() + 60_000);
    try {
      return await claimOnce(this.#store, usedKey(approval.id), { bundleHash: approval.bundleHash, at: new Date().toISOString() }, ttl);
    } catch (e) {
      throw storeFailed('mark the approval as used', e, approval.moduleName);
    }
  }

  /** Gives a consumed approval back after an install that failed before changing anything. */
  async release(approval: Approval): Promise<void> {
    await this.#store.delete(usedKey(approval.id)).catch(() => undefined);
  }
}
