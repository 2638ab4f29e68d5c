/**
 * One worker thread of the pool, from spawn to termination. A `LiveWorker` exists only once its
 * worker reported ready: {@link startWorker} resolves with it, or rejects when the worker exits,
 * errs or stays silent past `WORKER_START_TIMEOUT_MS` first (and the thread is terminated then).
 * Every event a worker can emit has a listener for the worker's whole life, so nothing it does is
 * ever unhandled on the host.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { WORKER_STACK_MB, WORKER_START_TIMEOUT_MS } from '../limits.js';
import { quickjsWasmModule } from './wasm.js';
import { workerScriptUrl } from './worker-url.js';

/** What a worker is started with. */
export interface WorkerInit {
  wasmModule: WebAssembly.Module;
  /** The memory cap of the QuickJS instance the worker creates before reporting ready. */
  memoryBytes: number;
  /** Shared with the worker: the id of a run the caller aborted. */
  cancel: Int32Array;
  /** Shared with the worker: `[id, Date.now()]` of the run it started last. */
  clock: BigInt64Array;
}

/** Creates the thread (tests substitute one that fails or stalls). */
export type WorkerFactory = (url: URL, init: WorkerInit) => Worker;

/** The default factory: the worker script with a large native stack. */
export const defaultWorkerFactory: WorkerFactory = (url, init) => new Worker(url, { workerData: init, resourceLimits: { stackSizeMb: WORKER_STACK_MB } });

/** A ready worker thread. */
export class LiveWorker {
  /** Set once the thread exited, erred or was terminated; it is never used again. */
  dead = false;
  /** Receives the worker's messages (the pool slot that owns it, or nobody while it is in the reserve). */
  onMessage: ((message: unknown) => void) | undefined;
  /** Called once when the thread dies on its own (not when {@link terminate} is called). */
  onDeath: (() => void) | undefined;

  constructor(
    private readonly worker: Worker,
    readonly cancel: Int32Array,
    readonly clock: BigInt64Array,
    /** The thread's Linux thread id, when known. */
    private readonly tid?: number,
  ) {
    worker.on('message', (m: unknown) => this.onMessage?.(m));
    const die = () => {
      if (this.dead) return;
      this.dead = true;
      this.onDeath?.();
    };
    worker.on('error', die);
    worker.on('messageerror', die);
    worker.on('exit', die);
    worker.unref();
  }

  /** When the worker started run `id` (`Date.now()` clock), or `undefined` when it has not started it yet. */
  startedAt(id: number): number | undefined {
    return Atomics.load(this.clock, 0) === BigInt(id) ? Number(Atomics.load(this.clock, 1)) : undefined;
  }

  /**
   * CPU time the thread has used, ms (Linux: `/proc/self/task/<tid>/stat`, 10 ms resolution), or
   * `undefined` when unknown. Read only by the watchdog, after a deadline passed.
   */
  cpuMs(): number | undefined {
    if (this.tid === undefined || this.dead) return undefined;
    try {
      const stat = readFileSync(`/proc/self/task/${this.tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime, in USER_HZ (100) ticks
      return Number.isFinite(ticks) ? ticks * 10 : undefined;
    } catch {
      return undefined;
    }
  }

  /** Posts a message to the worker (a dead worker drops it). */
  post(message: unknown): void {
    if (this.dead) return;
    try {
      this.worker.postMessage(message);
    } catch {
      // a worker that is exiting cannot receive; its exit event follows
    }
  }

  /** Terminates the thread; never rejects. */
  terminate(): Promise<void> {
    this.dead = true;
    this.onMessage = undefined;
    this.onDeath = undefined;
    return this.worker.terminate().then(
      () => undefined,
      () => undefined,
    );
  }
}

/** Spawns a worker and resolves once it reported ready; on any failure the thread is terminated and the promise rejects. */
export async function startWorker(memoryBytes: number, factory: WorkerFactory = defaultWorkerFactory): Promise<LiveWorker> {
  const [url, wasmModule] = await Promise.all([workerScriptUrl(), quickjsWasmModule()]);
  const cancel = new Int32Array(new SharedArrayBuffer(4));
  const clock = new BigInt64Array(new SharedArrayBuffer(16));
  const worker = factory(url, { wasmModule, memoryBytes, cancel, clock });
  return new Promise<LiveWorker>((resolve, reject) => {
    let settled = false;
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      cleanup();
      worker.on('error', () => undefined); // a late error of a discarded thread stays handled
      void worker.terminate().catch(() => undefined);
      reject(new Error(reason));
    };
    const onMessage = (m: { ready?: boolean; tid?: number } | null) => {
      if (settled || !m?.ready) return;
      settled = true;
      cleanup();
      resolve(new LiveWorker(worker, cancel, clock, typeof m.tid === 'number' ? m.tid : undefined));
    };
    const onError = (error: unknown) => fail(`worker failed before it was ready: ${error instanceof Error ? error.message : String(error)}`);
    const onExit = (code: number) => fail(`worker exited with code ${code} before it was ready`);
    const timer = setTimeout(() => fail(`worker was not ready within ${WORKER_START_TIMEOUT_MS} ms`), WORKER_START_TIMEOUT_MS);
    timer.unref();
    const cleanup = () => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('messageerror', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('messageerror', onError);
    worker.on('exit', onExit);
  });
}
