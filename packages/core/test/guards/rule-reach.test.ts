import { describe, expect, it } from 'vitest';
import { FOLDED_EVAL_TEXTS } from './eval-texts.js';
import { guardDefaults, INJECTION_RULES } from '@graft/core';
import { RULE_REACH } from '../../src/guards/rule-reach.js';
import { findRuleMatch } from '../../src/guards/rule-search.js';
import { TriggerIndex } from '../../src/guards/trigger-index.js';
import { ruleReach } from './rule-reach-analysis.js';

const LOOKBACK = guardDefaults.RULE_LOOKBACK_CHARS;
const EVAL_TEXTS = FOLDED_EVAL_TEXTS;

const index = new TriggerIndex(INJECTION_RULES.map((r) => r.triggers));
const REACH = Int32Array.from(INJECTION_RULES, (r) => Math.min(LOOKBACK, RULE_REACH[r.id] ?? LOOKBACK));

/** Rules whose narrow-window match differs from the shared-lookback match on `text`. */
function differences(text: string): string[] {
  const wide = index.scan(text, LOOKBACK);
  const narrow = index.scan(text, LOOKBACK, REACH);
  const out: string[] = [];
  INJECTION_RULES.forEach((rule, i) => {
    expect(narrow.hits[i]).toBe(wide.hits[i]);
    const a = wide.windows[i] ? findRuleMatch(i, text, wide.windows[i]) : undefined;
    const b = narrow.windows[i] ? findRuleMatch(i, text, narrow.windows[i]) : undefined;
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${rule.id}: ${JSON.stringify(a)} vs ${JSON.stringify(b)} on ${JSON.stringify(text.slice(0, 120))}`);
  });
  return out;
}

describe('rule reach table', () => {
  it('equals the structural analysis of every rule pattern (paste the printed table when a rule changes)', () => {
    const computed: Record<string, number> = {};
    for (const r of INJECTION_RULES) {
      const reach = ruleReach(r.re, r.triggers);
      if (reach < LOOKBACK) computed[r.id] = reach;
    }
    const table = Object.entries(computed)
      .map(([id, n]) => `  '${id}': ${n},`)
      .join('\n');
    expect({ ...RULE_REACH }, `RULE_REACH should be:\n${table}`).toEqual(computed);
    // Most rules get a window narrower than the shared lookback.
    expect(Object.keys(RULE_REACH).length).toBeGreaterThan(INJECTION_RULES.length / 2);
  });
});

describe('ruleReach (the analysis)', () => {
  it('bounds a trigger at the start by its own length', () => {
    expect(ruleReach(/\bignore\s+all\b/, ['ignor'])).toBe(5);
    expect(ruleReach(/\b(?:disregard|forget)\s+it/, ['disregard', 'forget'])).toBe(9);
  });
  it('counts a whitespace run as one unit and literal prefixes at their longest', () => {
    expect(ruleReach(/(?:a|bbb)\s+stop/, ['stop'])).toBe(8);
    expect(ruleReach(/you\s+are\s+now/, ['you are now'])).toBe(11);
    expect(ruleReach(/x[^.]{0,10}?stop/, ['stop'])).toBe(15);
  });
  it('falls back to the shared lookback when the prefix is unbounded, a branch has no trigger, or a backreference is used', () => {
    expect(ruleReach(/\w+stop/, ['stop'])).toBe(LOOKBACK);
    expect(ruleReach(/stop|halt/, ['stop'])).toBe(LOOKBACK);
    expect(ruleReach(/(a)\1stop/, ['stop'])).toBe(LOOKBACK);
    expect(ruleReach(/[\s,]+stop/, ['stop'])).toBe(LOOKBACK);
  });
  it('counts a whitespace-only class as a run, and finds a trigger in the first copy of a repeat', () => {
    expect(ruleReach(/a[^\S\n]+b/, ['a b'])).toBe(3);
    expect(ruleReach(/(?:^|\n)[^\S\n]*#{2,}\w+/, ['#'])).toBe(3);
    expect(ruleReach(/x(?:ab){1,}/, ['ab'])).toBe(3);
    expect(ruleReach(/x(?:ab)*/, ['ab'])).toBe(LOOKBACK); // no copy at all matches too
  });
  it('claims no trigger through a character it cannot pin down', () => {
    expect(ruleReach(/you.are/, ['you are'])).toBe(LOOKBACK);
    expect(ruleReach(/st[a-z]p/, ['stop'])).toBe(LOOKBACK);
    expect(ruleReach(/st[o0]p/, ['stop'])).toBe(LOOKBACK); // 'st0p' has no trigger
    expect(ruleReach(/st[oO]p/, ['stop'])).toBe(4);
  });
});

describe('narrow windows find exactly what the shared lookback finds', () => {
  it('on every eval text', () => {
    const wrong = EVAL_TEXTS.flatMap(differences);
    expect(wrong).toEqual([]);
  });

  it('on eval texts whose spaces became long whitespace runs, joined into long inputs', () => {
    let rnd = 12345;
    const next = () => (rnd = (rnd * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const wrong: string[] = [];
    for (let k = 0; k < EVAL_TEXTS.length; k += 25) {
      const text = EVAL_TEXTS.slice(k, k + 25)
        .join('\n')
        .replace(/ /g, () => (next() < 0.15 ? ' \n'.repeat(1 + Math.floor(next() * 40)) : ' '));
      wrong.push(...differences(text));
    }
    expect(wrong).toEqual([]);
  });

  it('on random text around triggers (property check, seeded)', () => {
    let rnd = 987654321;
    const next = () => (rnd = (rnd * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    const triggers = INJECTION_RULES.flatMap((r) => r.triggers);
    // Words of the patterns themselves, so fragments often complete a match.
    const words = [...new Set(INJECTION_RULES.flatMap((r) => r.re.source.match(/[a-z']{2,}/g) ?? []))];
    const spaces = [' ', ' ', ' ', '\n', ' \n', '\n\n', ' \n \n ', '\n \t', '\n'.repeat(30), ' \n'.repeat(90)];
    const punct = ['.', ',', ':', '"', '<', '>', '|', '[', ']', '!', '-', '/', '#', '##', '\n## ', '(', ')'];
    const wrong: string[] = [];
    let checked = 0;
    for (let t = 0; t < 1500; t++) {
      let text = '';
      const parts = 5 + Math.floor(next() * 60);
      for (let p = 0; p < parts; p++) {
        const r = next();
        text += r < 0.3 ? pick(triggers) : r < 0.8 ? pick(words) : r < 0.9 ? pick(punct) : 'x'.repeat(Math.floor(next() * 200));
        text += pick(spaces);
      }
      checked++;
      wrong.push(...differences(text));
      // The eval texts the rules match, wrapped in random text.
      const seed = pick(EVAL_TEXTS);
      wrong.push(...differences(text.slice(0, Math.floor(next() * text.length)) + pick(spaces) + seed + pick(spaces) + text));
    }
    expect(wrong).toEqual([]);
    expect(checked).toBe(1500);
  });
});
