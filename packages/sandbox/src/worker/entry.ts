/**
 * Worker thread entry: owns one QuickJS instance (replaced when broken, at its memory cap, or
 * when a run asks for a different memory cap) and executes runs one at a time. Host function
 * calls of the running run go to the main thread and their results come back by call id; a result
 * for a run that already ended is dropped. Calls the guest starts in one turn of its job loop
 * cross in one message (flushed when the engine yields, or from the interrupt handler while the
 * guest keeps computing).
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { HostCallOutcome } from '../host-functions/guest-bridge.js';
import type { JSONValue } from '../types.js';
import { executeRun } from './engine.js';
import { GuestInstance } from './instance.js';
import type { CallMessage, CallResultMessage, ResultMessage, RunMessage } from './protocol.js';

const { wasmModule, memoryBytes, cancel, clock } = workerData as {
  wasmModule: WebAssembly.Module;
  memoryBytes: number;
  cancel: Int32Array;
  clock: BigInt64Array;
};
let instance: GuestInstance | undefined;
/** The running run's id and its cancel hook (wakes host waits). */
let current: { id: number; cancel: () => void } | undefined;
let queue: Promise<void> = Promise.resolve();
/** Runs received and not yet finished. */
let pending = 0;
/** Host calls of the running run awaiting the main thread, by call id. */
const calls = new Map<number, (outcome: HostCallOutcome) => void>();
let nextCall = 1;
/** Calls not yet sent to the main thread (all of one run). */
let outbox: CallMessage | undefined;

/** Sends the queued calls, if any, in one message. */
function flushCalls(): void {
  const box = outbox;
  outbox = undefined;
  if (box) parentPort!.postMessage(box satisfies CallMessage);
}

/** The instance being created, if any (one at a time). */
let creating: Promise<GuestInstance> | undefined;

/** A usable instance with the given memory cap (the current one, or a new one). */
async function instanceFor(bytes: number): Promise<GuestInstance> {
  for (;;) {
    if (instance && !instance.broken && instance.memoryBytes === bytes) return instance;
    if (creating) {
      await creating.catch(() => undefined);
      continue;
    }
    instance = undefined;
    creating = GuestInstance.create(wasmModule, bytes);
    try {
      instance = await creating;
    } finally {
      creating = undefined;
    }
  }
}

/**
 * While idle, replaces a discarded instance (after a memory bomb or a failed teardown) and
 * prepares the next run's fresh context (see `warm.ts`), both off the next run's critical path.
 */
function prewarmWhenIdle(): void {
  setImmediate(() => {
    if (instance?.broken) {
      const bytes = instance.memoryBytes;
      instance = undefined;
      if (pending === 0) void instanceFor(bytes).then(prewarmWhenIdle, () => undefined);
      return;
    }
    if (pending === 0 && instance) instance.prewarm();
    if (instance?.broken) instance = undefined;
  });
}

async function handle(message: RunMessage): Promise<void> {
  const wanted = message.job.limits.memoryBytes;
  const run = message.id;
  if (!instance || instance.broken || instance.memoryBytes !== wanted || creating) instance = await instanceFor(wanted);

  const callHost = (name: string, args: JSONValue) =>
    new Promise<HostCallOutcome>((resolve) => {
      const call = nextCall++;
      calls.set(call, resolve);
      if (outbox && outbox.run !== run) flushCalls();
      if (!outbox) {
        outbox = { run, calls: [] };
        void Promise.resolve().then(flushCalls); // cheaper than queueMicrotask (no async resource per batch)
      }
      outbox.calls.push({ call, name, args });
    });
  const control = {
    cancelled: () => Atomics.load(cancel, 0) === run,
    poll: () => {
      if (outbox) flushCalls();
    },
    onCancel: (hook: () => void) => (current = { id: run, cancel: hook }),
    callHost,
    // The run's time starts when guest code starts (not when the host dispatched it: creating an
    // instance or a context, or a thread the OS did not schedule yet, is not the guest's time).
    // The host's watchdog reads this clock.
    start: () => {
      const now = Date.now();
      message.job.deadline = now + message.job.limits.timeMs;
      Atomics.store(clock, 1, BigInt(now));
      Atomics.store(clock, 0, BigInt(run));
    },
  };
  try {
    const outcome = await executeRun(instance!, message.job, control);
    parentPort!.postMessage({ id: run, outcome } satisfies ResultMessage);
  } finally {
    current = undefined;
    if (outbox?.run === run) outbox = undefined;
    for (const resolve of calls.values()) resolve({ ok: false, message: 'the run ended' });
    calls.clear();
  }
}

parentPort!.on('message', (message: RunMessage | { cancel: number } | CallResultMessage) => {
  if ('callResults' in message) {
    if (current?.id !== message.run) return;
    for (const { call, ok, json, message: text } of message.callResults) {
      const resolve = calls.get(call);
      calls.delete(call);
      resolve?.({ ok, json, message: text });
    }
    return;
  }
  if ('cancel' in message) {
    if (current?.id === message.cancel) current.cancel();
    return;
  }
  pending++;
  queue = queue
    .then(() => handle(message))
    .catch(() => {
      if (instance) instance.broken = true;
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

// Instantiate before reporting ready, so the first run does not pay for it; a worker that cannot
// instantiate QuickJS exits, and the pool counts a failed start.
/** This thread's Linux thread id, so the host's watchdog can read its CPU time (undefined elsewhere). */
function threadId(): number | undefined {
  try {
    const tid = Number(readFileSync('/proc/thread-self/stat', 'utf8').split(' ')[0]);
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

instanceFor(memoryBytes).then(
  () => {
    parentPort!.postMessage({ ready: true, tid: threadId() });
    prewarmWhenIdle();
  },
  () => process.exit(1),
);
