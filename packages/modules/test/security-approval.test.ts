import { describe, expect, it } from 'vitest';
import { ApprovalAuthority, ApprovalError, bundleHash, type ModuleBundle } from '../src/index.js';
import { canonicalJson } from '../src/format/bundle.js';

const bundle = (): ModuleBundle => ({
  manifest: {
    name: 'demo',
    version: '1.0.0',
    description: 'd',
    category: 'c',
    permissions: { hosts: ['api.example.com'] },
    credentials: [],
    tools: [{ name: 'x', description: 'x' }],
  },
  code: 'export const tools = {};',
  tests: [{ name: 'a', entry: 'tools.x.run', input: { q: 1 }, expect: 1 }],
});

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ApprovalError);
    return (e as ApprovalError).code;
  }
  return undefined;
}

const mint = (auth: ApprovalAuthority, b = bundle(), ttlMs = 60_000) => auth.mint(b, { by: 'alice', ttlMs });

describe('bundleHash', () => {
  it('is the sha256 of a canonical encoding: key order does not matter, content does', () => {
    const a = bundle();
    const b: ModuleBundle = { tests: a.tests, code: a.code, manifest: { ...a.manifest, tools: a.manifest.tools } };
    const reordered = JSON.parse(canonicalJson(a)) as ModuleBundle;
    expect(bundleHash(b)).toBe(bundleHash(a));
    expect(bundleHash(reordered)).toBe(bundleHash(a));
    expect(bundleHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(bundleHash({ ...a, code: a.code + ' ' })).not.toBe(bundleHash(a));
    expect(bundleHash({ ...a, tests: [] })).not.toBe(bundleHash(a));
    expect(bundleHash({ ...a, manifest: { ...a.manifest, permissions: { hosts: ['evil.example.com'] } } })).not.toBe(bundleHash(a));
  });
});

describe('ApprovalAuthority', () => {
  it('verifies what it minted for the same bundle; ids are unique', async () => {
    const auth = new ApprovalAuthority();
    const approval = await mint(auth);
    expect(approval.bundleHash).toBe(bundleHash(bundle()));
    expect(Object.isFrozen(approval)).toBe(true);
    expect((await mint(auth)).id).not.toBe(approval.id);
    expect(await codeOf(auth.verify(bundle(), approval))).toBeUndefined();
  });

  it('refuses a missing approval with MODULE_APPROVAL_REQUIRED', async () => {
    expect(await codeOf(new ApprovalAuthority().verify(bundle(), undefined))).toBe('MODULE_APPROVAL_REQUIRED');
  });

  it('refuses an object the model fabricated (right hash, made-up signature)', async () => {
    const auth = new ApprovalAuthority();
    const real = await mint(auth);
    const forged = { ...real, signature: 'a'.repeat(64) };
    expect(await codeOf(auth.verify(bundle(), forged))).toBe('MODULE_APPROVAL_INVALID');
    expect(await codeOf(auth.verify(bundle(), { bundleHash: 'x' }))).toBe('MODULE_APPROVAL_INVALID');
  });

  it('refuses an approval signed with another key, saying the keys differ', async () => {
    const approval = await mint(new ApprovalAuthority());
    expect(await codeOf(new ApprovalAuthority().verify(bundle(), approval))).toBe('MODULE_APPROVAL_KEY_MISMATCH');
  });

  it('refuses an approval whose fields were edited (signature covers every field)', async () => {
    const auth = new ApprovalAuthority();
    const approval = await mint(auth);
    for (const edit of [{ by: 'admin' }, { expiresAt: new Date(Date.now() + 1e9).toISOString() }, { id: 'other' }, { validationBypassed: true }])
      expect(await codeOf(auth.verify(bundle(), { ...approval, ...edit }))).toBe('MODULE_APPROVAL_INVALID');
  });

  it('refuses an expired approval with MODULE_APPROVAL_EXPIRED', async () => {
    const auth = new ApprovalAuthority();
    const approval = await mint(auth, bundle(), 1000);
    expect(await codeOf(auth.verify(bundle(), approval, Date.now() + 1001))).toBe('MODULE_APPROVAL_EXPIRED');
  });

  it('refuses a changed bundle (code, hosts or tests) with MODULE_APPROVAL_MISMATCH', async () => {
    const auth = new ApprovalAuthority();
    const approval = await mint(auth);
    const changed = [
      { ...bundle(), code: 'export const tools = { evil: 1 };' },
      { ...bundle(), manifest: { ...bundle().manifest, permissions: { hosts: ['evil.example.com'] } } },
      { ...bundle(), tests: [] },
    ];
    for (const b of changed) expect(await codeOf(auth.verify(b, approval))).toBe('MODULE_APPROVAL_MISMATCH');
  });

  it('a shared key (approvalKey) lets approvals verify on another instance and after a restart', async () => {
    const key = new Uint8Array(32).fill(7);
    const approval = await mint(new ApprovalAuthority(key));
    expect(await codeOf(new ApprovalAuthority(key).verify(bundle(), approval))).toBeUndefined();
    expect(await codeOf(new ApprovalAuthority(async () => key).verify(bundle(), approval))).toBeUndefined();
    expect(() => new ApprovalAuthority(new Uint8Array(8))).toThrow(RangeError);
  });
});
