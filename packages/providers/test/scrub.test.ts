/**
 * The shared scrubber (`@graft/providers/scrub`): every encoding the host itself produces of a
 * secret holding `'"\%+&=/`, spaces and non-ASCII is found and replaced, at any position; the
 * placeholder replacement puts back what a secret stands for; hostile input stays linear.
 */
import { describe, expect, it } from 'vitest';
import { createScrubber, REDACTED, redactBearerTokens, scrubJson, scrubSecrets } from '@graft/providers/scrub';
import * as root from '@graft/providers';

export const CANARY = `c4n'a"r\\y%2B+&=/ sé cr3t`;
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');

/** Every encoding of `secret` the host produces, named. */
export function hostEncodings(secret: string): Record<string, string> {
  const inQuery = new URL(`http://h/p?k=${encodeURIComponent(secret)}`).search.slice(3);
  const rawQuery = new URL(`http://h/p?k=${secret.replace(/#/g, '%23')}`).search.slice(3);
  const rawPath = new URL(`http://h/${secret.replace(/[?#]/g, (c) => encodeURIComponent(c))}`).pathname.slice(1);
  const json = JSON.stringify(secret).slice(1, -1);
  return {
    raw: secret,
    encodeURIComponent: encodeURIComponent(secret),
    lowerHexEscapes: encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    encodeURI: encodeURI(secret),
    whatwgQueryOfEncoded: inQuery,
    whatwgQueryOfRaw: rawQuery,
    whatwgPathOfRaw: rawPath,
    formUrlEncoded: new URLSearchParams({ k: secret }).toString().slice(2),
    json,
    jsonTwice: JSON.stringify(json).slice(1, -1),
    jsonAsciiSafe: json.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    jsonOfQuery: JSON.stringify(inQuery).slice(1, -1),
    base64: b64(secret),
    base64Unpadded: b64(secret).replace(/=+$/, ''),
    base64url: b64url(secret),
    hex: hex(secret),
    hexUpper: hex(secret).toUpperCase(),
    basic: b64(`user:${secret}`),
    basicUrl: b64url(`ab:${secret}`),
    bearerInBase64: b64(`Bearer ${secret}`),
    basicInQuery: encodeURIComponent(b64(`user:${secret}`)),
  };
}

/**
 * True if `text` still holds a recognizable run of `form`: any 8 characters of it away from its
 * edges (an encoded wrapper such as `base64("Bearer " + secret)` may keep its own prefix and a
 * boundary group holding at most two of the secret's bytes).
 */
function leaks(text: string, form: string): boolean {
  if (form.length <= 24) return text.includes(form.slice(4, -4));
  for (let i = 12; i + 8 <= form.length - 8; i += 2) if (text.includes(form.slice(i, i + 8))) return true;
  return false;
}

describe('createScrubber', () => {
  const scrubber = createScrubber({ KEY: CANARY });
  for (const [name, form] of Object.entries(hostEncodings(CANARY))) {
    it(`removes the ${name} form, alone and inside text`, () => {
      for (const text of [form, `a${form}b`, `{"x":"${form}","y":"${form}"}`]) {
        expect(scrubber.contains(text)).toBe(true);
        const out = scrubber.scrub(text);
        expect(out).toContain(REDACTED);
        expect(leaks(out, form), `${name}: ${out}`).toBe(false);
      }
    });
  }

  it('leaves unrelated text alone and reports no match', () => {
    const text = 'nothing to see: canary, %27, base64 QUJD, 616263';
    expect(scrubber.scrub(text)).toBe(text);
    expect(scrubber.contains(text)).toBe(false);
  });

  it('replaces by a function of the secret (a placeholder standing for it), longest secret first', () => {
    const s = createScrubber({ A: 'abcdef', B: 'abcdefgh' }, { replacement: (v) => `<${v.length}>` });
    expect(s.scrub('x abcdefgh y abcdef z YWJjZGVmZ2g=')).toBe('x <8> y <6> z <8>');
  });

  it('ignores empty and non-string values; scrubSecrets is the one-off form', () => {
    expect(createScrubber(['', undefined as unknown as string]).scrub('a')).toBe('a');
    expect(scrubSecrets(`k=${encodeURIComponent(CANARY)}`, [CANARY])).toBe(`k=${REDACTED}`);
  });

  it('deep-scrubs keys and values of JSON', () => {
    const s = createScrubber([CANARY]);
    const out = scrubJson({ [CANARY]: [b64(CANARY), { n: 1, t: true, z: null }] }, s.scrub);
    expect(out).toEqual({ [REDACTED]: [REDACTED, { n: 1, t: true, z: null }] });
  });

  it('redacts Bearer tokens', () => {
    expect(redactBearerTokens('Authorization: Bearer abcdefgh12345')).toBe(`Authorization: Bearer ${REDACTED}`);
  });

  it('is the same implementation on the root entry', () => {
    expect(root.createScrubber).toBe(createScrubber);
    expect(root.scrubSecrets).toBe(scrubSecrets);
  });

  it("handles very long secrets (a PEM key) in each encoder's exact output without failing to compile", () => {
    const long = `-----BEGIN KEY-----\n${'a\'b"c+d/e=f g%h\\'.repeat(400)}\n-----END KEY-----`;
    expect(long.length).toBeGreaterThan(4096);
    const s = createScrubber([long]);
    for (const [name, form] of Object.entries(hostEncodings(long))) {
      if (['whatwgQueryOfRaw', 'whatwgPathOfRaw', 'jsonAsciiSafe', 'basicUrl', 'bearerInBase64', 'basic', 'basicInQuery'].includes(name)) continue;
      const out = s.scrub(`<${form}>`);
      expect(out, name).toBe(`<${REDACTED}>`);
    }
    expect(s.scrub(Buffer.from(`user:${long}`).toString('base64'))).toContain(REDACTED);
  });

  it('stays linear on input built to make it backtrack (a secret of backslashes and percent signs)', () => {
    const s = createScrubber(['\\\\\\\\\\\\\\\\%%%%%%%%X']);
    const text = `${'\\'.repeat(20_000)}${'%25'.repeat(20_000)}Y`;
    const out = s.scrub(text);
    expect(out).toBe(text);
  });
});
