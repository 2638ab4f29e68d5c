import { describe, expect, it } from 'vitest';
import { ApprovalAuthority, ApprovalError, bundleHash, canonicalJson, type ModuleBundle } from '../src/index.js';

const bundle = (): ModuleBundle => ({
  manifest: { name: 'demo', version: '1.0.0', description: 'd', category: 'c', permissions: { hosts: ['api.example.com'] }, credentials: [], tools: [{ name: 'x', description: 'x' }] },
  code: 'export const tools = {};',
  tests: [{ name: 'a', entry: 'tools.x.run', input: { q: 1 }, expect: 1 }],
});

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ApprovalError);
    return (e as ApprovalError).code;
  }
  return undefined;
}

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
  it('verifies what it minted for the same bundle', () => {
    const auth = new ApprovalAuthority();
    const approval = auth.mint(bundle(), 'alice');
    expect(approval.bundleHash).toBe(bundleHash(bundle()));
    expect(Object.isFrozen(approval)).toBe(true);
    expect(codeOf(() => auth.verify(bundle(), approval))).toBeUndefined();
  });

  it('refuses a missing approval with MODULE_APPROVAL_REQUIRED', () => {
    expect(codeOf(() => new ApprovalAuthority().verify(bundle(), undefined))).toBe('MODULE_APPROVAL_REQUIRED');
  });

  it('refuses an object the model fabricated (right hash, made-up signature)', () => {
    const forged = { bundleHash: bundleHash(bundle()), moduleName: 'demo', by: 'user', at: new Date().toISOString(), signature: 'a'.repeat(64) };
    expect(codeOf(() => new ApprovalAuthority().verify(bundle(), forged))).toBe('MODULE_APPROVAL_INVALID');
    expect(codeOf(() => new ApprovalAuthority().verify(bundle(), { bundleHash: 'x' }))).toBe('MODULE_APPROVAL_INVALID');
  });

  it('refuses an approval minted by another manager', () => {
    const approval = new ApprovalAuthority().mint(bundle(), 'alice');
    expect(codeOf(() => new ApprovalAuthority().verify(bundle(), approval))).toBe('MODULE_APPROVAL_INVALID');
  });

  it('refuses an approval whose fields were edited (signature covers by/at/name)', () => {
    const auth = new ApprovalAuthority();
    const approval = auth.mint(bundle(), 'alice');
    expect(codeOf(() => auth.verify(bundle(), { ...approval, by: 'admin' }))).toBe('MODULE_APPROVAL_INVALID');
  });

  it('refuses a changed bundle (code, hosts or tests) with MODULE_APPROVAL_MISMATCH', () => {
    const auth = new ApprovalAuthority();
    const approval = auth.mint(bundle(), 'alice');
    const changed = [
      { ...bundle(), code: 'export const tools = { evil: 1 };' },
      { ...bundle(), manifest: { ...bundle().manifest, permissions: { hosts: ['evil.example.com'] } } },
      { ...bundle(), tests: [] },
    ];
    for (const b of changed) expect(codeOf(() => auth.verify(b, approval))).toBe('MODULE_APPROVAL_MISMATCH');
  });

  it('a stable key (approvalKey) lets approvals survive a restart', () => {
    const key = new Uint8Array(32).fill(7);
    const approval = new ApprovalAuthority(key).mint(bundle(), 'alice');
    expect(codeOf(() => new ApprovalAuthority(key).verify(bundle(), approval))).toBeUndefined();
    expect(() => new ApprovalAuthority(new Uint8Array(8))).toThrow(RangeError);
  });
});
