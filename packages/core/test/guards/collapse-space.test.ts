import { describe, expect, it } from 'vitest';
import { rng } from './rng.js';
import { collapseHorizontalSpace } from '../../src/guards/collapse-space.js';
import { EVAL_TEXTS } from './eval-texts.js';

/** The reference: every maximal run of horizontal whitespace becomes one space. */
const reference = (text: string): string => text.replace(/[^\S\n]+/g, ' ');

describe('collapseHorizontalSpace', () => {
  it('collapses runs of any horizontal whitespace and keeps newlines and lone spaces', () => {
    expect(collapseHorizontalSpace('a  b\t\tc \u00a0d\u3000e\r\nf \n g')).toBe('a b c d e \nf \n g');
    expect(collapseHorizontalSpace('one two three')).toBe('one two three');
    expect(collapseHorizontalSpace('\t lead and trail \u2028')).toBe(' lead and trail ');
  });

  it('equals the all-runs replace on every eval text, lower-cased and with whitespace runs spliced in', () => {
    const next = rng(11);
    const runs = ['  ', '\t', ' \t ', '\u00a0', '\u3000', '\r', '\v\f', '\u2028', '\ufeff', ' \n\t', '\u1680 '];
    let changed = 0;
    for (const text of EVAL_TEXTS) {
      const spliced = text.replace(/ /g, () => (next() < 0.1 ? runs[Math.floor(next() * runs.length)]! : ' '));
      for (const t of [text, text.toLowerCase(), spliced]) {
        const want = reference(t);
        if (want !== t) changed++;
        expect(collapseHorizontalSpace(t)).toBe(want);
      }
    }
    expect(changed).toBeGreaterThan(500);
  });

  it('equals the all-runs replace on random strings of whitespace and letters', () => {
    const next = rng(5);
    const pieces = [
      ' ',
      ' ',
      '\t',
      '\n',
      '\r',
      '\u00a0',
      '\u2000',
      '\u200a',
      '\u3000',
      '\u2028',
      '\u2029',
      '\u202f',
      '\u205f',
      '\ufeff',
      '\u1680',
      '\v',
      '\f',
      'a',
      'b',
      '.',
    ];
    for (let k = 0; k < 5000; k++) {
      let t = '';
      const n = 1 + Math.floor(next() * 16);
      for (let i = 0; i < n; i++) t += pieces[Math.floor(next() * pieces.length)]!;
      expect(collapseHorizontalSpace(t), JSON.stringify(t)).toBe(reference(t));
    }
  });
});
