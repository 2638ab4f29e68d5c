import { describe, expect, it } from 'vitest';
import { rng } from './rng.js';
import { includesFrom, rarestCharIndex } from '../../src/guards/needle-search.js';
import { SECRET_SHAPES } from '../../src/guards/pii-secrets.js';
import { EVAL_TEXTS } from './eval-texts.js';

const NEEDLES = [...new Set(SECRET_SHAPES.flatMap((s) => s.needles ?? []))];

describe('includesFrom', () => {
  it('anchors a needle at its rarest character', () => {
    expect(rarestCharIndex('npm_')).toBe(3);
    expect(rarestCharIndex('eyJ')).toBe(2);
    expect(rarestCharIndex('PRIVATE KEY-----')).toBe(8); // the K, not the space
    expect(rarestCharIndex('_live_')).toBe(0);
  });

  it('equals includes for every secret needle at every anchor, on every eval text', () => {
    let found = 0;
    for (const text of EVAL_TEXTS) {
      for (const needle of NEEDLES) {
        const want = text.includes(needle);
        if (want) found++;
        for (let a = 0; a < needle.length; a++) expect(includesFrom(text, needle, a), `${needle}@${a}`).toBe(want);
      }
    }
    expect(found).toBeGreaterThan(20);
  });

  it('equals includes when the anchor character occurs many times before (or without) the needle', () => {
    for (const needle of NEEDLES) {
      const a = rarestCharIndex(needle);
      const filler = (needle.slice(0, a) + 'x' + needle.slice(a, -1) + ' ').repeat(30);
      for (const text of [filler, filler + needle, needle.slice(1) + filler + needle + filler, filler.replace(/x/g, needle[a]!)]) {
        expect(includesFrom(text, needle, a), `${needle} in ${text.length} chars`).toBe(text.includes(needle));
      }
    }
  });

  it('equals includes on random strings made of needle pieces (needles at the very start and end too)', () => {
    const next = rng(9);
    const pieces = [...NEEDLES, ...NEEDLES.map((n) => n.slice(0, -1)), ...NEEDLES.map((n) => n.slice(1)), 'a', '_', '-', ' ', 'J'];
    for (let k = 0; k < 3000; k++) {
      let text = '';
      const n = Math.floor(next() * 6);
      for (let i = 0; i < n; i++) text += pieces[Math.floor(next() * pieces.length)]!;
      for (const needle of NEEDLES) {
        const a = rarestCharIndex(needle);
        expect(includesFrom(text, needle, a), `${JSON.stringify(text)} ${needle}`).toBe(text.includes(needle));
      }
    }
  });
});
