import { describe, expect, it } from 'vitest';
import { readApproval, readCredentials } from '../src/agent/meta-tools-format.js';

describe('reading the app’s answers', () => {
  it('only { approved: true, bundleHash } approves; approved without a hash is refused as missing_hash', () => {
    const h = 'a'.repeat(64);
    expect(readApproval({ approved: true, by: ' alice ', bundleHash: h })).toEqual({ kind: 'approved', by: 'alice', bundleHash: h });
    expect(readApproval({ approved: true, bundleHash: h })).toEqual({ kind: 'approved', by: 'user', bundleHash: h });
    for (const noHash of [true, { approved: true }, { approved: true, by: 'alice' }, { approved: true, bundleHash: '' }, { approved: true, bundleHash: 5 }])
      expect(readApproval(noHash)).toEqual({ kind: 'missing_hash' });
    for (const no of [{ approved: false, bundleHash: h }, { approved: 'true', bundleHash: h }, { approve: true }, 'yes', 1, null, undefined, [], [true]])
      expect(readApproval(no)).toEqual({ kind: 'rejected' });
  });

  it('credentials are { values: {NAME: string} } or {NAME: string}; anything else is no answer', () => {
    expect(readCredentials({ values: { A: 'x', B: 'y' } })).toEqual({ A: 'x', B: 'y' });
    expect(readCredentials({ A: 'x' })).toEqual({ A: 'x' });
    for (const no of [null, 'x', { cancelled: true }, { A: 1 }, { A: '' }, {}, { values: {} }]) expect(readCredentials(no)).toBeUndefined();
  });
});
