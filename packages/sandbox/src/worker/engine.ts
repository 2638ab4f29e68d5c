/**
 * Executes one run inside a worker as a sequence of named phases sharing one `Run` (its scope
 * owns every handle): open a fresh context (prepared ahead when the worker was idle), install
 * the host functions and `ctx`, evaluate the module, call the entry and drain its jobs (the
 * deadline checked between capped batches), extract the result. Closing the run disposes the
 * scope in reverse order on every path, and discards the runtime or instance when it cannot be
 * reused.
 */
import { classifyFailure, type Failure } from './classify.js';
import { installHostFunctions } from './capabilities.js';
import type { GuestInstance } from './instance.js';
import { callEntry, evaluateModule, openContext } from './phases.js';
import { extractResult } from './result.js';
import type { RunJob, RunOutcome } from './protocol.js';
import { Run, RunFailure, type RunControl } from './run.js';

export type { RunControl } from './run.js';

const NO_CONTROL: RunControl = { cancelled: () => false, onCancel: () => undefined };

type Verdict = Omit<RunOutcome, 'logs' | 'stats' | 'unmatched'>;

/** The phases, in order; throws a `RunFailure` (or a host error) to end the run. */
async function phases(run: Run): Promise<Verdict> {
  const prepared = openContext(run);
  const guestCtx = installHostFunctions(run, prepared.glue);
  const ns = await evaluateModule(run);
  const value = await callEntry(run, ns, prepared.parse, guestCtx);
  const result = extractResult(run, prepared, value);
  run.clean = !run.runtime!.hasPendingJob();
  return { ok: true, value: result };
}

/** The failed verdict for `error`; a host stack overflow or crash marks the instance broken. */
function failed(run: Run, error: unknown): Verdict {
  const failure: Failure = error instanceof RunFailure ? error.failure : error instanceof RangeError ? { kind: 'host-stack' } : { kind: 'host-crash' };
  if (failure.kind === 'host-stack' || failure.kind === 'host-crash') run.instance.broken = true;
  return {
    ok: false,
    error: classifyFailure(failure, {
      deadlinePassed: run.passed(),
      cancelled: run.control.cancelled(),
      memoryCapHit: run.instance.refusedGrows > run.refusedBefore,
      denied: run.state.denied,
      scrubber: run.state.scrubber,
    }),
  };
}

/** Runs one job on `instance`. Never throws. */
export async function executeRun(instance: GuestInstance, job: RunJob, control: RunControl = NO_CONTROL): Promise<RunOutcome> {
  const run = new Run(instance, job, control);
  let verdict: Verdict;
  try {
    verdict = await phases(run);
  } catch (error) {
    verdict = failed(run, error);
  } finally {
    run.close();
  }
  if (instance.refusedGrows > run.refusedBefore) instance.broken = true;
  const { state } = run;
  return {
    ...verdict,
    logs: state.logs,
    stats: {
      durationMs: performance.now() - run.started,
      fetchCount: state.fetchCount,
      memoryBytes: instance.memory.buffer.byteLength,
      ...((job.functions?.length ?? 0) > 0 ? { functionCalls: state.functionCalls } : {}),
    },
    ...(state.unmatched !== undefined ? { unmatched: state.unmatched } : {}),
  };
}
