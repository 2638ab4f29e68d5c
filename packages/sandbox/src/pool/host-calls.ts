/**
 * The main-thread side of one run's host function calls: runs each call the worker sends
 * (checked and scrubbed there) with its time bound, and answers the calls of one turn of this
 * thread in one message. A call that arrives after the run ended, or names a function not
 * offered, is answered with a refusal; answers after the run ended are dropped.
 */
import { invokeHostFunction } from '../host-functions/invoke.js';
import type { HostFunction, Limits } from '../types.js';
import type { CallRequest, CallResult, CallResultMessage } from '../worker/protocol.js';
import type { LiveWorker } from './live-worker.js';

/** What the handler needs from the pool's dispatch of the run. */
export interface RunCalls {
  worker: LiveWorker;
  /** The run id. */
  id: number;
  limits: Limits;
  hostFunctions: Record<string, HostFunction> | undefined;
  /** True once the run ended. */
  done: () => boolean;
}

/** The handler for one run's call batches, and `ended()` to call once the run ended (aborts the signal host functions read). */
export function runCallHandler(run: RunCalls): { onCalls: (calls: CallRequest[]) => void; ended: () => void } {
  const { worker, id, limits, hostFunctions } = run;
  /** Aborted when the run ends; created only if a host function reads its `signal`. */
  let runEnded: AbortController | undefined;
  const runEndedSignal = (): AbortSignal => {
    if (!runEnded) {
      runEnded = new AbortController();
      if (run.done()) runEnded.abort();
    }
    return runEnded.signal;
  };
  /** Answers not yet sent, sent in one message per turn of this thread. */
  let replies: CallResult[] | undefined;
  const flushReplies = () => {
    const callResults = replies;
    replies = undefined;
    if (callResults && !run.done()) worker.post({ run: id, callResults } satisfies CallResultMessage);
  };
  const reply = (call: number, outcome: Omit<CallResult, 'call'>) => {
    if (run.done()) return;
    if (!replies) {
      replies = [];
      void Promise.resolve().then(flushReplies); // cheaper than queueMicrotask (no async resource per batch)
    }
    replies.push({ call, ...outcome });
  };
  /** When the worker started the run (read once: it does not change). */
  let startedAt: number | undefined;
  const onCalls = (calls: CallRequest[]) => {
    for (const call of calls) {
      const fn = hostFunctions && Object.hasOwn(hostFunctions, call.name) ? hostFunctions[call.name] : undefined;
      if (!fn || run.done()) {
        reply(call.call, { ok: false, message: `host function ${call.name} is not offered to this run` });
        continue;
      }
      startedAt ??= worker.startedAt(id);
      const timeMs = Math.min(limits.functionTimeMs, (startedAt ?? Date.now()) + limits.timeMs - Date.now());
      const outcome = invokeHostFunction(call.name, fn, call.args, timeMs, limits.functionBytes, runEndedSignal);
      if (outcome instanceof Promise) void outcome.then((o) => reply(call.call, o));
      else reply(call.call, outcome);
    }
  };
  return { onCalls, ended: () => runEnded?.abort() };
}
