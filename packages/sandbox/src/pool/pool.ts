/**
 * A pool of worker threads running guest code, with a host-side wall-clock watchdog: a worker
 * still busy after its run's deadline (plus a short grace) is terminated and replaced.
 *
 * A run is dispatched only to a worker that reported ready, so a run's deadline never includes a
 * worker's start-up. A slot whose worker died or was terminated starts a new one, retrying failed
 * starts with exponential backoff (`WORKER_START_ATTEMPTS`, `WORKER_START_BACKOFF_MS`); when no
 * slot can start a worker, queued runs end with the typed run error `WORKER_START_FAILED` and the
 * next run tries again. No promise of the pool ever rejects unhandled.
 */
import {
  RESERVE_MAX_INSTANCE_BYTES,
  WATCHDOG_GRACE_MS,
  WATCHDOG_STARVED_CPU_SHARE,
  WATCHDOG_STARVED_MAX_MS,
  WORKER_START_ATTEMPTS,
  WORKER_START_BACKOFF_MS,
  WORKER_START_TIMEOUT_MS,
} from '../limits.js';
import type { HostFunction, SandboxErrorCode } from '../types.js';
import type { CallMessage, CallRequest, ResultMessage, RunJob, RunOutcome } from '../worker/protocol.js';
import { runCallHandler } from './host-calls.js';
import { startWorker, type LiveWorker, type WorkerFactory } from './live-worker.js';
import { returnToReserve, takeFromReserve } from './reserve.js';

/** A job the caller handed in: the worker's part plus host functions that stay on this thread. */
export type PoolJob = Omit<RunJob, 'deadline'> & { hostFunctions?: Record<string, HostFunction> };

/** A job waiting for a worker. `deadline` is set when a worker picks it up. */
interface Pending {
  job: PoolJob;
  signal: AbortSignal | undefined;
  resolve: (outcome: RunOutcome) => void;
  started: number;
  /** Removes the while-queued abort listener (a caller may reuse one signal for many runs). */
  unlisten: () => void;
}

const failed = (code: SandboxErrorCode, message: string, started: number): RunOutcome => ({
  ok: false,
  error: { code, message },
  logs: [],
  stats: { durationMs: performance.now() - started, fetchCount: 0 },
});

/** Run ids are unique in the process: a worker handed from one pool to another never sees an id twice. */
let nextRunId = 1;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One worker place of the pool. */
class Slot {
  /** The ready worker, if any (never one that is still starting). */
  worker: LiveWorker | undefined;
  /** Set while a worker is being started for this slot. */
  starting: Promise<void> | undefined;
  /** The last start gave up after every attempt. */
  failed = false;
  /** The guest memory size the worker's last run reported, bytes. */
  memoryBytes = 0;
  current: { id: number; finish: (outcome: RunOutcome) => void; onCalls: (calls: CallRequest[]) => void } | undefined;
}

/** Internal options of the pool (tests substitute the thread factory). */
export interface PoolOptions {
  factory?: WorkerFactory;
  /** Take idle workers from the process-wide reserve and return them on dispose (default true). */
  reserve?: boolean;
}

/** The pool behind a `Sandbox`. */
export class WorkerPool {
  private readonly slots: Slot[];
  private readonly queue: Pending[] = [];
  private disposed = false;
  /** The last reason a worker could not start (for the error message). */
  private lastStartError = '';

  /** @param memoryBytes the sandbox's default memory cap, instantiated by each new worker up front. */
  constructor(
    size: number,
    private readonly memoryBytes: number,
    private readonly options: PoolOptions = {},
  ) {
    this.slots = Array.from({ length: size }, () => new Slot());
  }

  /** Starts every worker (taking reserve workers first); rejects only when no worker at all could start. */
  async start(): Promise<void> {
    const useReserve = this.options.reserve !== false && this.options.factory === undefined;
    await Promise.all(
      this.slots.map((slot) => {
        const reserved = useReserve ? takeFromReserve() : undefined;
        if (reserved) {
          this.adopt(slot, reserved);
          return undefined;
        }
        return this.startSlot(slot);
      }),
    );
    if (!this.slots.some((s) => s.worker)) throw new Error(this.lastStartError || 'no worker started');
  }

  /** Starts a worker for `slot`, retrying with backoff. Never rejects. */
  private startSlot(slot: Slot): Promise<void> {
    if (slot.starting) return slot.starting;
    slot.failed = false;
    slot.starting = (async () => {
      for (let attempt = 0; attempt < WORKER_START_ATTEMPTS && !this.disposed; attempt++) {
        if (attempt > 0) await sleep(WORKER_START_BACKOFF_MS * 2 ** (attempt - 1));
        if (this.disposed) break;
        try {
          const worker = await startWorker(this.memoryBytes, this.options.factory);
          if (this.disposed) {
            await worker.terminate();
            return;
          }
          this.adopt(slot, worker);
          return;
        } catch (error) {
          this.lastStartError = error instanceof Error ? error.message : String(error);
        }
      }
      slot.failed = true;
    })()
      .catch(() => {
        slot.failed = true;
      })
      .finally(() => {
        slot.starting = undefined;
        this.failQueuedIfStuck();
        this.pump();
      });
    return slot.starting;
  }

  /** Makes `worker` the slot's worker. */
  private adopt(slot: Slot, worker: LiveWorker): void {
    slot.worker = worker;
    slot.failed = false;
    worker.onMessage = (m) => {
      const message = m as Partial<ResultMessage & CallMessage>;
      const current = slot.current;
      if (!current) return;
      if (message.calls) {
        if (message.run === current.id) current.onCalls(message.calls);
      } else if (message.outcome && message.id === current.id) current.finish(message.outcome);
    };
    worker.onDeath = () => {
      if (slot.worker !== worker) return;
      slot.worker = undefined;
      slot.current?.finish(failed('CRASHED', 'The sandbox worker exited unexpectedly; retry the run.', performance.now()));
      if (!this.disposed) void this.startSlot(slot);
    };
  }

  /** When no slot has or is starting a worker, queued runs end with `WORKER_START_FAILED`. */
  private failQueuedIfStuck(): void {
    if (this.queue.length === 0 || this.slots.some((s) => s.worker || s.starting)) return;
    for (const p of this.queue.splice(0)) {
      p.unlisten();
      p.resolve(
        failed(
          'WORKER_START_FAILED',
          `No sandbox worker could be started (${this.lastStartError || 'unknown reason'}); the host may be out of memory or threads. Retry the run later.`,
          p.started,
        ),
      );
    }
  }

  /** Queues a run; resolves with its outcome (never rejects). */
  run(job: PoolJob, signal?: AbortSignal): Promise<RunOutcome> {
    const started = performance.now();
    if (signal?.aborted) return Promise.resolve(failed('ABORTED', 'The run was aborted by the caller.', started));
    if (this.disposed) return Promise.resolve(failed('ABORTED', 'The sandbox was disposed.', started));
    return new Promise<RunOutcome>((resolve) => {
      const onAbort = () => {
        const i = this.queue.indexOf(pending);
        if (i >= 0) {
          this.queue.splice(i, 1);
          resolve(failed('ABORTED', 'The run was aborted by the caller.', started));
        }
      };
      const pending: Pending = { job, signal, resolve, started, unlisten: () => signal?.removeEventListener('abort', onAbort) };
      this.queue.push(pending);
      signal?.addEventListener('abort', onAbort, { once: true });
      // Slots that gave up starting try again now that a run needs them.
      for (const slot of this.slots) if (slot.failed && !slot.starting && !slot.worker) void this.startSlot(slot);
      this.pump();
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.current || !slot.worker || slot.worker.dead) continue;
      this.dispatch(slot, slot.worker, this.queue.shift()!);
    }
  }

  private dispatch(slot: Slot, worker: LiveWorker, pending: Pending): void {
    pending.unlisten();
    const started = performance.now();
    const id = nextRunId++;
    const { hostFunctions, ...job } = pending.job;
    const dispatched = Date.now();
    let answered = false;
    let done = false;
    let graceTimer: ReturnType<typeof setTimeout> | undefined;
    const calls = runCallHandler({ worker, id, limits: job.limits, hostFunctions, done: () => done });
    /** Resolves the caller (once); the slot stays busy until the worker is done. */
    const answer = (outcome: RunOutcome) => {
      if (answered) return;
      answered = true;
      pending.signal?.removeEventListener('abort', onAbort);
      pending.resolve(outcome);
    };
    const kill = (outcome: RunOutcome) => {
      finish(outcome);
      if (slot.worker === worker) {
        slot.worker = undefined;
        void worker.terminate();
        if (!this.disposed) void this.startSlot(slot);
      }
    };
    /**
     * The watchdog counts from when the worker started the run (a shared clock), so a worker that
     * first replaces its instance or is not scheduled yet does not eat the guest's time; one that
     * has not started the run within `WORKER_START_TIMEOUT_MS` is replaced.
     */
    const check = () => {
      const now = Date.now();
      const startedAt = worker.startedAt(id);
      if (startedAt === undefined) {
        if (now - dispatched >= WORKER_START_TIMEOUT_MS) {
          return kill(failed('CRASHED', 'The sandbox worker did not start the run in time and was replaced; retry the run.', started));
        }
        watchdog = setTimeout(check, job.limits.timeMs + WATCHDOG_GRACE_MS);
        return;
      }
      const left = startedAt + job.limits.timeMs + WATCHDOG_GRACE_MS - now;
      if (left > 0) {
        watchdog = setTimeout(check, left);
        return;
      }
      // A thread the OS barely ran cannot have noticed its deadline: it ends the run itself once it
      // runs (the interrupt handler sees the deadline). Terminating it would only cost a restart.
      // One busy in a builtin that never reaches the interrupt handler burns CPU: terminate it.
      const cpu = worker.cpuMs();
      if (cpu !== undefined && now - startedAt < job.limits.timeMs + WATCHDOG_GRACE_MS + WATCHDOG_STARVED_MAX_MS) {
        const starved = lastCpu === undefined || cpu - lastCpu.cpu < (now - lastCpu.at) * WATCHDOG_STARVED_CPU_SHARE;
        lastCpu = { cpu, at: now };
        if (starved) {
          watchdog = setTimeout(check, WATCHDOG_GRACE_MS);
          return;
        }
      }
      kill(
        failed(
          'TIMEOUT',
          'The run exceeded its time limit (limits.timeMs) and its worker was terminated; make the code do less work or raise the limit.',
          started,
        ),
      );
    };
    let lastCpu: { cpu: number; at: number } | undefined;
    let watchdog = setTimeout(check, job.limits.timeMs + WATCHDOG_GRACE_MS);
    // Abort cooperatively: the worker's interrupt handler sees the shared flag and host waits are
    // woken by a message; only a worker that does not stop within the grace is terminated.
    const onAbort = () => {
      answer(failed('ABORTED', 'The run was aborted by the caller.', started));
      Atomics.store(worker.cancel, 0, id);
      worker.post({ cancel: id });
      graceTimer ??= setTimeout(() => kill(failed('ABORTED', 'The run was aborted by the caller.', started)), WATCHDOG_GRACE_MS);
    };
    pending.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (outcome: RunOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(watchdog);
      clearTimeout(graceTimer);
      calls.ended();
      slot.current = undefined;
      slot.memoryBytes = outcome.stats.memoryBytes ?? slot.memoryBytes;
      answer(outcome);
      void Promise.resolve().then(() => this.pump());
    };
    slot.current = { id, finish, onCalls: calls.onCalls };
    worker.post({ id, job: { ...job, deadline: dispatched + job.limits.timeMs } });
  }

  /** Ends queued runs with `ABORTED`; returns idle workers to the process reserve and terminates the rest. */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const p of this.queue.splice(0)) {
      p.unlisten();
      p.resolve(failed('ABORTED', 'The sandbox was disposed.', performance.now()));
    }
    const useReserve = this.options.reserve !== false && this.options.factory === undefined;
    await Promise.all(
      this.slots.map(async (slot) => {
        await slot.starting;
        const worker = slot.worker;
        slot.worker = undefined;
        const busy = slot.current !== undefined;
        slot.current?.finish(failed('ABORTED', 'The sandbox was disposed.', performance.now()));
        if (!worker) return;
        if (!busy && useReserve && slot.memoryBytes <= RESERVE_MAX_INSTANCE_BYTES) returnToReserve(worker);
        else await worker.terminate();
      }),
    );
  }
}
