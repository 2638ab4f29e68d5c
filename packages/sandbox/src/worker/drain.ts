/**
 * Drives a run's job queue until a guest promise settles: capped job batches with the deadline
 * and the caller's abort checked between them, and a wait for the host while the guest awaits
 * host work and has nothing else to run.
 */
import type { JSPromiseState, QuickJSHandle } from 'quickjs-emscripten-core';
import { JOB_BATCH } from '../limits.js';
import { describeHandle } from './guest-values.js';
import { RunFailure, type Run } from './run.js';

/** Runs pending jobs in capped batches until none are left; throws once the run must stop. */
function runJobs(run: Run): void {
  const rt = run.runtime!;
  for (;;) {
    if (run.control.cancelled()) throw new RunFailure({ kind: 'aborted' });
    if (run.passed()) throw new RunFailure({ kind: 'timeout' });
    const r = rt.executePendingJobs(JOB_BATCH);
    if (r.error) {
      r.error.dispose();
      continue;
    }
    const ran = r.value;
    r.dispose();
    if (ran < JOB_BATCH && !rt.hasPendingJob()) return;
  }
}

/** Drives jobs (deadline-checked, capped batches) until `promise` settles; returns its state. */
export async function drain(run: Run, promise: QuickJSHandle): Promise<JSPromiseState> {
  for (;;) {
    runJobs(run);
    const st = run.context.getPromiseState(promise);
    if (st.type !== 'pending') return st;
    if (run.pending.size === 0) {
      throw new RunFailure({
        kind: 'guest',
        phase: 'call',
        name: 'Error',
        message: 'the entry returned a promise that can never settle (it awaits nothing the host is doing)',
      });
    }
    await run.waitForHost();
    if (run.control.cancelled()) throw new RunFailure({ kind: 'aborted' });
    if (run.faulted) throw new Error('host result could not be delivered');
  }
}

/** The settled value of a handle that may be a promise (owned by the run), or a failure. */
export async function settled(run: Run, handle: QuickJSHandle, phase: 'evaluate' | 'call'): Promise<QuickJSHandle> {
  const st = await drain(run, handle);
  if (st.type === 'fulfilled') return st.notAPromise ? handle : run.own(st.value);
  if (st.type === 'rejected') {
    run.own(st.error);
    throw new RunFailure({ kind: 'guest', phase, ...describeHandle(run.context, st.error) });
  }
  throw new RunFailure({ kind: 'guest', phase, name: 'Error', message: 'the promise never settled' });
}
