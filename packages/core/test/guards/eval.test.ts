import { describe, expect, it } from 'vitest';
import { scoreInjection, scorePii } from '../../eval/metrics.js';

// Targets from the issue, asserted on the held-out split (never used while tuning).
describe('guards on the held-out evaluation split', () => {
  const pii = scorePii('test');
  const inj = scoreInjection('test');

  it('has a sizable labelled set', () => {
    expect(pii.texts).toBeGreaterThanOrEqual(150);
    expect(pii.piiFreeTexts).toBeGreaterThanOrEqual(60);
    expect(inj.positives).toBeGreaterThanOrEqual(60);
    expect(inj.negatives).toBeGreaterThanOrEqual(75);
  });
  it('PII micro recall ≥ 97%', () => {
    expect(pii.micro.recall).toBeGreaterThanOrEqual(0.97);
  });
  it('≤ 3% of PII-free look-alike texts flagged', () => {
    expect(pii.piiFreeFlagged).toBeLessThanOrEqual(0.03);
  });
  it('injection recall ≥ 60% at ≤ 2% false positives', () => {
    expect(inj.recall).toBeGreaterThanOrEqual(0.6);
    expect(inj.fpr).toBeLessThanOrEqual(0.02);
  });
});
