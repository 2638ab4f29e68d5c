import { describe, expect, it } from 'vitest';
import { HELD_OUT, scoreInjection, scorePii } from '../../eval/metrics.js';

// Goals of issue 17, asserted on held-out data (never tuned on): all held-out splits
// together, and the real-world-style split alone (written before any tuning for it).
describe.each([
  ['all held-out splits', HELD_OUT],
  ['real-world-style held-out split', ['rw.test'] as const],
])('guards on %s', (_name, splits) => {
  const pii = scorePii(splits);
  const inj = scoreInjection(splits);

  it('has a sizable labelled set', () => {
    expect(pii.texts).toBeGreaterThanOrEqual(200);
    expect(pii.piiFreeTexts).toBeGreaterThanOrEqual(60);
    expect(inj.positives).toBeGreaterThanOrEqual(50);
    expect(inj.indirect.n).toBeGreaterThanOrEqual(25);
    expect(inj.negatives).toBeGreaterThanOrEqual(60);
  });
  it('PII micro recall ≥ 97%, precision ≥ 97%', () => {
    expect(pii.micro.recall).toBeGreaterThanOrEqual(0.97);
    expect(pii.micro.precision).toBeGreaterThanOrEqual(0.97);
  });
  it('≤ 3% of PII-free look-alike texts flagged', () => {
    expect(pii.piiFreeFlagged).toBeLessThanOrEqual(0.03);
  });
  it('injection recall ≥ 60% (indirect ≥ 40%) at ≤ 2% false positives, heuristics alone', () => {
    expect(inj.recall).toBeGreaterThanOrEqual(0.6);
    expect(inj.indirect.recall).toBeGreaterThanOrEqual(0.4);
    expect(inj.fpr).toBeLessThanOrEqual(0.02);
  });
});
