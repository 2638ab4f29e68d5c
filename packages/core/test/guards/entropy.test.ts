import { describe, expect, it } from 'vitest';
import { charClassCount, entropyAtLeast, shannonEntropy } from '../../src/guards/entropy.js';

/** Reference: counts in a map, summed in order of first occurrence. */
function reference(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) counts.set(s.charCodeAt(i), (counts.get(s.charCodeAt(i)) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

describe('shannonEntropy', () => {
  it('gives known values', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abab')).toBe(1);
    expect(shannonEntropy('abcd')).toBe(2);
  });

  it('equals the map-based reference bit for bit on ASCII and non-ASCII strings, call after call', () => {
    let seed = 11;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    const pool = 'abcdefABCDEF0123456789-_/+=.'.split('').concat(['é', 'ü', '中', '\ud83d\ude00']);
    for (let k = 0; k < 20000; k++) {
      let s = '';
      for (let len = next(60); len > 0; len--) s += pool[next(k % 3 === 0 ? pool.length : pool.length - 4)];
      expect(Object.is(shannonEntropy(s), reference(s)), JSON.stringify(s)).toBe(true);
    }
  });
});

describe('entropyAtLeast', () => {
  /** The neighbouring doubles of `x` (one ulp down and up). */
  const neighbours = (x: number): number[] => {
    const f = new Float64Array([x]);
    const b = new BigInt64Array(f.buffer);
    const out: number[] = [];
    for (const d of [-1n, 1n]) {
      b[0] = new BigInt64Array(new Float64Array([x]).buffer)[0]! + (x >= 0 ? d : -d);
      out.push(f[0]!);
    }
    return out;
  };

  it('equals shannonEntropy(s) >= min on random strings, at the entropy itself, one ulp around it and at the thresholds in use', () => {
    let seed = 29;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    const pool = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_/+=.'.split('').concat(['é', '中', '\ud83d\ude00']);
    let decidedBoth = 0;
    for (let k = 0; k < 20000; k++) {
      let s = '';
      const alphabet = 1 + next(k % 5 === 0 ? pool.length : pool.length - 3);
      for (let len = next(k % 7 === 0 ? 300 : 60); len > 0; len--) s += pool[next(alphabet)];
      const h = shannonEntropy(s);
      for (const min of [h, ...neighbours(h), 3, 3.5, next(70) / 10]) {
        expect(entropyAtLeast(s, min), `${JSON.stringify(s)} ${min}`).toBe(h >= min);
        if (h >= min) decidedBoth++;
      }
    }
    expect(decidedBoth).toBeGreaterThan(20000);
  });
});

describe('charClassCount', () => {
  it('counts lower, upper, digit and other', () => {
    expect(charClassCount('aA1-')).toBe(4);
    expect(charClassCount('abc')).toBe(1);
  });
});
