import { describe, expect, it } from 'vitest';
import { rng } from './rng.js';
import { detectPII } from '@graft/core';
import { findPhones } from '../../src/guards/pii-contact.js';
import { findIpv4, findIpv6 } from '../../src/guards/pii-network.js';
import { findCards, findIbans, findSsns } from '../../src/guards/pii-numbers.js';
import type { PiiSpan } from '../../src/guards/types.js';
import { EVAL_TEXTS } from './eval-texts.js';

const run = (find: (text: string, out: PiiSpan[]) => void, text: string): PiiSpan[] => {
  const out: PiiSpan[] = [];
  find(text, out);
  return out;
};

describe('the digit gates of detectPII (finders skipped when the text lacks the digits they need)', () => {
  // Every eval text with its digits spread apart (no two in a row) or removed, and random strings.
  const next = rng(13);
  const pieces = ['1', '2', '0', '9', ' ', '-', '.', '(', ')', '+', ':', 'x', 'ext', 'DE', 'ab', '@', 'f', 'e8', '::'];
  const randoms: string[] = [];
  for (let k = 0; k < 3000; k++) {
    let t = '';
    const n = 1 + Math.floor(next() * 30);
    for (let i = 0; i < n; i++) t += pieces[Math.floor(next() * pieces.length)]!;
    randoms.push(t);
  }
  const spread = [...EVAL_TEXTS.map((t) => t.replace(/\d/g, (d) => `${d} `)), ...randoms.map((t) => t.replace(/(\d)(?=\d)/g, '$1 '))];
  const digitless = [...EVAL_TEXTS.map((t) => t.replace(/\d/g, '')), ...randoms.map((t) => t.replace(/\d/g, ''))];

  it('cards, SSNs and IBANs need two digits in a row', () => {
    for (const text of spread) {
      expect(/\d\d/.test(text)).toBe(false);
      for (const find of [findCards, findSsns, findIbans]) expect(run(find, text), text.slice(0, 80)).toEqual([]);
    }
  });

  it('phones and IPv4 addresses need a digit', () => {
    for (const text of digitless) {
      expect(/\d/.test(text)).toBe(false);
      for (const find of [findPhones, findIpv4]) expect(run(find, text), text.slice(0, 80)).toEqual([]);
    }
  });

  it('leave detectPII what the finders find: IPv6 without digits, phones and IPv4 with single digits', () => {
    expect(detectPII('gateway fe80::abcd:ef01 is up').map((s) => s.type)).toEqual(['ip_address']);
    expect(detectPII('server 1.2.3.4 answered').map((s) => s.value)).toEqual(['1.2.3.4']);
    for (const text of [...spread, ...digitless]) {
      const want = [...run(findPhones, text), ...run(findIpv4, text), ...run(findIpv6, text)];
      const got = detectPII(text, { types: ['phone', 'ip_address'] });
      for (const span of got) expect(want.some((w) => w.start === span.start && w.end === span.end && w.type === span.type)).toBe(true);
      if (want.length > 0) expect(got.length).toBeGreaterThan(0);
    }
  });
});
