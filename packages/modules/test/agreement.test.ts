import { describe, expect, it } from 'vitest';
import { agreementFromSignatures, collectProbes, outputSignature, pickBest } from '../src/build/agreement.js';
import type { ModuleBundle, ValidationReport } from '../src/types.js';

function report(passed: boolean, testsPassed: number, testsFailed = 0): ValidationReport {
  return { passed, bundleHash: 'h', issues: [], tests: { passed: testsPassed, failed: testsFailed, results: [] }, untestedTools: [], durationMs: 0 };
}

describe('agreementFromSignatures', () => {
  it('gives each candidate the mean share of candidates agreeing with it per input', () => {
    // 3 candidates, 2 probes: A and B agree on both; C disagrees on probe 0, agrees on probe 1.
    const shares = agreementFromSignatures([
      ['v:1', 'v:x'],
      ['v:1', 'v:x'],
      ['v:2', 'v:x'],
    ]);
    expect(shares[0]).toBeCloseTo((2 / 3 + 3 / 3) / 2);
    expect(shares[1]).toBeCloseTo(shares[0]!);
    expect(shares[2]).toBeCloseTo((1 / 3 + 3 / 3) / 2);
  });

  it('is 1 for a single candidate and 1/k without probes', () => {
    expect(agreementFromSignatures([['a']])).toEqual([1]);
    expect(agreementFromSignatures([[], [], [], []])).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('everyone agreeing gives 1', () => {
    expect(
      agreementFromSignatures([
        ['a', 'b'],
        ['a', 'b'],
      ]),
    ).toEqual([1, 1]);
  });
});

describe('outputSignature', () => {
  it('identifies values canonically (key order does not matter) and errors by code', () => {
    const a = outputSignature({ name: 'a', passed: true, actual: { x: 1, y: 2 }, durationMs: 1 });
    const b = outputSignature({ name: 'b', passed: true, actual: { y: 2, x: 1 }, durationMs: 1 });
    expect(a).toBe(b);
    expect(outputSignature({ name: 'c', passed: false, error: { code: 'GUEST_ERROR', message: 'boom' }, durationMs: 1 })).toBe('error:GUEST_ERROR');
    // A failed expectation still has an output to compare.
    expect(outputSignature({ name: 'd', passed: false, actual: 3, error: { code: 'EXPECTATION_FAILED', message: '' }, durationMs: 1 })).toBe('value:3');
    expect(outputSignature(undefined)).toBe('missing');
  });
});

describe('collectProbes', () => {
  it('unions the offline cases of all candidates, without duplicates or live cases', () => {
    const mk = (tests: ModuleBundle['tests']): ModuleBundle => ({ manifest: {} as ModuleBundle['manifest'], code: '', tests });
    const http = [{ request: { url: 'https://x/1' }, response: { status: 200, json: { a: 1 } } }];
    const probes = collectProbes([
      mk([
        { name: 'a', entry: 'tools.get.run', input: { id: 1 }, http },
        { name: 'live', entry: 'tools.get.run', input: { id: 1 }, live: true },
      ]),
      mk([
        { name: 'a2', entry: 'tools.get.run', input: { id: 1 }, http },
        { name: 'b', entry: 'tools.get.run', input: { id: 2 }, http },
        { name: 'bad', entry: 'default' },
      ]),
    ]);
    expect(probes).toEqual([
      { tool: 'get', input: { id: 1 }, http },
      { tool: 'get', input: { id: 2 }, http },
    ]);
  });
});

describe('pickBest', () => {
  it('prefers passing, then a larger share of its tests passed, then agreement, then the earlier candidate', () => {
    expect(
      pickBest([
        { report: report(false, 9), agreement: 1 },
        { report: report(true, 1), agreement: 0.1 },
      ]),
    ).toBe(1);
    expect(
      pickBest([
        { report: report(false, 2, 1), agreement: 1 },
        { report: report(false, 3, 3), agreement: 0.1 },
      ]),
    ).toBe(0);
    // every candidate writes its own tests: one that wrote more of them does not outrank agreement
    expect(
      pickBest([
        { report: report(true, 2), agreement: 1 },
        { report: report(true, 3), agreement: 0.1 },
      ]),
    ).toBe(0);
    expect(
      pickBest([
        { report: report(true, 3), agreement: 0.4 },
        { report: report(true, 3), agreement: 0.9 },
      ]),
    ).toBe(1);
    expect(
      pickBest([
        { report: report(true, 3), agreement: 0.9 },
        { report: report(true, 3), agreement: 0.9 },
      ]),
    ).toBe(0);
  });
});
