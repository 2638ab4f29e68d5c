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

/** One validation round (the first draft — one per candidate when several are sampled — then each repair). */
export interface TestRound {
  round: number;
  /** The candidate validated (0-based), when several were sampled side by side. */
  candidate?: number;
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

/** The round an event belongs to: its candidate's latest round, else the newest round. */
function roundOf(rounds: TestRound[], candidate: number | undefined): number {
  if (candidate !== undefined) for (let i = rounds.length - 1; i >= 0; i--) if (rounds[i]!.candidate === candidate) return i;
  return rounds.length - 1;
}

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
      s.phase = e.candidate === undefined ? 'Running the tests' : "Running the candidates' tests";
      s.rounds = [...s.rounds, { round: s.round, ...(e.candidate === undefined ? {} : { candidate: e.candidate }), tests: [] }];
      break;
    case 'module.test': {
      const rounds = s.rounds.length ? s.rounds : [{ round: s.round, tests: [] }];
      const at = roundOf(rounds, e.candidate);
      const r = rounds[at]!;
      const tests = [...r.tests, { name: e.case ?? '?', passed: !!e.passed, ...(e.reason ? { reason: e.reason } : {}) }];
      s.rounds = rounds.map((x, i) => (i === at ? { ...r, tests } : x));
      s.phase = `Running the tests (${plural(tests.length, 'case')} done)`;
      break;
    }
    case 'module.validated': {
      const at = roundOf(s.rounds, e.candidate);
      if (at >= 0) s.rounds = s.rounds.map((x, i) => (i === at ? { ...x, passed: !!e.passed } : x));
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
