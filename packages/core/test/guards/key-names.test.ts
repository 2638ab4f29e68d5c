import { describe, expect, it } from 'vitest';
import { keyNamesBeforeAssign } from '../../src/guards/key-names.js';
import { EVAL_TEXTS } from './eval-texts.js';

const NEEDLES = ['key', 'token', 'secret', 'pass', 'pwd', 'api', 'aws'];
const KEY_NAME_THEN_ASSIGN = /[A-Za-z_-]*["']?\s*[:=]/y;

/** Deterministic pseudo-random generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every needle with an occurrence (any case) followed by `[A-Za-z_-]*["']?\s*[:=]` must be found in the key names. */
function checkCovers(text: string): number {
  const names = keyNamesBeforeAssign(text);
  let passing = 0;
  for (const needle of NEEDLES) {
    const re = new RegExp(needle, 'gi');
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      re.lastIndex = m.index + 1;
      KEY_NAME_THEN_ASSIGN.lastIndex = m.index + needle.length;
      if (!KEY_NAME_THEN_ASSIGN.test(text)) continue;
      passing++;
      expect(names.includes(needle), `${needle} in ${JSON.stringify(text.slice(Math.max(0, m.index - 20), m.index + 40))}`).toBe(true);
    }
  }
  return passing;
}

describe('keyNamesBeforeAssign', () => {
  it('lists the key-name run before each `:` and `=`, lower-cased, past spaces and one quote', () => {
    expect(keyNamesBeforeAssign('API_Key: x, "Secret-Token" = y; url=https://a\n pwd\n\t: z')).toBe('api_key https pwd secret-token url ');
    expect(keyNamesBeforeAssign('12:30, a == b, :=')).toBe('a ');
    expect(keyNamesBeforeAssign('no assignments here')).toBe('');
  });

  it('holds every needle that a key-name-then-assign pattern follows, on every eval text', () => {
    let passing = 0;
    for (const text of EVAL_TEXTS) passing += checkCovers(text);
    expect(passing).toBeGreaterThan(50);
  });

  it('holds every such needle in random strings of needles, key-name characters, quotes, spaces and signs', () => {
    const next = rng(3);
    const pieces = [
      'key',
      'KEY',
      'Token',
      'secret',
      'PASS',
      'pwd',
      'api_',
      'aws-',
      'x',
      '_',
      '-',
      '"',
      "'",
      ' ',
      '\n',
      '\t',
      '\u00a0',
      '\u3000',
      ':',
      '=',
      '.',
      '1',
      'é',
    ];
    let passing = 0;
    for (let k = 0; k < 4000; k++) {
      let t = '';
      const n = 1 + Math.floor(next() * 14);
      for (let i = 0; i < n; i++) t += pieces[Math.floor(next() * pieces.length)]!;
      passing += checkCovers(t);
    }
    expect(passing).toBeGreaterThan(1000);
  });
});
