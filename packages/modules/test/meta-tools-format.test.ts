import { describe, expect, it } from 'vitest';
import { readApproval, readCredentials } from '../src/meta-tools-format.js';

describe('reading the app’s answers', () => {
  it('only an explicit { approved: true } (or true) is an approval', () => {
    expect(readApproval({ approved: true, by: ' alice ' })).toEqual({ by: 'alice' });
    expect(readApproval({ approved: true })).toEqual({ by: 'user' });
    expect(readApproval(true)).toEqual({ by: 'user' });
    expect(readApproval({ approved: true, bundleHash: 'abc' })).toEqual({ by: 'user', bundleHash: 'abc' });
    for (const no of [{ approved: false }, { approved: 'true' }, { approve: true }, 'yes', 1, null, undefined, []]) expect(readApproval(no)).toBeUndefined();
  });

  it('credentials are { values: {NAME: string} } or {NAME: string}; anything else is no answer', () => {
    expect(readCredentials({ values: { A: 'x', B: 'y' } })).toEqual({ A: 'x', B: 'y' });
    expect(readCredentials({ A: 'x' })).toEqual({ A: 'x' });
    for (const no of [null, 'x', { cancelled: true }, { A: 1 }, { A: '' }, {}, { values: {} }]) expect(readCredentials(no)).toBeUndefined();
  });
});
