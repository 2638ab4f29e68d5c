/**
 * Pure logic: the secret scrubber and the harness's expectation matcher.
 */
import { describe, expect, it } from 'vitest';
import { createScrubber, matchesExpectation, scrubSecrets } from '@graft/sandbox';

describe('createScrubber', () => {
  const secret = 'tok_ABC123xyz!/+=';
  const s = createScrubber({ KEY: secret });
  const forms = {
    raw: secret,
    json: JSON.stringify(secret).slice(1, -1),
    uri: encodeURIComponent(secret),
    uriLower: encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    hex: Buffer.from(secret).toString('hex'),
    HEX: Buffer.from(secret).toString('hex').toUpperCase(),
    b64: Buffer.from(secret).toString('base64'),
    b64url: Buffer.from(secret).toString('base64url'),
  };
  for (const [name, form] of Object.entries(forms)) {
    it(`scrubs the ${name} form, also inside longer text`, () => {
      const out = s.scrub(`before ${form} after`);
      expect(out).toBe('before [REDACTED] after');
      expect(s.contains(`x${form}y`)).toBe(true);
    });
  }
  it('scrubs base64 of the secret inside a longer encoded string, at every byte offset', () => {
    for (const prefix of ['Bearer ', 'user:', 'ab', 'a', '']) {
      const encoded = Buffer.from(`${prefix}${secret}`).toString('base64');
      const out = s.scrub(encoded);
      expect(out, prefix).toContain('[REDACTED]');
      // what remains cannot rebuild more than two bytes of the secret
      const leftover = out.replace('[REDACTED]', '');
      expect(leftover.length, prefix).toBeLessThan(16);
    }
  });
  it('leaves text without secrets unchanged and ignores empty secrets', () => {
    expect(s.scrub('nothing to see')).toBe('nothing to see');
    expect(createScrubber(['']).scrub('abc')).toBe('abc');
    expect(scrubSecrets('a-secret-value!', ['secret-value'])).toBe('a-[REDACTED]!');
  });
});

describe('matchesExpectation', () => {
  it('deep equality for plain values', () => {
    expect(matchesExpectation({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(matchesExpectation({ a: [1, { b: 2 }], c: 1 }, { a: [1, { b: 2 }] })).toBe(false);
    expect(matchesExpectation([1, 2], [2, 1])).toBe(false);
    expect(matchesExpectation(null, null)).toBe(true);
    expect(matchesExpectation('1', 1)).toBe(false);
  });
  it('{ match } is a recursive subset match: listed keys for objects, same length for arrays', () => {
    expect(matchesExpectation({ a: 1, b: { c: 2, d: 3 } }, { match: { b: { c: 2 } } })).toBe(true);
    expect(matchesExpectation({ a: 1 }, { match: { a: 2 } })).toBe(false);
    expect(matchesExpectation({ list: [{ id: 1, x: 0 }, { id: 2 }] }, { match: { list: [{ id: 1 }, { id: 2 }] } })).toBe(true);
    expect(matchesExpectation({ list: [{ id: 1 }, { id: 2 }] }, { match: { list: [{ id: 1 }] } })).toBe(false);
    expect(matchesExpectation({ a: null }, { match: { b: null } })).toBe(false);
    expect(matchesExpectation(5, { match: 5 })).toBe(true);
  });
  it('an object with a match key and others is compared by deep equality', () => {
    expect(matchesExpectation({ match: 1, other: 2 }, { match: 1, other: 2 })).toBe(true);
  });
});

describe('README', () => {
  it('lists every guest global and every default limit name', async () => {
    const { readFileSync } = await import('node:fs');
    const { GUEST_GLOBALS, DEFAULT_LIMITS } = await import('@graft/sandbox');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Guest globals'), readme.indexOf('## Test harness'));
    const listed = section
      .match(/^AggregateError[\s\S]*?unescape\./m)![0]
      .replace(/\.$/, '')
      .split(/,\s*/);
    expect(listed).toEqual([...GUEST_GLOBALS]);
    for (const key of Object.keys(DEFAULT_LIMITS)) expect(readme).toContain(`\`${key}\``);
  });
});
