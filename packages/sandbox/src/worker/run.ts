/**
 * The state one run's phases share (see `engine.ts`): the job, the host-side state, the scope
 * that owns every QuickJS handle of the run, the pending host operations, the deadline, and the
 * wait for the host. Closing the run disposes the scope in reverse order, on every path.
 */
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten-core';
import type { CallHost } from '../host-functions/guest-bridge.js';
import { BOOTSTRAP_FILENAME } from './bootstrap-source.js';
import type { Failure } from './classify.js';
import { RunState } from './host-state.js';
import type { GuestInstance } from './instance.js';
import type { RunJob } from './protocol.js';
import { Scope, type Owned } from './scope.js';
import { GuestSettler, type Settleable } from './settler.js';

/** Longest guest string read where the caller names no bound (names, log levels), characters. */
const SHORT_GUEST_STRING = 64;

/** A failure raised inside the engine, carrying what the classifier needs. */
export class RunFailure extends Error {
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
  /** Called from the interrupt handler while guest code runs (sends host calls queued so far). */
  poll?: () => void;
}

/** One run in progress. */
export class Run {
  readonly started = performance.now();
  readonly state: RunState;
  /** Owns the context (disposed last) and every handle and settler of the run. */
  readonly scope = new Scope();
  /** Guest promises waiting on the host (fetch, host functions). */
  readonly pending = new Set<Settleable>();
  /** Refused memory grows before the run (more afterwards: the run hit the memory cap). */
  readonly refusedBefore: number;
  /** True once the run ended: late host results are dropped. */
  closed = false;
  /** Set when the engine failed to hand a host result back to the guest. */
  faulted = false;
  /** The run left no pending job behind: the runtime may be reused. */
  clean = false;
  runtime: QuickJSRuntime | undefined;
  private ctx: QuickJSContext | undefined;
  private wake: (() => void) | undefined;
  private deadlineTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly instance: GuestInstance,
    readonly job: RunJob,
    readonly control: RunControl,
  ) {
    this.state = new RunState(job);
    this.refusedBefore = instance.refusedGrows;
    control.onCancel(this.stopHostWork);
  }

  /** The run's context (set by `openContext`). */
  get context(): QuickJSContext {
    if (!this.ctx) throw new Error('the run has no context yet');
    return this.ctx;
  }

  set context(context: QuickJSContext) {
    this.ctx = context;
  }

  /** True once the deadline passed. */
  passed(): boolean {
    return Date.now() >= this.job.deadline;
  }

  /** The interrupt handler: the deadline passed or the caller aborted. */
  readonly stop = (): boolean => {
    this.control.poll?.();
    return this.passed() || this.control.cancelled();
  };

  /** Aborts host work at the deadline; armed only once the run first involves the host. */
  readonly armDeadline = (): void => {
    this.deadlineTimer ??= setTimeout(this.stopHostWork, Math.max(0, this.job.deadline - Date.now()));
  };

  /** Stops the run's host work (the deadline passed or the caller aborted) and wakes a wait for it. */
  private readonly stopHostWork = (): void => {
    this.state.stopHostWork();
    this.wakeUp();
  };

  /** Takes `value` into the run's scope. */
  own<T extends Owned>(value: T): T {
    return this.scope.manage(value);
  }

  /** Evaluates trusted bootstrap source; the completion value is owned by the run. */
  trusted(source: string): QuickJSHandle {
    const context = this.context;
    return this.own(context.unwrapResult(context.evalCode(source, BOOTSTRAP_FILENAME, { type: 'global' })));
  }

  /** A guest string, or `undefined` when it is not a string or longer than `max` (never copied then). */
  readonly guestString = (h: QuickJSHandle, max = SHORT_GUEST_STRING): string | undefined => {
    const context = this.context;
    if (context.typeof(h) !== 'string') return undefined;
    const lengthHandle = context.getProp(h, 'length');
    const length = context.getNumber(lengthHandle);
    lengthHandle.dispose();
    return length <= max ? context.getString(h) : undefined;
  };

  /** A pending guest promise settled through its resolving functions (owned and tracked). */
  readonly defer = (ok: QuickJSHandle, bad: QuickJSHandle): Settleable => {
    const deferred = this.own(new GuestSettler(this.context, ok, bad));
    this.pending.add(deferred);
    return deferred;
  };

  /** Settles a deferred with a string (ok) or a TypeError (not ok), unless the run already ended. */
  readonly settle = (deferred: Settleable, ok: boolean, text: string): void => {
    if (this.closed || !deferred.alive) return;
    this.pending.delete(deferred);
    const context = this.context;
    try {
      const h = ok ? context.newString(text) : context.newError({ name: 'TypeError', message: text });
      if (ok) deferred.resolve(h);
      else deferred.reject(h);
      h.dispose();
      deferred.dispose();
    } catch {
      this.faulted = true; // the engine could not hand the result in: the run ends as CRASHED
    }
    this.wakeUp();
  };

  /** Resolves a pending {@link waitForHost}. */
  wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** Waits until a host operation settled, the deadline aborted host work, or the caller aborted. */
  async waitForHost(): Promise<void> {
    this.armDeadline();
    if (this.state.hostWorkStopped) return;
    await new Promise<void>((resolve) => (this.wake = resolve));
  }

  /**
   * Ends the run: stops host work and disposes the scope (every handle, then the context). A
   * handle that fails to dispose marks the instance broken; an unclean run drops the runtime.
   * Skips disposal when the instance is already broken (its heap is in doubt).
   */
  close(): void {
    this.closed = true;
    clearTimeout(this.deadlineTimer);
    this.state.stopHostWork();
    this.pending.clear();
    if (this.instance.broken) {
      this.scope.abandon();
      return;
    }
    if (!this.scope.dispose()) {
      this.instance.broken = true;
      return;
    }
    if (!this.clean) this.instance.dropRuntime();
  }
}
