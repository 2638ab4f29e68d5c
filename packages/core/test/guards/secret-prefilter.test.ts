import { describe, expect, it } from 'vitest';
import { rng } from './rng.js';
import { NEEDLE_THEN_AFTER, SECRET_SHAPES } from '../../src/guards/pii-secrets.js';
import { EVAL_TEXTS } from './eval-texts.js';

const SHAPES = SECRET_SHAPES.map((shape, k) => ({ shape, prefilter: NEEDLE_THEN_AFTER[k] })).filter((s) => s.shape.afterNeedle !== undefined);

/** The reference: some needle occurrence (any case) is followed by the shape's `afterNeedle`. */
function anyNeedlePasses(text: string, needles: readonly string[], after: RegExp): boolean {
  const lower = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  for (const needle of needles) {
    for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + 1)) {
      after.lastIndex = at + needle.length;
      if (after.test(text)) return true;
    }
  }
  return false;
}

describe('NEEDLE_THEN_AFTER (the key-name shapes’ prefilter)', () => {
  it('exists for every shape that needs a key name after its needle', () => {
    expect(SHAPES.map((s) => s.shape.kind)).toEqual(['aws_secret', 'generic']);
    for (const s of SHAPES) expect(s.prefilter).toBeInstanceOf(RegExp);
  });

  it('matches exactly when a needle is followed by the key-name-then-assign pattern: eval texts', () => {
    let passing = 0;
    for (const text of EVAL_TEXTS) {
      for (const { shape, prefilter } of SHAPES) {
        const want = anyNeedlePasses(text, shape.needles!, shape.afterNeedle!);
        if (want) passing++;
        expect(prefilter!.test(text), `${shape.kind}: ${text.slice(0, 80)}`).toBe(want);
      }
    }
    expect(passing).toBeGreaterThan(20);
  });

  it('matches exactly when a needle is followed by the key-name-then-assign pattern: random strings', () => {
    const next = rng(21);
    const pieces = [
      'key',
      'KEY',
      'Token',
      'secret',
      'SeCrEt',
      'PASS',
      'pwd',
      'aws_',
      'x',
      '_',
      '-',
      '"',
      "'",
      ' ',
      '\n',
      '\t',
      '\u00a0',
      ':',
      '=',
      '.',
      '1',
      'é',
      'ſ',
      'K',
    ];
    let passing = 0;
    for (let k = 0; k < 4000; k++) {
      let t = '';
      const n = 1 + Math.floor(next() * 12);
      for (let i = 0; i < n; i++) t += pieces[Math.floor(next() * pieces.length)]!;
      for (const { shape, prefilter } of SHAPES) {
        const want = anyNeedlePasses(t, shape.needles!, shape.afterNeedle!);
        if (want) passing++;
        expect(prefilter!.test(t), `${shape.kind}: ${JSON.stringify(t)}`).toBe(want);
      }
    }
    expect(passing).toBeGreaterThan(500);
  });
});
