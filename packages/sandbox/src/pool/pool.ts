/**
 * A pool of worker threads running guest code, with a host-side wall-clock watchdog: a worker
 * still busy after its run's deadline (plus a short grace) is terminated and replaced.
 */
import { Worker } from 'node:worker_threads';
import { WATCHDOG_GRACE_MS, WORKER_STACK_MB } from '../limits.js';
import type { SandboxErrorCode } from '../types.js';
import type { ResultMessage, RunJob, RunOutcome } from '../worker/protocol.js';
import { quickjsWasmModule } from './wasm.js';
import { workerScriptUrl } from './worker-url.js';

/** A job waiting for a worker. `deadline` is set when a worker picks it up. */
interface Pending {
  job: Omit<RunJob, 'deadline'>;
  signal: AbortSignal | undefined;
  resolve: (outcome: RunOutcome) => void;
  /** Removes the while-queued abort listener (a caller may reuse one signal for many runs). */
  unlisten: () => void;
}

const failed = (code: SandboxErrorCode, message: string, started: number): RunOutcome => ({
  ok: false,
  error: { code, message },
  logs: [],
  stats: { durationMs: performance.now() - started, fetchCount: 0 },
});

/** One worker and the run it is busy with. */
class Slot {
  worker: Worker | undefined;
  /** Shared with the worker: the id of a run the caller aborted. */
  cancel: Int32Array | undefined;
  ready: Promise<void> | undefined;
  busy = false;
  current: { id: number; finish: (outcome: RunOutcome) => void } | undefined;
}

/** The pool behind a `Sandbox`. */
export class WorkerPool {
  private readonly slots: Slot[];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private disposed = false;

  /** @param memoryBytes the sandbox's default memory cap, instantiated by each worker up front. */
  constructor(
    size: number,
    private readonly memoryBytes: number,
  ) {
    this.slots = Array.from({ length: size }, () => new Slot());
  }

  /** Starts every worker (resolves once all are ready). */
  async start(): Promise<void> {
    await Promise.all(this.slots.map((slot) => this.spawn(slot)));
  }

  private spawn(slot: Slot): Promise<void> {
    slot.ready = (async () => {
      const [url, wasmModule] = await Promise.all([workerScriptUrl(), quickjsWasmModule()]);
      const cancel = new Int32Array(new SharedArrayBuffer(4));
      const worker = new Worker(url, {
        workerData: { wasmModule, memoryBytes: this.memoryBytes, cancel },
        resourceLimits: { stackSizeMb: WORKER_STACK_MB },
      });
      slot.cancel = cancel;
      slot.worker = worker;
      await new Promise<void>((resolve, reject) => {
        const onExit = (code: number) => reject(new Error(`worker exited with code ${code} before it was ready`));
        const onMessage = (m: { ready?: boolean }) => {
          if (m?.ready) {
            worker.off('error', reject);
            worker.off('exit', onExit);
            resolve();
          }
        };
        worker.once('message', onMessage);
        worker.once('error', reject);
        worker.once('exit', onExit);
      });
      worker.unref();
      worker.on('message', (m: ResultMessage) => {
        if (slot.current && m.id === slot.current.id) slot.current.finish(m.outcome);
      });
      const onDeath = () => {
        if (slot.worker !== worker) return;
        slot.worker = undefined;
        slot.current?.finish(failed('CRASHED', 'The sandbox worker exited unexpectedly; retry the run.', performance.now()));
        if (!this.disposed) void this.spawn(slot).then(() => this.pump());
      };
      worker.on('error', onDeath);
      worker.on('exit', onDeath);
    })();
    return slot.ready;
  }

  /** Queues a run; resolves with its outcome (never rejects). */
  run(job: Omit<RunJob, 'deadline'>, signal?: AbortSignal): Promise<RunOutcome> {
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
      const pending: Pending = { job, signal, resolve, unlisten: () => signal?.removeEventListener('abort', onAbort) };
      this.queue.push(pending);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pump();
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.busy || !slot.worker) continue;
      this.dispatch(slot, this.queue.shift()!);
    }
  }

  private dispatch(slot: Slot, pending: Pending): void {
    pending.unlisten();
    const worker = slot.worker!;
    const started = performance.now();
    slot.busy = true;
    const id = this.nextId++;
    const deadline = Date.now() + pending.job.limits.timeMs;
    let answered = false;
    let done = false;
    let graceTimer: ReturnType<typeof setTimeout> | undefined;
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
        if (!this.disposed) void this.spawn(slot).then(() => this.pump());
      }
    };
    const watchdog = setTimeout(
      () => kill(failed('TIMEOUT', 'The run exceeded its time limit (limits.timeMs) and its worker was terminated; make the code do less work or raise the limit.', started)),
      pending.job.limits.timeMs + WATCHDOG_GRACE_MS,
    );
    // Abort cooperatively: the worker's interrupt handler sees the shared flag and host waits are
    // woken by a message; only a worker that does not stop within the grace is terminated.
    const onAbort = () => {
      answer(failed('ABORTED', 'The run was aborted by the caller.', started));
      if (slot.cancel) Atomics.store(slot.cancel, 0, id);
      worker.postMessage({ cancel: id });
      graceTimer ??= setTimeout(() => kill(failed('ABORTED', 'The run was aborted by the caller.', started)), WATCHDOG_GRACE_MS);
    };
    pending.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (outcome: RunOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(watchdog);
      clearTimeout(graceTimer);
      slot.current = undefined;
      slot.busy = false;
      answer(outcome);
      queueMicrotask(() => this.pump());
    };
    slot.current = { id, finish };
    worker.postMessage({ id, job: { ...pending.job, deadline } });
  }

  /** Terminates every worker; queued runs end with `ABORTED`. */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const p of this.queue.splice(0)) {
      p.unlisten();
      p.resolve(failed('ABORTED', 'The sandbox was disposed.', performance.now()));
    }
    await Promise.all(
      this.slots.map(async (slot) => {
        await slot.ready?.catch(() => undefined);
        const worker = slot.worker;
        slot.worker = undefined;
        slot.current?.finish(failed('ABORTED', 'The sandbox was disposed.', performance.now()));
        if (worker) await worker.terminate();
      }),
    );
  }
}
