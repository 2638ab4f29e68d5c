/**
 * A module build as the page shows it, folded from the `build_module` progress events (module
 * events inside `data-graft-progress`): the phase, when it started and stopped, and each test
 * round's results with the reason a failed case failed.
 */
import type { ModuleEvent } from './types.js';

/** One offline test case's result. */
export interface TestResult {
  name: string;
  passed: boolean;
  reason?: string;
}

/** One validation round (the first draft, then each repair). */
export interface TestRound {
  round: number;
  tests: TestResult[];
  passed?: boolean;
}

/** A build's state. */
export interface BuildState {
  module?: string;
  phase: string;
  status: 'running' | 'waiting' | 'installed' | 'failed';
  startedAt: number;
  /** False when the page saw only the end of the build (e.g. after a reload): no timer then. */
  timed: boolean;
  /** Set when the build stops for the user (approval, key) or ends. */
  stoppedAt?: number;
  round: number;
  rounds: TestRound[];
  outputChars?: number;
}

/** A build that has just started. */
export function newBuild(now: number): BuildState {
  return { phase: 'Starting', status: 'running', startedAt: now, timed: true, round: 0, rounds: [] };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The state after one event (a new object; `now` is the event's arrival time). */
export function foldBuild(prev: BuildState | undefined, e: ModuleEvent, now: number): BuildState {
  const fresh = !prev;
  const s: BuildState = { ...(prev ?? newBuild(now)), rounds: prev?.rounds ?? [] };
  // a build first seen after it started (a resumed run): its phases, but no timer
  if (fresh && e.type !== 'module.generating' && e.type !== 'module.progress') Object.assign(s, { timed: false, status: 'waiting' });
  if (e.name && e.name !== '(unnamed module)') s.module = e.name;
  const stop = (status: BuildState['status'], phase: string) => Object.assign(s, { status, phase, stoppedAt: s.stoppedAt ?? now });
  switch (e.type) {
    case 'module.generating':
      s.phase = 'Writing the module';
      break;
    case 'module.progress':
      s.outputChars = e.outputChars;
      s.phase = e.phase === 'repair' ? `Repairing, round ${e.round ?? s.round}` : 'Writing the module';
      break;
    case 'module.generated':
      s.phase = 'Draft written';
      break;
    case 'module.validating':
      s.phase = 'Running the tests';
      s.rounds = [...s.rounds, { round: s.round, tests: [] }];
      break;
    case 'module.test': {
      const rounds = s.rounds.length ? s.rounds : [{ round: s.round, tests: [] }];
      const last = rounds[rounds.length - 1]!;
      s.rounds = [...rounds.slice(0, -1), { ...last, tests: [...last.tests, { name: e.case ?? '?', passed: !!e.passed, ...(e.reason ? { reason: e.reason } : {}) }] }];
      s.phase = `Running the tests (${plural(s.rounds.at(-1)!.tests.length, 'case')} done)`;
      break;
    }
    case 'module.validated': {
      const last = s.rounds.at(-1);
      if (last) s.rounds = [...s.rounds.slice(0, -1), { ...last, passed: !!e.passed }];
      s.phase = e.passed ? `Tests passed (${e.testsPassed})` : `${plural(e.testsFailed ?? 0, 'test')} failing`;
      break;
    }
    case 'module.repairing':
      s.round = e.round ?? s.round + 1;
      s.phase = `Repairing, round ${s.round}`;
      break;
    case 'module.awaiting_approval':
      stop('waiting', 'Waiting for your approval');
      break;
    case 'module.approved':
      s.phase = 'Approved; installing';
      break;
    case 'module.awaiting_live_test':
      s.phase = 'Installed; testing against the live API';
      break;
    case 'module.awaiting_credentials':
      stop('waiting', 'Waiting for the API key');
      break;
    case 'module.live_testing':
      s.phase = 'Testing against the live API';
      break;
    case 'module.live_tested':
      s.phase = e.passed ? 'Live test passed' : 'Live test failed';
      break;
    case 'module.installed':
      stop('installed', `Installed ${e.name}@${e.version}`);
      break;
    case 'module.failed':
      stop('failed', e.message ? `Failed: ${e.message}` : 'Failed');
      break;
    default:
      break;
  }
  return s;
}
