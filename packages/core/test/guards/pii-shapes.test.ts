import { describe, expect, it } from 'vitest';
import { colonGroups, hasDigit, isFrenchDotted, isLetterLabel, leadGroupLength, ssnShape, usPhoneAreaAt } from '../../src/guards/pii-shapes.js';
import { rng } from './rng.js';

// Each shape reader must answer exactly as the pattern it stands for, on strings built from the
// pieces those patterns care about (digits, separators, brackets, `+`, letters in and outside ASCII).
const next = rng(29);
const PIECES = [
  '0',
  '1',
  '2',
  '4',
  '9',
  '12',
  '123',
  '415',
  '555',
  '2671',
  ' ',
  '.',
  '-',
  '(',
  ')',
  '+',
  ':',
  '::',
  'x',
  'ab',
  'é',
  'ß',
  '中',
  '😀',
  '\n',
  '_',
];
const SHAPED = ['(415) 555-2671', '+1 415.555.2671', '1-800-555-0199', '415-555-2671', '01.84.17.61.18', '123-45-6789', '123 45 6789', '123456789'];
const strings: string[] = [...SHAPED];
for (let k = 0; k < 40000; k++) {
  let s = '';
  const n = Math.floor(next() * 12);
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(next() * PIECES.length)]!;
  strings.push(s);
}
// and the shaped strings with one character changed, dropped or added
for (const s of SHAPED) {
  for (let i = 0; i <= s.length; i++) {
    for (const p of PIECES.slice(0, 20)) {
      strings.push(s.slice(0, i) + p + s.slice(i + 1), s.slice(0, i) + s.slice(i + 1), s.slice(0, i) + p + s.slice(i));
    }
  }
}

describe('PII shape readers answer as their patterns', () => {
  it('isFrenchDotted is /^0[1-9](?:\\.\\d\\d){4}$/', () => {
    const re = /^0[1-9](?:\.\d\d){4}$/;
    const differ = strings.filter((s) => isFrenchDotted(s) !== re.test(s));
    expect(differ).toEqual([]);
    expect(isFrenchDotted('01.84.17.61.18')).toBe(true);
  });

  it('leadGroupLength is the length of /^(\\d{1,3}) /', () => {
    const re = /^(\d{1,3}) /;
    const differ = strings.filter((s) => leadGroupLength(s) !== (re.exec(s)?.[0].length ?? 0));
    expect(differ).toEqual([]);
    expect(leadGroupLength('12 415 555 2671')).toBe(3);
  });

  it('usPhoneAreaAt finds the area code as the US phone pattern does', () => {
    const re = /^(?:\+?1[ .-]?)?(?:\((\d{3})\)[ .-]?|(\d{3})[ .-])(\d{3})[ .-](\d{4})$/;
    const differ = strings.filter((s) => {
      const m = re.exec(s);
      const at = usPhoneAreaAt(s);
      if (m === null) return at !== -1;
      return at === -1 || s.slice(at, at + 3) !== (m[1] ?? m[2]) || s.slice(s.length - 8, s.length - 5) !== m[3];
    });
    expect(differ).toEqual([]);
    expect(usPhoneAreaAt('+1 (415) 555-2671')).toBe(4);
  });

  it('isLetterLabel is /^\\p{L}{2,24}$/u', () => {
    const re = /^\p{L}{2,24}$/u;
    const labels = [...strings, 'com', 'museum', 'a'.repeat(24), 'a'.repeat(25), 'рф', '中国', '😀😀', 'é'.repeat(25), 'x'];
    const differ = labels.filter((s) => isLetterLabel(s) !== re.test(s));
    expect(differ).toEqual([]);
  });

  it('colonGroups counts the non-empty parts of a split at colons, and hasDigit is /\\d/', () => {
    const differ = strings.filter((s) => colonGroups(s) !== s.split(/:+/).filter((g) => g.length > 0).length || hasDigit(s) !== /\d/.test(s));
    expect(differ).toEqual([]);
  });

  it('ssnShape is /^(\\d{3})([- ]?)(\\d{2})\\2(\\d{4})$/ and its separator', () => {
    const re = /^(\d{3})([- ]?)(\d{2})\2(\d{4})$/;
    const differ = strings.filter((s) => {
      const m = re.exec(s);
      return ssnShape(s) !== (m === null ? -1 : m[2]!.length);
    });
    expect(differ).toEqual([]);
  });
});
