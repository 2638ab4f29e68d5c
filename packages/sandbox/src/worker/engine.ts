/**
 * Executes one run inside a worker: fresh context, prelude, glue, module, entry call, a job loop
 * driven by the host with the deadline checked between capped batches, and a teardown that
 * disposes every handle and discards the runtime or instance when it cannot be reused.
 */
import type { JSPromiseState, QuickJSContext, QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten-core';
import { createHostCall, type CallHost } from '../host-functions/guest-bridge.js';
import { performGuestFetch } from '../host/guest-fetch.js';
import { CapabilityDenied, normalizeAllowHosts } from '../host/policy.js';
import { fixtureSender, liveSender, UnmatchedRequest } from '../host/senders.js';
import { parseGuestJson } from '../json-boundary.js';
import { JOB_BATCH, MAX_REQUEST_JSON_CHARS, MAX_VALUE_DEPTH } from '../limits.js';
import { BOOTSTRAP_FILENAME, glueKey, glueSource } from './bootstrap-source.js';
import { classifyFailure, type Failure } from './classify.js';
import { describeHandle, readTagged, teardown } from './guest-values.js';
import type { GuestInstance } from './instance.js';
import type { RunJob, RunOutcome } from './protocol.js';
import { RunState } from './host-state.js';
import { GuestSettler, type Settleable } from './settler.js';
import { prepareContext } from './warm.js';

/** A failure raised inside the engine, carrying what the classifier needs. */
class RunFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.kind);
  }
}

/** How the worker cancels a run the caller aborted. */
export interface RunControl {
  /** True once the caller aborted this run (a shared flag, readable while the guest spins). */
  cancelled(): boolean;
  /** Registers the hook that wakes the run when it waits on the host. */
  onCancel(hook: () => void): void;
  /** Sends a checked host function call to the main thread (absent: every call fails). */
  callHost?: CallHost;
  /** Called once the trusted setup is done, just before guest code first runs: the run's deadline counts from here. */
  start?: () => void;
}

const NO_CONTROL: RunControl = { cancelled: () => false, onCancel: () => undefined };
const NO_HOST: CallHost = async (name) => ({ ok: false, message: `host function ${name} is not available here` });

/** Runs one job on `instance`. Never throws. */
export async function executeRun(instance: GuestInstance, job: RunJob, control: RunControl = NO_CONTROL): Promise<RunOutcome> {
  const started = performance.now();
  const state = new RunState(job);
  const refusedBefore = instance.refusedGrows;
  const owned: QuickJSHandle[] = [];
  const deferreds = new Set<Settleable>();
  let closed = false;
  /** Set when the engine failed to hand a host result back to the guest. */
  let faulted = false;
  let clean = false;
  let wake: (() => void) | undefined;
  let runtime: QuickJSRuntime | undefined;
  let ctx: QuickJSContext | undefined;
  let outcome: Omit<RunOutcome, 'logs' | 'stats'>;
  let deadlineTimer: ReturnType<typeof setTimeout> | undefined;
  let aborted: Promise<void> | undefined;
  /** Aborts host work at the deadline; armed only once the run first involves the host. */
  const armDeadline = () => {
    deadlineTimer ??= setTimeout(() => state.abort.abort(), Math.max(0, job.deadline - Date.now()));
  };
  const passed = () => Date.now() >= job.deadline;
  const stop = () => passed() || control.cancelled();
  control.onCancel(() => {
    state.abort.abort();
    wake?.();
  });
  const own = (h: QuickJSHandle) => (owned.push(h), h);
  const functions = (job.functions?.length ?? 0) > 0;

  try {
    runtime = instance.acquireRuntime(job.limits.stackBytes);
    // Trusted setup runs uninterrupted (a past run's handler must not stop it); the guest's
    // deadline and interrupt handler start together, just before the module is evaluated.
    runtime.removeInterruptHandler();
    const rt = runtime;
    const prepared = instance.takeWarm(runtime) ?? prepareContext(runtime);
    const context = (ctx = prepared.context);
    /** A guest string, or `undefined` when it is not a string or longer than `max` (never copied then). */
    const guestString = (h: QuickJSHandle, max = 64): string | undefined => {
      if (context.typeof(h) !== 'string') return undefined;
      const lengthHandle = context.getProp(h, 'length');
      const length = context.getNumber(lengthHandle);
      lengthHandle.dispose();
      return length <= max ? context.getString(h) : undefined;
    };
    const trusted = (source: string) => own(context.unwrapResult(context.evalCode(source, BOOTSTRAP_FILENAME, { type: 'global' })));

    /** Drives jobs (deadline-checked, capped batches) until `promise` settles; returns its state. */
    const settle = async (promise: QuickJSHandle): Promise<JSPromiseState> => {
      for (;;) {
        for (;;) {
          if (control.cancelled()) throw new RunFailure({ kind: 'aborted' });
          if (passed()) throw new RunFailure({ kind: 'timeout' });
          const r = rt.executePendingJobs(JOB_BATCH);
          if (r.error) {
            r.error.dispose();
            continue;
          }
          const ran = r.value;
          r.dispose();
          if (ran < JOB_BATCH && !rt.hasPendingJob()) break;
        }
        const st = context.getPromiseState(promise);
        if (st.type !== 'pending') return st;
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
        if (control.cancelled()) throw new RunFailure({ kind: 'aborted' });
        if (faulted) throw new Error('host result could not be delivered');
      }
    };
    /** The settled value of a handle that may be a promise (owned), or a failure. */
    const resolved = async (handle: QuickJSHandle, phase: 'evaluate' | 'call'): Promise<QuickJSHandle> => {
      const st = await settle(handle);
      if (st.type === 'fulfilled') return st.notAPromise ? handle : own(st.value);
      if (st.type === 'rejected') {
        own(st.error);
        throw new RunFailure({ kind: 'guest', phase, ...describeHandle(context, st.error) });
      }
      throw new RunFailure({ kind: 'guest', phase, name: 'Error', message: 'the promise never settled' });
    };

    // Trusted setup (prelude, then glue that captures intrinsics before the module runs), done
    // ahead of time while the worker was idle when a prepared context is ready.
    for (const h of prepared.handles) own(h);
    const { parse, makeSerializer } = prepared;
    const serialize = own(
      context.unwrapResult(
        context.callFunction(makeSerializer, context.undefined, own(context.newNumber(MAX_VALUE_DEPTH)), own(context.newNumber(job.limits.outputBytes))),
      ),
    );
    let guestCtx: QuickJSHandle;
    const key = glueKey(job.fetch !== undefined, job.log, functions);
    instance.lastGlue = key;
    const glue = prepared.glue?.key === key ? prepared.glue.handle : trusted(glueSource(key));
    if (key === '') {
      guestCtx = glue;
    } else {
      const allowed = normalizeAllowHosts(job.fetch?.allowHosts ?? []);
      const send = job.fixtures
        ? fixtureSender(job.fixtures, job.limits.responseBytes)
        : liveSender(job.limits.responseBytes, () => state.abort.signal);
      const settleDeferred = (deferred: Settleable, ok: boolean, text: string) => {
        if (closed || !deferred.alive) return;
        deferreds.delete(deferred);
        try {
          const h = ok ? context.newString(text) : context.newError({ name: 'TypeError', message: text });
          if (ok) deferred.resolve(h);
          else deferred.reject(h);
          h.dispose();
          deferred.dispose();
        } catch {
          faulted = true; // the engine could not hand the result in: the run ends as CRASHED
        }
        wake?.();
      };
      const startFetch = async (requestJson: string | undefined): Promise<string> => {
        if (requestJson === undefined) throw new CapabilityDenied(`fetch denied: the request exceeds ${MAX_REQUEST_JSON_CHARS} characters`);
        if (++state.fetchCount > job.limits.fetchCount) {
          throw new CapabilityDenied(`fetch denied: more than ${job.limits.fetchCount} fetches in one run`);
        }
        await state.acquireSlot();
        try {
          if (closed) throw new Error('run ended');
          const response = await performGuestFetch(requestJson, { cap: job.fetch!, allowed, placeholders: state.placeholders, scrubber: state.scrubber, send });
          return JSON.stringify(response);
        } finally {
          state.releaseSlot();
        }
      };
      const hostFetch = own(
        context.newFunction('fetch', (requestHandle, okHandle, badHandle) => {
          armDeadline();
          const deferred = new GuestSettler(context, okHandle, badHandle);
          deferreds.add(deferred);
          startFetch(guestString(requestHandle, MAX_REQUEST_JSON_CHARS)).then(
            (text) => settleDeferred(deferred, true, text),
            (error: unknown) => {
              let message = 'fetch failed';
              if (error instanceof UnmatchedRequest) {
                state.unmatched ??= state.scrubber.scrub(error.message);
                message = error.message;
              } else if (error instanceof CapabilityDenied) {
                state.denied ??= error.message;
                message = error.message;
              } else if (error instanceof Error && error.name === 'FetchFailed') message = error.message;
              settleDeferred(deferred, false, state.scrubber.scrub(message));
            },
          );
        }),
      );
      const hostLog = own(
        context.newFunction('log', (levelHandle, messageHandle) => {
          try {
            const message = guestString(messageHandle, job.limits.logBytes);
            state.log(guestString(levelHandle) ?? 'info', message ?? `[a log line longer than ${job.limits.logBytes} characters was dropped]`);
          } catch {
            // a log line that cannot be read is dropped
          }
        }),
      );
      const hostCall = functions
        ? own(
            createHostCall({
              context,
              job,
              state,
              callHost: control.callHost ?? NO_HOST,
              deferreds,
              guestString,
              settle: settleDeferred,
              armDeadline,
            }),
          )
        : context.undefined;
      const config = own(context.newString(JSON.stringify({ secrets: state.placeholderByName, functions: job.functions ?? [] })));
      guestCtx = own(context.unwrapResult(context.callFunction(glue, context.undefined, hostFetch, hostLog, config, hostCall)));
    }

    // Evaluate the untrusted module (a module with top-level await yields a promise of its namespace).
    control.start?.();
    runtime.setInterruptHandler(stop);
    const evaluated = context.evalCode(job.source, 'module.js', { type: 'module' });
    if (evaluated.error) {
      own(evaluated.error);
      throw new RunFailure({ kind: 'guest', phase: 'evaluate', ...describeHandle(context, evaluated.error) });
    }
    const ns = await resolved(own(evaluated.value), 'evaluate');

    // Resolve the entry; the function is called with its parent as `this`.
    let parent = ns;
    let target = ns;
    for (const segment of job.entryPath) {
      const type = context.typeof(target);
      if ((type !== 'object' && type !== 'function') || context.sameValue(target, context.null)) break;
      parent = target;
      try {
        target = own(context.getProp(target, segment)); // a getter runs as guest code
      } catch (error) {
        throw new RunFailure({ kind: 'guest', phase: 'call', name: 'Error', message: error instanceof Error ? error.message : 'entry lookup failed' });
      }
    }
    if (context.typeof(target) !== 'function') {
      throw new RunFailure({ kind: 'guest', phase: 'call', name: 'TypeError', message: `entry "${job.entryPath.join('.')}" is not an exported function` });
    }
    let input = context.undefined;
    if (job.inputJson !== undefined) {
      const parsed = context.callFunction(parse, context.undefined, own(context.newString(job.inputJson)));
      if (parsed.error) {
        own(parsed.error);
        throw new RunFailure({ kind: 'guest', phase: 'call', ...describeHandle(context, parsed.error) });
      }
      input = own(parsed.value);
    }
    const called = context.callFunction(target, parent, input, guestCtx);
    if (called.error) {
      own(called.error);
      throw new RunFailure({ kind: 'guest', phase: 'call', ...describeHandle(context, called.error) });
    }
    const value = await resolved(own(called.value), 'call');

    // Serialize inside the guest (depth- and size-checked), then rebuild on the host.
    const serialized = context.callFunction(serialize, context.undefined, value);
    if (serialized.error) {
      own(serialized.error);
      throw new RunFailure({ kind: 'output', message: describeHandle(context, serialized.error).message });
    }
    const tagged = readTagged(context, own(serialized.value), job.limits.outputBytes);
    if (tagged.tag === 'too-large') throw new RunFailure({ kind: 'output', message: `the result exceeds ${job.limits.outputBytes} bytes` });
    if (tagged.tag === 'invalid') throw new RunFailure({ kind: 'output', message: 'the result could not be serialized' });
    if (tagged.tag === 'O') throw new RunFailure({ kind: 'output', message: tagged.body });
    if (tagged.tag === 'N' || tagged.tag === 'C') throw new RunFailure({ kind: tagged.tag === 'N' ? 'not-json' : 'cyclic', message: tagged.body });
    if (tagged.tag === 'G') throw new RunFailure({ kind: 'guest', phase: 'call', name: 'Error', message: `reading the result threw: ${tagged.body}` });
    if (Buffer.byteLength(tagged.body) > job.limits.outputBytes) {
      throw new RunFailure({ kind: 'output', message: `the result exceeds ${job.limits.outputBytes} bytes` });
    }
    const rebuilt = parseGuestJson(tagged.body, state.scrubber);
    if (!rebuilt.ok) throw new RunFailure({ kind: 'output', message: rebuilt.message });
    outcome = { ok: true, value: rebuilt.value };
    clean = !runtime.hasPendingJob();
  } catch (error) {
    const failure: Failure =
      error instanceof RunFailure ? error.failure : error instanceof RangeError ? { kind: 'host-stack' } : { kind: 'host-crash' };
    if (failure.kind === 'host-stack' || failure.kind === 'host-crash') instance.broken = true;
    outcome = {
      ok: false,
      error: classifyFailure(failure, {
        deadlinePassed: passed(),
        cancelled: control.cancelled(),
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
    stats: {
      durationMs: performance.now() - started,
      fetchCount: state.fetchCount,
      memoryBytes: instance.memory.buffer.byteLength,
      ...(functions ? { functionCalls: state.functionCalls } : {}),
    },
    ...(state.unmatched !== undefined ? { unmatched: state.unmatched } : {}),
  };
}
