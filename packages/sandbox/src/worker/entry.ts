/**
 * Worker thread entry: owns one QuickJS instance (replaced when broken, at its memory cap, or
 * when a run asks for a different memory cap) and executes runs one at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { executeRun } from './engine.js';
import { GuestInstance } from './instance.js';
import type { ResultMessage, RunMessage } from './protocol.js';

const { wasmModule, memoryBytes, cancel } = workerData as { wasmModule: WebAssembly.Module; memoryBytes: number; cancel: Int32Array };
let instance: GuestInstance | undefined;
/** The running run's id and its cancel hook (wakes host waits). */
let current: { id: number; cancel: () => void } | undefined;
let queue: Promise<void> = Promise.resolve();
/** Runs received and not yet finished. */
let pending = 0;

/** While idle, prepares the next run's fresh context off its critical path (see `warm.ts`). */
function prewarmWhenIdle(): void {
  setImmediate(() => {
    if (pending === 0 && instance && !instance.broken) instance.prewarm();
    if (instance?.broken) instance = undefined;
  });
}

async function handle(message: RunMessage): Promise<void> {
  const wanted = message.job.limits.memoryBytes;
  if (!instance || instance.broken || instance.memoryBytes !== wanted) {
    instance = undefined;
    instance = await GuestInstance.create(wasmModule, wanted);
  }
  const control = { cancelled: () => Atomics.load(cancel, 0) === message.id, onCancel: (hook: () => void) => (current = { id: message.id, cancel: hook }) };
  const outcome = await executeRun(instance, message.job, control);
  current = undefined;
  if (instance.broken) instance = undefined;
  parentPort!.postMessage({ id: message.id, outcome } satisfies ResultMessage);
}

parentPort!.on('message', (message: RunMessage | { cancel: number }) => {
  if ('cancel' in message) {
    if (current?.id === message.cancel) current.cancel();
    return;
  }
  pending++;
  queue = queue
    .then(() => handle(message))
    .catch(() => {
      instance = undefined;
      parentPort!.postMessage({
        id: message.id,
        outcome: {
          ok: false,
          error: { code: 'CRASHED', message: 'The sandbox worker failed to run the module; retry the run.' },
          logs: [],
          stats: { durationMs: 0, fetchCount: 0 },
        },
      } satisfies ResultMessage);
    })
    .finally(() => {
      pending--;
      prewarmWhenIdle();
    });
});

// Instantiate before reporting ready, so the first run does not pay for it.
void GuestInstance.create(wasmModule, memoryBytes).then(
  (created) => {
    instance ??= created;
    parentPort!.postMessage({ ready: true });
    prewarmWhenIdle();
  },
  () => parentPort!.postMessage({ ready: true }),
);
