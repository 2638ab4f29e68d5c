import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { CredentialVault, VaultError } from '../src/index.js';
import { revealSecrets } from '../src/credentials/vault.js';
import { memoryStore } from './manager-fixtures.js';

const KEY = randomBytes(32);
const CANARY = 'canary-secret-7f3a9c1e5b';

describe('CredentialVault', () => {
  it('refuses to start without a key, and says how to get one', () => {
    let err: unknown;
    try {
      new CredentialVault({ store: memoryStore(), env: {} });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(VaultError);
    expect((err as VaultError).code).toBe('VAULT_KEY_MISSING');
    expect((err as VaultError).message).toContain('GRAFT_MASTER_KEY');
    expect((err as VaultError).message).toContain('openssl rand -base64 32');
  });

  it('refuses a key that is not 32 bytes of base64 or hex', () => {
    expect(() => new CredentialVault({ store: memoryStore(), env: { GRAFT_MASTER_KEY: 'short' } })).toThrow(/32 random bytes/);
    expect(() => new CredentialVault({ store: memoryStore(), key: randomBytes(16) })).toThrow(VaultError);
  });

  it('reads GRAFT_MASTER_KEY (base64 or hex) and a key provider', async () => {
    for (const env of [{ GRAFT_MASTER_KEY: KEY.toString('base64') }, { GRAFT_MASTER_KEY: KEY.toString('hex') }]) {
      const v = new CredentialVault({ store: memoryStore(), env });
      await v.set('m', { TOKEN: CANARY });
      expect(await revealSecrets(v, 'm')).toEqual({ TOKEN: CANARY });
    }
    const provider = vi.fn(async () => KEY);
    const v = new CredentialVault({ store: memoryStore(), keyProvider: provider, env: {} });
    await v.set('m', { A: 'one' });
    await v.set('m', { B: 'two' });
    expect(await revealSecrets(v, 'm')).toEqual({ A: 'one', B: 'two' });
    expect(provider).toHaveBeenCalledTimes(1);
  });

  it('the insecure dev key is an explicit, loudly named opt-in', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const v = new CredentialVault({ store: memoryStore(), devMode: 'INSECURE_DEV_KEY', env: {} });
    await v.set('m', { T: 'x1' });
    expect(await revealSecrets(v, 'm')).toEqual({ T: 'x1' });
    expect(warn.mock.calls.flat().join(' ')).toMatch(/INSECURE_DEV_KEY.*NOT protected/);
    warn.mockRestore();
  });

  it('stores AES-256-GCM ciphertext with a random IV: no plaintext, no repeated ciphertext', async () => {
    const store = memoryStore();
    const v = new CredentialVault({ store, key: KEY });
    await v.set('a', { TOKEN: CANARY });
    await v.set('b', { TOKEN: CANARY });
    const raw = JSON.stringify([...store.map.entries()]);
    expect(raw).not.toContain(CANARY);
    expect(raw).not.toContain(Buffer.from(CANARY).toString('base64'));
    const a = store.map.get('graft-vault/a') as Record<string, { iv: string; data: string }>;
    const b = store.map.get('graft-vault/b') as Record<string, { iv: string; data: string }>;
    expect(a.TOKEN.iv).not.toBe(b.TOKEN.iv);
    expect(a.TOKEN.data).not.toBe(b.TOKEN.data);
  });

  it('binds each value to its module and name: a ciphertext moved elsewhere does not decrypt', async () => {
    const store = memoryStore();
    const v = new CredentialVault({ store, key: KEY });
    await v.set('a', { TOKEN: CANARY });
    store.map.set('graft-vault/evil', store.map.get('graft-vault/a'));
    const err = await revealSecrets(v, 'evil').catch((e) => e);
    expect(err).toBeInstanceOf(VaultError);
    expect(err.code).toBe('VAULT_DECRYPT_FAILED');
    expect(err.message).not.toContain(CANARY);
  });

  it('a different master key cannot decrypt (VAULT_DECRYPT_FAILED, no plaintext in the error)', async () => {
    const store = memoryStore();
    await new CredentialVault({ store, key: KEY }).set('m', { TOKEN: CANARY });
    const other = new CredentialVault({ store, key: randomBytes(32) });
    const err = await revealSecrets(other, 'm').catch((e) => e);
    expect(err.code).toBe('VAULT_DECRYPT_FAILED');
    expect(err.message).toContain('setCredentials');
  });

  it('has no public method that returns a plaintext', async () => {
    const v = new CredentialVault({ store: memoryStore(), key: KEY });
    await v.set('m', { TOKEN: CANARY });
    const proto = Object.getOwnPropertyNames(CredentialVault.prototype).filter((k) => k !== 'constructor');
    expect(proto.sort()).toEqual(['delete', 'missing', 'names', 'set']);
    const outputs = [await v.names('m'), await v.missing('m', ['TOKEN', 'OTHER']), Object.keys(v), JSON.stringify(v)];
    expect(JSON.stringify(outputs)).not.toContain(CANARY);
    expect(await v.missing('m', ['TOKEN', 'OTHER'])).toEqual(['OTHER']);
    await v.delete('m');
    expect(await v.names('m')).toEqual([]);
  });

  it('concurrent sets of one module all land (no lost update)', async () => {
    const v = new CredentialVault({ store: memoryStore(), key: KEY });
    await Promise.all(['A', 'B', 'C', 'D', 'E'].map((n) => v.set('m', { [n]: `value-${n}` })));
    expect(await v.names('m')).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect((await revealSecrets(v, 'm')).C).toBe('value-C');
  });

  it('refuses empty or oversized values', async () => {
    const v = new CredentialVault({ store: memoryStore(), key: KEY });
    await expect(v.set('m', { T: '' })).rejects.toMatchObject({ code: 'MODULE_CREDENTIAL_INVALID' });
    await expect(v.set('m', { T: 'x'.repeat(9000) })).rejects.toMatchObject({ code: 'MODULE_CREDENTIAL_INVALID' });
  });
});
