/**
 * The process-wide reserve of idle, ready workers. A disposed sandbox hands its idle workers
 * here and the next `createSandbox` takes them, so a new sandbox after the first is ready without
 * starting threads or instantiating QuickJS. Workers carry no state between runs that a run can
 * observe (every run gets a fresh context), the cancel flag is reset on hand-over, and a worker
 * left unused for `RESERVE_IDLE_MS` is terminated. Reserve workers are unref'd: they never keep
 * the process alive.
 */
import { RESERVE_IDLE_MS, RESERVE_MAX_WORKERS } from '../limits.js';
import type { LiveWorker } from './live-worker.js';

const idle: Array<{ worker: LiveWorker; timer: ReturnType<typeof setTimeout> }> = [];

/** Hands an idle, healthy worker to the reserve; terminates it when the reserve is full. */
export function returnToReserve(worker: LiveWorker): void {
  if (worker.dead) return;
  if (idle.length >= RESERVE_MAX_WORKERS) {
    void worker.terminate();
    return;
  }
  worker.onMessage = undefined;
  Atomics.store(worker.cancel, 0, 0);
  const entry = {
    worker,
    timer: setTimeout(() => {
      remove(entry);
      void worker.terminate();
    }, RESERVE_IDLE_MS),
  };
  entry.timer.unref();
  worker.onDeath = () => remove(entry);
  idle.push(entry);
}

function remove(entry: (typeof idle)[number]): void {
  const i = idle.indexOf(entry);
  if (i >= 0) idle.splice(i, 1);
  clearTimeout(entry.timer);
}

/** Takes a live worker from the reserve, if any. */
export function takeFromReserve(): LiveWorker | undefined {
  for (;;) {
    const entry = idle.pop();
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    entry.worker.onDeath = undefined;
    if (!entry.worker.dead) return entry.worker;
  }
}

/** Terminates every reserve worker (tests, and hosts that want no idle threads). */
export async function drainReserve(): Promise<void> {
  const all = idle.splice(0);
  await Promise.all(all.map((e) => (clearTimeout(e.timer), e.worker.terminate())));
}

/** Workers in the reserve now (tests). */
export function reserveSize(): number {
  return idle.length;
}
