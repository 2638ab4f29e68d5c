/**
 * Executes one run inside a worker: fresh context, prelude, bootstrap, module, entry call, a
 * job loop driven by the host with the deadline checked between capped batches, and a teardown
 * that disposes every handle and discards the runtime or instance when it cannot be reused.
 */
import type { QuickJSContext, QuickJSDeferredPromise, QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten-core';
import { installGuestPrelude } from '../guest/index.js';
import { performGuestFetch } from '../host/guest-fetch.js';
import { CapabilityDenied, normalizeAllowHosts } from '../host/policy.js';
import { fixtureSender, liveSender, UnmatchedRequest } from '../host/senders.js';
import { parseGuestJson } from '../json-boundary.js';
import { JOB_BATCH, MAX_VALUE_DEPTH } from '../limits.js';
import { BOOTSTRAP_FILENAME, bootstrapSource } from './bootstrap-source.js';
import { classifyFailure, type Failure } from './classify.js';
import type { GuestInstance } from './instance.js';
import type { RunJob, RunOutcome } from './protocol.js';
import { RunState } from './host-state.js';

/** A failure raised inside the engine, carrying what the classifier needs. */
class RunFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.kind);
  }
}

/** Reads `{name, message}` JSON produced by the bootstrap's `describe`. */
function parseDescribed(text: string): { name: string; message: string } {
  try {
    const v = JSON.parse(text) as { name?: unknown; message?: unknown };
    return { name: String(v.name ?? 'Error'), message: String(v.message ?? '') };
  } catch {
    return { name: 'Error', message: '(an error that cannot be printed)' };
  }
}

/** Runs one job on `instance`. Never throws. */
export async function executeRun(instance: GuestInstance, job: RunJob): Promise<RunOutcome> {
  const started = performance.now();
  const state = new RunState(job);
  const refusedBefore = instance.refusedGrows;
  const owned: QuickJSHandle[] = [];
  const deferreds = new Set<QuickJSDeferredPromise>();
  let closed = false;
  let clean = false;
  let wake: (() => void) | undefined;
  let runtime: QuickJSRuntime | undefined;
  let ctx: QuickJSContext | undefined;
  let outcome: Omit<RunOutcome, 'logs' | 'stats'>;
  let deadlineTimer: ReturnType<typeof setTimeout> | undefined;
  /** Aborts host work at the deadline; armed only once the run first waits on the host. */
  const armDeadline = () => {
    deadlineTimer ??= setTimeout(() => state.abort.abort(), Math.max(0, job.deadline - Date.now()));
  };

  const passed = () => Date.now() >= job.deadline;
  const own = (h: QuickJSHandle) => (owned.push(h), h);

  try {
    runtime = instance.acquireRuntime(job.limits.stackBytes);
    runtime.setInterruptHandler(passed);
    const context = (ctx = runtime.newContext());
    const guestString = (h: QuickJSHandle): string | undefined => (context.typeof(h) === 'string' ? context.getString(h) : undefined);

    installGuestPrelude(context);
    const setup = own(context.unwrapResult(context.evalCode(bootstrapSource(job.fetch !== undefined, job.log), BOOTSTRAP_FILENAME, { type: 'global' })));

    const allowed = normalizeAllowHosts(job.fetch?.allowHosts ?? []);
    const send = job.fixtures
      ? fixtureSender(job.fixtures, job.limits.responseBytes)
      : liveSender(job.limits.responseBytes, () => state.abort.signal);
    const settle = (deferred: QuickJSDeferredPromise, ok: boolean, text: string) => {
      if (closed || !deferred.alive) return;
      deferreds.delete(deferred);
      const h = ok ? context.newString(text) : context.newError({ name: 'TypeError', message: text });
      if (ok) deferred.resolve(h);
      else deferred.reject(h);
      h.dispose();
      deferred.dispose();
      wake?.();
    };
    const startFetch = async (requestJson: string): Promise<string> => {
      if (++state.fetchCount > job.limits.fetchCount) {
        throw new CapabilityDenied(`fetch denied: more than ${job.limits.fetchCount} fetches in one run`);
      }
      await state.acquireSlot();
      try {
        if (closed) throw new Error('run ended');
        const response = await performGuestFetch(requestJson, {
          cap: job.fetch!,
          allowed,
          placeholders: state.placeholders,
          scrubber: state.scrubber,
          send,
        });
        return JSON.stringify(response);
      } finally {
        state.releaseSlot();
      }
    };
    const hostFetch = own(
      context.newFunction('fetch', (requestHandle) => {
        armDeadline();
        const deferred = context.newPromise();
        deferreds.add(deferred);
        const requestJson = guestString(requestHandle) ?? '';
        startFetch(requestJson).then(
          (text) => settle(deferred, true, text),
          (error: unknown) => {
            let message = 'fetch failed';
            if (error instanceof UnmatchedRequest) {
              state.unmatched ??= state.scrubber.scrub(error.message);
              message = error.message;
            } else if (error instanceof CapabilityDenied) {
              state.denied ??= error.message;
              message = error.message;
            } else if (error instanceof Error && error.name === 'FetchFailed') message = error.message;
            settle(deferred, false, state.scrubber.scrub(message));
          },
        );
        return deferred.handle;
      }),
    );
    const hostLog = own(
      context.newFunction('log', (levelHandle, messageHandle) => {
        try {
          const message = guestString(messageHandle);
          if (message !== undefined) state.log(guestString(levelHandle) ?? 'info', message);
        } catch {
          // a log line that cannot be read is dropped
        }
      }),
    );
    const config = own(
      context.newString(
        JSON.stringify({ fetch: job.fetch !== undefined, log: job.log, secrets: state.placeholderByName, outputBytes: job.limits.outputBytes, maxDepth: MAX_VALUE_DEPTH }),
      ),
    );
    const invoke = own(context.unwrapResult(context.callFunction(setup, context.undefined, hostFetch, hostLog, config)));

    // Evaluate the untrusted module.
    const evaluated = context.evalCode(job.source, 'module.js', { type: 'module' });
    if (evaluated.error) {
      own(evaluated.error);
      const described = describeHandle(context, evaluated.error);
      throw new RunFailure({ kind: 'guest', phase: 'evaluate', ...described });
    }
    const ns = own(evaluated.value);
    const state0 = context.getPromiseState(ns);
    const isPromise = !(state0.type === 'fulfilled' && state0.notAPromise);
    if (state0.type === 'fulfilled' && !state0.notAPromise) state0.value.dispose();
    if (state0.type === 'rejected') state0.error.dispose();
    const args = [
      ns,
      own(isPromise ? context.true : context.false),
      own(context.newString(JSON.stringify(job.entryPath))),
      job.inputJson === undefined ? context.undefined : own(context.newString(job.inputJson)),
    ];
    const called = context.callFunction(invoke, context.undefined, ...args);
    if (called.error) {
      own(called.error);
      throw new RunFailure({ kind: 'guest', phase: 'call', ...describeHandle(context, called.error) });
    }
    const promise = own(called.value);

    // Drive the job loop until the entry's promise settles.
    let aborted: Promise<void> | undefined;
    for (;;) {
      for (;;) {
        if (passed()) throw new RunFailure({ kind: 'timeout' });
        const r = runtime.executePendingJobs(JOB_BATCH);
        if (r.error) {
          r.error.dispose();
          continue;
        }
        const ran = r.value;
        r.dispose();
        if (ran < JOB_BATCH && !runtime.hasPendingJob()) break;
      }
      const st = context.getPromiseState(promise);
      if (st.type === 'fulfilled') {
        const tagged = readTagged(context, st.value, job.limits.outputBytes);
        st.value.dispose();
        outcome = finish(tagged, state, job);
        break;
      }
      if (st.type === 'rejected') {
        st.error.dispose();
        throw new RunFailure({ kind: 'guest', phase: 'call', name: 'Error', message: 'the entry failed' });
      }
      if (deferreds.size === 0) {
        throw new RunFailure({
          kind: 'guest',
          phase: 'call',
          name: 'Error',
          message: 'the entry returned a promise that can never settle (it awaits nothing the host is doing)',
        });
      }
      armDeadline();
      aborted ??= new Promise<void>((resolve) => state.abort.signal.addEventListener('abort', () => resolve(), { once: true }));
      await Promise.race([new Promise<void>((resolve) => (wake = resolve)), aborted]);
      wake = undefined;
    }
    clean = !runtime.hasPendingJob();
  } catch (error) {
    const failure: Failure =
      error instanceof RunFailure
        ? error.failure
        : error instanceof RangeError
          ? { kind: 'host-stack' }
          : { kind: 'host-crash' };
    if (failure.kind === 'host-stack' || failure.kind === 'host-crash') instance.broken = true;
    outcome = {
      ok: false,
      error: classifyFailure(failure, {
        deadlinePassed: passed(),
        memoryCapHit: instance.refusedGrows > refusedBefore,
        denied: state.denied,
        scrubber: state.scrubber,
      }),
    };
  } finally {
    closed = true;
    clearTimeout(deadlineTimer);
    state.stopHostWork();
    teardown(instance, ctx, owned, deferreds, clean);
  }
  if (instance.refusedGrows > refusedBefore) instance.broken = true;
  return {
    ...outcome,
    logs: state.logs,
    stats: { durationMs: performance.now() - started, fetchCount: state.fetchCount, memoryBytes: instance.memory.buffer.byteLength },
    ...(state.unmatched !== undefined ? { unmatched: state.unmatched } : {}),
  };
}

/** Disposes everything the run owns; anything that fails to dispose discards the runtime/instance. */
function teardown(
  instance: GuestInstance,
  ctx: QuickJSContext | undefined,
  owned: QuickJSHandle[],
  deferreds: Set<QuickJSDeferredPromise>,
  clean: boolean,
): void {
  let ok = true;
  if (!instance.broken) {
    for (const d of deferreds) {
      try {
        if (d.alive) d.dispose();
      } catch {
        ok = false;
      }
    }
    for (const h of owned) {
      try {
        if (h.alive) h.dispose();
      } catch {
        ok = false;
      }
    }
    try {
      ctx?.dispose();
    } catch {
      ok = false;
    }
  }
  deferreds.clear();
  if (instance.broken || !ok) {
    instance.broken = true;
    return;
  }
  if (!clean) instance.dropRuntime();
}

/** `{name, message}` of a guest error handle (getters run as guest code, under the interrupt handler). */
function describeHandle(context: QuickJSContext, handle: QuickJSHandle): { name: string; message: string } {
  const read = (key: string): string => {
    const h = context.getProp(handle, key);
    try {
      return context.typeof(h) === 'string' ? context.getString(h) : '';
    } finally {
      h.dispose();
    }
  };
  if (context.typeof(handle) !== 'object') {
    return { name: 'Error', message: context.typeof(handle) === 'string' ? context.getString(handle) : 'a non-error value was thrown' };
  }
  return { name: read('name') || 'Error', message: read('message') };
}

type Tagged = { tag: 'V' | 'E' | 'O'; body: string } | { tag: 'too-large' };

/** Reads the bootstrap's tagged result string, refusing to copy one longer than the output cap. */
function readTagged(context: QuickJSContext, handle: QuickJSHandle, outputBytes: number): Tagged {
  if (context.typeof(handle) !== 'string') return { tag: 'E', body: '{"name":"Error","message":"the entry failed"}' };
  const lengthHandle = context.getProp(handle, 'length');
  const length = context.getNumber(lengthHandle);
  lengthHandle.dispose();
  if (!(length <= outputBytes + 64 + 4 * 1024)) return { tag: 'too-large' };
  const text = context.getString(handle);
  const tag = text[0];
  if (tag !== 'V' && tag !== 'E' && tag !== 'O') return { tag: 'E', body: '{"name":"Error","message":"the entry failed"}' };
  return { tag, body: text.slice(1) };
}

/** Turns the tagged result into the run's outcome (minus logs and stats). */
function finish(tagged: Tagged, state: RunState, job: RunJob): Omit<RunOutcome, 'logs' | 'stats'> {
  if (tagged.tag === 'too-large') throw new RunFailure({ kind: 'output', message: `the result exceeds ${job.limits.outputBytes} bytes` });
  if (tagged.tag === 'O') throw new RunFailure({ kind: 'output', message: tagged.body });
  if (tagged.tag === 'E') throw new RunFailure({ kind: 'guest', phase: 'call', ...parseDescribed(tagged.body) });
  if (Buffer.byteLength(tagged.body) > job.limits.outputBytes) {
    throw new RunFailure({ kind: 'output', message: `the result exceeds ${job.limits.outputBytes} bytes` });
  }
  const parsed = parseGuestJson(tagged.body, state.scrubber);
  if (!parsed.ok) throw new RunFailure({ kind: 'output', message: parsed.message });
  return { ok: true, value: parsed.value };
}
