/**
 * Decides a failed run's error code from host-side state: the deadline, refused memory growth,
 * capability refusals, the output check, and the phase the failure happened in. The guest's own
 * text only ever becomes a (scrubbed, truncated) message.
 */
import { MAX_ERROR_MESSAGE_CHARS } from '../limits.js';
import type { Scrubber } from '@graft/providers/scrub';
import type { SandboxErrorCode } from '../types.js';

/** What went wrong, as the engine saw it. */
export type Failure =
  | { kind: 'timeout' }
  | { kind: 'aborted' }
  | { kind: 'host-stack' }
  | { kind: 'host-crash' }
  | { kind: 'output'; message: string }
  | { kind: 'not-json'; message: string }
  | { kind: 'cyclic'; message: string }
  | { kind: 'guest'; phase: 'evaluate' | 'call'; name: string; message: string };

/** Host-side facts at the time of the failure. */
export interface FailureFacts {
  deadlinePassed: boolean;
  /** The caller aborted the run. */
  cancelled: boolean;
  memoryCapHit: boolean;
  denied: string | undefined;
  scrubber: Scrubber;
}

const truncate = (s: string) => (s.length > MAX_ERROR_MESSAGE_CHARS ? `${s.slice(0, MAX_ERROR_MESSAGE_CHARS)}…` : s);

/** Maps a failure to `{ code, message }`. */
export function classifyFailure(f: Failure, facts: FailureFacts): { code: SandboxErrorCode; message: string } {
  if (facts.cancelled || f.kind === 'aborted') {
    return { code: 'ABORTED', message: 'The run was aborted by the caller.' };
  }
  if (facts.deadlinePassed || f.kind === 'timeout') {
    return { code: 'TIMEOUT', message: 'The run exceeded its time limit (limits.timeMs); make the code do less work or raise the limit.' };
  }
  if (facts.memoryCapHit) {
    return { code: 'MEMORY_LIMIT', message: 'The run exceeded its memory limit (limits.memoryBytes); use less memory or raise the limit.' };
  }
  if (f.kind === 'host-stack' || (f.kind === 'guest' && f.name === 'InternalError' && f.message === 'stack overflow')) {
    return { code: 'STACK_OVERFLOW', message: 'The run exceeded its stack limit (limits.stackBytes); avoid deep recursion.' };
  }
  if (f.kind === 'host-crash') {
    return { code: 'CRASHED', message: 'The sandbox instance failed; the run was discarded and the instance replaced. Retry the run.' };
  }
  if (f.kind === 'output') {
    return {
      code: 'OUTPUT_LIMIT',
      message: `The result cannot cross the sandbox boundary: ${truncate(facts.scrubber.scrub(f.message))}. Return plain JSON within limits.outputBytes.`,
    };
  }
  if (f.kind === 'not-json') {
    return {
      code: 'OUTPUT_NOT_JSON',
      message: `The result cannot cross the sandbox boundary: ${f.message}. Return plain JSON (convert BigInt values to strings or numbers).`,
    };
  }
  if (f.kind === 'cyclic') {
    return {
      code: 'OUTPUT_CYCLIC',
      message: `The result cannot cross the sandbox boundary: ${f.message}. Return a tree of plain JSON values, without references back to a parent.`,
    };
  }
  if (facts.denied !== undefined) {
    return { code: 'CAPABILITY_DENIED', message: truncate(facts.denied) };
  }
  if (f.phase === 'evaluate' && (f.name === 'SyntaxError' || /^could not load module/.test(f.message))) {
    return { code: 'INVALID_MODULE', message: truncate(facts.scrubber.scrub(`${f.name}: ${f.message}`)) };
  }
  return { code: 'GUEST_ERROR', message: truncate(facts.scrubber.scrub(f.message || f.name)) };
}
