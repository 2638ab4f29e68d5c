/**
 * The credential vault: AES-256-GCM with a random IV per value and the credential's identity as
 * associated data. No public method returns a plaintext; the only path to plaintext is
 * `revealSecrets`, which is internal to this package and used only to build the sandbox's
 * `capabilities.fetch.secrets` for a module's own run.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { ModuleError, VaultError } from '../errors.js';
import {
  APPROVAL_KEY_HKDF_INFO,
  INSECURE_DEV_KEY,
  MASTER_KEY_ENV,
  MAX_CREDENTIAL_VALUE_LENGTH,
  VAULT_IV_BYTES,
  VAULT_KEY_BYTES,
  VAULT_PREFIX,
} from '../limits.js';
import type { KeyValueStore } from '../store/kv.js';

/** Key material: 32 raw bytes, or a string of 32 bytes in base64 or hex. */
export type VaultKey = Uint8Array | string;

/** Options of `CredentialVault`. */
export interface VaultOptions {
  /** Where encrypted values are kept (the same store as the registry is fine). */
  store: KeyValueStore;
  /** The master key. When omitted, `keyProvider`, then `GRAFT_MASTER_KEY` from `env` is used. */
  key?: VaultKey;
  /** Called once, lazily, to fetch the master key (e.g. from a KMS). */
  keyProvider?: () => VaultKey | Promise<VaultKey>;
  /** Environment to read `GRAFT_MASTER_KEY` from; default `process.env`. */
  env?: Record<string, string | undefined>;
  /**
   * Explicit opt-in to a fixed, publicly known key for local development only: anyone can decrypt
   * values stored this way. Never use it in production; a warning is printed once.
   */
  devMode?: typeof INSECURE_DEV_KEY;
}

interface Sealed {
  v: 1;
  iv: string;
  tag: string;
  data: string;
}
type SealedMap = Record<string, Sealed>;

interface Internals {
  read(moduleName: string): Promise<Record<string, string>>;
  derive(info: string): Promise<Uint8Array>;
}
const internals = new WeakMap<CredentialVault, Internals>();
let devWarned = false;

function decodeKey(key: VaultKey): Buffer {
  if (typeof key !== 'string') {
    if (key.byteLength !== VAULT_KEY_BYTES) throw keyInvalid(`it is ${key.byteLength} bytes`);
    return Buffer.from(key);
  }
  const s = key.trim();
  if (/^[0-9a-fA-F]{64}$/.test(s)) return Buffer.from(s, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(s)) {
    const b = Buffer.from(s, 'base64');
    if (b.length === VAULT_KEY_BYTES) return b;
  }
  throw keyInvalid('it does not decode to 32 bytes of base64 or hex');
}

function keyInvalid(why: string): VaultError {
  return new VaultError(
    'VAULT_KEY_INVALID',
    `The vault's master key is invalid (${why}). Use 32 random bytes, base64- or hex-encoded: generate one with \`openssl rand -base64 32\` and set ${MASTER_KEY_ENV}.`,
  );
}

function storeFailed(moduleName: string, op: 'read' | 'store' | 'delete', cause: unknown): VaultError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new VaultError(
    'VAULT_STORE_FAILED',
    `The vault could not ${op} the credentials of module "${moduleName}": the store failed (${why}). Check the store (path, permissions, connection) and retry${op === 'delete' ? ' the uninstall: it resumes where it stopped' : ''}.`,
    moduleName,
    cause,
  );
}

const aad = (moduleName: string, credential: string) => Buffer.from(`graft-vault:v1:${moduleName}:${credential}`, 'utf8');
const storeKey = (moduleName: string) => `${VAULT_PREFIX}${moduleName}`;

/**
 * Encrypted credentials per module. `set`, `names`, `missing`, `delete` are public; reading a
 * value back is not.
 */
export class CredentialVault {
  readonly #store: KeyValueStore;
  #key?: Promise<Buffer>;
  readonly #source: () => VaultKey | Promise<VaultKey>;
  readonly #locks = new Map<string, Promise<unknown>>();

  /** @throws {VaultError} `VAULT_KEY_MISSING` when no key, key provider, `GRAFT_MASTER_KEY` or dev mode is given. */
  constructor(options: VaultOptions) {
    this.#store = options.store;
    const env = options.env ?? process.env;
    if (options.key !== undefined) {
      const key = decodeKey(options.key);
      this.#source = () => key;
    } else if (options.keyProvider) {
      this.#source = options.keyProvider;
    } else if (env[MASTER_KEY_ENV]) {
      const key = decodeKey(env[MASTER_KEY_ENV] as string);
      this.#source = () => key;
    } else if (options.devMode === INSECURE_DEV_KEY) {
      if (!devWarned) {
        devWarned = true;
        console.warn(
          `[graft] WARNING: the credential vault uses ${INSECURE_DEV_KEY}, a publicly known key. Stored credentials are NOT protected. Set ${MASTER_KEY_ENV} before production.`,
        );
      }
      const key = createHash('sha256').update('graft:insecure-dev-key:do-not-use-in-production').digest();
      this.#source = () => key;
    } else {
      throw new VaultError(
        'VAULT_KEY_MISSING',
        `The credential vault has no master key. Set ${MASTER_KEY_ENV} to 32 random bytes (base64 or hex; \`openssl rand -base64 32\`), or pass { key } or { keyProvider }. For local development only, pass { devMode: '${INSECURE_DEV_KEY}' }.`,
      );
    }
    internals.set(this, {
      read: (name) => this.#read(name),
      derive: async (info) => new Uint8Array(hkdfSync('sha256', await this.#getKey(), 'graft-vault-derived-key', info, 32)),
    });
  }

  #getKey(): Promise<Buffer> {
    this.#key ??= Promise.resolve()
      .then(() => this.#source())
      .then(decodeKey);
    return this.#key;
  }

  async #load(moduleName: string): Promise<SealedMap> {
    try {
      return ((await this.#store.get(storeKey(moduleName))) as SealedMap | undefined) ?? {};
    } catch (cause) {
      throw storeFailed(moduleName, 'read', cause);
    }
  }

  /** Runs read-modify-write steps on one module's record one at a time. */
  #locked<T>(moduleName: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.#locks.get(moduleName) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const settled = next.catch(() => undefined);
    this.#locks.set(moduleName, settled);
    void settled.then(() => {
      if (this.#locks.get(moduleName) === settled) this.#locks.delete(moduleName);
    });
    return next;
  }

  /** Encrypts and stores `values` for `moduleName`, merged with what is already stored. */
  set(moduleName: string, values: Record<string, string>): Promise<void> {
    return this.#locked(moduleName, () => this.#set(moduleName, values));
  }

  async #set(moduleName: string, values: Record<string, string>): Promise<void> {
    if (!values || typeof values !== 'object')
      throw new ModuleError('MODULE_CREDENTIAL_INVALID', 'Credentials must be an object of { NAME: "value" }.', { moduleName });
    const key = await this.#getKey();
    const sealed: SealedMap = {};
    for (const [name, value] of Object.entries(values)) {
      if (typeof value !== 'string' || value.length === 0 || value.length > MAX_CREDENTIAL_VALUE_LENGTH)
        throw new ModuleError(
          'MODULE_CREDENTIAL_INVALID',
          `Credential ${name} must be a non-empty string of at most ${MAX_CREDENTIAL_VALUE_LENGTH} characters.`,
          { moduleName },
        );
      const iv = randomBytes(VAULT_IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad(moduleName, name));
      const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      sealed[name] = { v: 1, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
    }
    // Merged atomically with what is stored (another instance may be setting other names).
    const merge = (current: SealedMap | undefined): SealedMap => ({ ...current, ...sealed });
    try {
      if (this.#store.update) await this.#store.update<SealedMap>(storeKey(moduleName), merge);
      else await this.#store.set(storeKey(moduleName), merge(await this.#load(moduleName)));
    } catch (cause) {
      throw storeFailed(moduleName, 'store', cause);
    }
  }

  /** Names of the credentials stored for `moduleName` (never their values). */
  async names(moduleName: string): Promise<string[]> {
    return Object.keys(await this.#load(moduleName)).sort();
  }

  /** Which of `required` are not stored for `moduleName`. */
  async missing(moduleName: string, required: string[]): Promise<string[]> {
    const have = await this.#load(moduleName);
    return required.filter((n) => !(n in have));
  }

  /**
   * Removes every credential of `moduleName` (absent ones are fine, so a retry is harmless).
   * @throws {VaultError} `VAULT_STORE_FAILED` when the store refuses the delete.
   */
  delete(moduleName: string): Promise<void> {
    return this.#locked(moduleName, async () => {
      try {
        await this.#store.delete(storeKey(moduleName));
      } catch (cause) {
        throw storeFailed(moduleName, 'delete', cause);
      }
    });
  }

  async #read(moduleName: string): Promise<Record<string, string>> {
    const sealed = await this.#load(moduleName);
    const entries = Object.entries(sealed);
    if (entries.length === 0) return {};
    const key = await this.#getKey();
    const out: Record<string, string> = {};
    for (const [name, s] of entries) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(s.iv, 'base64'));
        decipher.setAAD(aad(moduleName, name));
        decipher.setAuthTag(Buffer.from(s.tag, 'base64'));
        out[name] = Buffer.concat([decipher.update(Buffer.from(s.data, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        throw new VaultError(
          'VAULT_DECRYPT_FAILED',
          `Credential ${name} of module "${moduleName}" cannot be decrypted: the master key changed or the value was tampered with. Set the credential again with setCredentials.`,
          moduleName,
        );
      }
    }
    return out;
  }
}

/**
 * Internal to `@graft/modules` (not exported from the package): decrypts a module's credentials
 * to pass them as `capabilities.fetch.secrets` of that module's own sandbox run.
 * @internal
 */
export function revealSecrets(vault: CredentialVault, moduleName: string): Promise<Record<string, string>> {
  const i = internals.get(vault);
  if (!i) throw new TypeError('not a CredentialVault');
  return i.read(moduleName);
}

/**
 * Internal to `@graft/modules`: the default approval signing key, derived (HKDF-SHA256) from the
 * vault's master key, so every instance configured with the same `GRAFT_MASTER_KEY` verifies the
 * approvals of the others, and the master key itself never signs anything.
 * @internal
 */
export function deriveApprovalKey(vault: CredentialVault): Promise<Uint8Array> {
  const i = internals.get(vault);
  if (!i) throw new TypeError('not a CredentialVault');
  return i.derive(APPROVAL_KEY_HKDF_INFO);
}
