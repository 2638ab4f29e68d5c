import { describe, expect, it } from 'vitest';
import { rng } from './rng.js';
import { LOWERED_EVAL_TEXTS } from './eval-texts.js';
import { guardDefaults, INJECTION_RULES } from '@graft/core';
import { TriggerIndex, type TriggerScan } from '../../src/guards/trigger-index.js';

const LOOKBACK = guardDefaults.RULE_LOOKBACK_CHARS;
const EVAL_TEXTS = LOWERED_EVAL_TEXTS;

const isSpace = (c: number): boolean =>
  c === 10 || c === 32 || c === 9 || c === 11 || c === 12 || c === 13 || c === 160 || (c >= 0x2000 && c <= 0x200a) || c === 0x3000;

/**
 * Reference: whitespace runs collapsed to one space (remembering where each kept character
 * sits), every trigger found with `indexOf` at every position, and the windows built from the
 * sorted occurrence ends.
 */
function naiveScan(groups: readonly (readonly string[])[], text: string, lookback: number): TriggerScan {
  let flat = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      if (i > 0 && isSpace(text.charCodeAt(i - 1))) continue;
      flat += ' ';
    } else flat += text[i];
    at.push(i);
  }
  const hits = new Uint8Array(groups.length);
  const windows: Array<number[] | undefined> = new Array(groups.length);
  groups.forEach((triggers, g) => {
    const ends = new Set<number>();
    for (const t of triggers) {
      const needle = t.replace(/\s/g, ' ');
      for (let p = flat.indexOf(needle); p !== -1; p = flat.indexOf(needle, p + 1)) ends.add(at[p + needle.length - 1]! + 1);
    }
    if (ends.size === 0) return;
    hits[g] = 1;
    const w: number[] = [];
    for (const end of [...ends].sort((a, b) => a - b)) {
      const from = Math.max(0, end - lookback);
      if (w.length > 0 && from <= w[w.length - 1]! + 1) w[w.length - 1] = end;
      else w.push(from, end);
    }
    windows[g] = w;
  });
  return { hits, windows };
}

describe('TriggerIndex agrees with indexOf over every trigger', () => {
  const groups = INJECTION_RULES.map((r) => r.triggers);
  const index = new TriggerIndex(groups);

  it('on every eval text and on all of them joined', () => {
    let hit = 0;
    for (const text of EVAL_TEXTS) {
      const want = naiveScan(groups, text, LOOKBACK);
      hit += want.hits.reduce((a, b) => a + b, 0);
      expect(index.scan(text, LOOKBACK), text.slice(0, 80)).toEqual(want);
    }
    expect(hit).toBeGreaterThan(1000);
    const joined = EVAL_TEXTS.join('\n');
    expect(index.scan(joined, LOOKBACK)).toEqual(naiveScan(groups, joined, LOOKBACK));
  });

  it('on random strings of trigger pieces, letters and whitespace runs', () => {
    const pieces = [...new Set(groups.flat())].flatMap((t) => [t, t.slice(0, Math.ceil(t.length / 2)), t.slice(Math.floor(t.length / 2))]);
    const extra = ['a', 'e', 'i', 'o', 's', 't', ' ', '  ', '\n', '\n\n', ' \n ', '\t', '\u3000', '\u00a0', 'ü', '忽'];
    const next = rng(7);
    let hit = 0;
    for (let k = 0; k < 1500; k++) {
      let text = '';
      const n = 1 + Math.floor(next() * 40);
      for (let i = 0; i < n; i++) text += next() < 0.5 ? pieces[Math.floor(next() * pieces.length)]! : extra[Math.floor(next() * extra.length)]!;
      const lookback = 1 + Math.floor(next() * 200);
      const want = naiveScan(groups, text, lookback);
      hit += want.hits.reduce((a, b) => a + b, 0);
      expect(index.scan(text, lookback), JSON.stringify(text)).toEqual(want);
    }
    expect(hit).toBeGreaterThan(1000);
  });
});
