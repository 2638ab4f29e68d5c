/**
 * The Express page's build card folds module events into rounds: candidates validated side by
 * side each get their own round (their events interleave), and a repair round follows.
 */
import { describe, expect, it } from 'vitest';
import { foldBuild, type BuildState } from '../express-server/page/build-state.js';
import type { ModuleEvent } from '../express-server/page/types.js';

const fold = (events: ModuleEvent[]): BuildState => events.reduce<BuildState | undefined>((s, e) => foldBuild(s, e, 0), undefined)!;
const test = (candidate: number | undefined, name: string, passed: boolean): ModuleEvent => ({
  type: 'module.test',
  name: 'm',
  case: name,
  passed,
  ...(candidate === undefined ? {} : { candidate }),
});

describe('foldBuild', () => {
  it('gives each candidate its own round even when their test events interleave', () => {
    const s = fold([
      { type: 'module.generating', candidate: 0 },
      { type: 'module.validating', name: 'm', candidate: 0 },
      { type: 'module.validating', name: 'm', candidate: 1 },
      test(1, 'b1', true),
      test(0, 'a1', false),
      test(1, 'b2', true),
      { type: 'module.validated', name: 'm', passed: false, candidate: 0 },
      { type: 'module.validated', name: 'm', passed: true, candidate: 1 },
      { type: 'module.repairing', name: 'm', round: 1 },
      { type: 'module.validating', name: 'm' },
      test(undefined, 'a1', true),
      { type: 'module.validated', name: 'm', passed: true },
    ]);
    expect(s.rounds.map((r) => [r.candidate, r.round, r.passed, r.tests.map((t) => `${t.name}:${t.passed}`)])).toEqual([
      [0, 0, false, ['a1:false']],
      [1, 0, true, ['b1:true', 'b2:true']],
      [undefined, 1, true, ['a1:true']],
    ]);
  });

  it('without candidates, test events go to the newest round', () => {
    const s = fold([
      { type: 'module.generating' },
      { type: 'module.validating', name: 'm' },
      test(undefined, 'x', false),
      { type: 'module.validated', name: 'm', passed: false, testsFailed: 1 },
    ]);
    expect(s.rounds).toEqual([{ round: 0, passed: false, tests: [{ name: 'x', passed: false }] }]);
    expect(s.phase).toBe('1 test failing');
  });
});
