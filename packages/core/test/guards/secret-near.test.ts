import { describe, expect, it } from 'vitest';
import { rng } from './rng.js';
import { EVAL_TEXTS } from './eval-texts.js';
import { findSecrets, SECRET_SHAPES } from '../../src/guards/pii-secrets.js';
import type { PiiSpan } from '../../src/guards/types.js';

/** Reference: every shape's pattern searched through the whole text, no prefilter. */
function naive(text: string): PiiSpan[] {
  const out: PiiSpan[] = [];
  for (const shape of SECRET_SHAPES) {
    const re = new RegExp(shape.re.source, shape.re.flags);
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const g = shape.group ?? 0;
      const value = m[g];
      if (value === undefined) continue;
      if (shape.check && !shape.check(value)) continue;
      const start = g === 0 ? m.index : m.index + m[0].lastIndexOf(value);
      out.push({ type: 'api_key', kind: shape.kind, start, end: start + value.length, value });
    }
  }
  return out;
}

const found = (text: string): PiiSpan[] => {
  const out: PiiSpan[] = [];
  findSecrets(text, out);
  return out;
};

describe('findSecrets (prefilters and keyword-anchored search) finds what a full search finds', () => {
  it('on every eval text, and on all of them joined', () => {
    let spans = 0;
    for (const text of EVAL_TEXTS) {
      const want = naive(text);
      spans += want.length;
      expect(found(text), text.slice(0, 80)).toEqual(want);
    }
    expect(spans).toBeGreaterThan(50);
    const joined = EVAL_TEXTS.join('\n');
    expect(found(joined)).toEqual(naive(joined));
  });

  it('on random strings built from keyword fragments, separators and key-like runs', () => {
    const parts = [
      'pass',
      'PASS',
      'secret',
      'Secret',
      'passecret',
      'key',
      'KEY',
      'token',
      'Token',
      'pwd',
      'api',
      'api_',
      'access-',
      'refresh_',
      'client_',
      'private-',
      'aws_',
      'AWS',
      'bearer ',
      'Bearer  ',
      'auth_',
      'word',
      ' ',
      '\n',
      ':',
      '=',
      ' = ',
      '"',
      "'",
      'İ',
      'K',
      'ſ',
      'x9Kq2LmN8pR4tV6w',
      'aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5oQ7',
      '1234',
      'ab',
    ];
    const next = rng(17);
    let spans = 0;
    for (let k = 0; k < 3000; k++) {
      let text = '';
      const n = 1 + Math.floor(next() * 30);
      for (let i = 0; i < n; i++) text += parts[Math.floor(next() * parts.length)]!;
      const want = naive(text);
      spans += want.length;
      expect(found(text), JSON.stringify(text)).toEqual(want);
    }
    expect(spans).toBeGreaterThan(100);
  });

  it('a keyword overlapping another ("passecret_key") and back-to-back matches are all found', () => {
    const text = 'passecret_key=Zx8Qw2Er5Ty7Ui9Op1As3Df refresh_token: Zx8Qw2Er5Ty7Ui9Op1As3Dg pwd=Qw8Zx2Er5Ty7Ui9Op1As3Dh';
    const spans = found(text);
    expect(spans.map((s) => s.value)).toEqual(['Zx8Qw2Er5Ty7Ui9Op1As3Df', 'Zx8Qw2Er5Ty7Ui9Op1As3Dg', 'Qw8Zx2Er5Ty7Ui9Op1As3Dh']);
    expect(spans).toEqual(naive(text));
  });
});
