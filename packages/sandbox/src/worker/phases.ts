/**
 * The phases of one run up to the entry's settled value, in order (see `engine.ts`; the result is
 * extracted in `result.ts`). Each takes the run's shared state, puts
 * every handle it creates into the run's scope, and throws a `RunFailure` to end the run.
 */
import type { QuickJSHandle } from 'quickjs-emscripten-core';
import { settled } from './drain.js';
import { describeHandle } from './guest-values.js';
import { RunFailure, type Run } from './run.js';
import { prepareContext, type WarmContext } from './warm.js';

/**
 * Takes the runtime and a fresh context with its trusted setup done (prelude, intrinsics capture,
 * serializer glue): the one prepared while the worker was idle, or a new one now.
 */
export function openContext(run: Run): WarmContext {
  const runtime = (run.runtime = run.instance.acquireRuntime(run.job.limits.stackBytes));
  // Trusted setup runs uninterrupted (a past run's handler must not stop it); the guest's
  // deadline and interrupt handler start together, just before the module is evaluated.
  runtime.removeInterruptHandler();
  const prepared = run.instance.takeWarm(runtime) ?? prepareContext(runtime);
  run.scope.adopt(prepared.scope);
  run.context = prepared.context;
  return prepared;
}

/** Starts the guest's clock and evaluates the untrusted module; returns its namespace (a module with top-level await yields a promise of it). */
export async function evaluateModule(run: Run): Promise<QuickJSHandle> {
  const context = run.context;
  run.control.start?.();
  run.runtime!.setInterruptHandler(run.stop);
  const evaluated = context.evalCode(run.job.source, 'module.js', { type: 'module' });
  if (evaluated.error) {
    run.own(evaluated.error);
    throw new RunFailure({ kind: 'guest', phase: 'evaluate', ...describeHandle(context, evaluated.error) });
  }
  return settled(run, run.own(evaluated.value), 'evaluate');
}

/** The entry function and its parent (the call's `this`), looked up along `job.entryPath`. */
function resolveEntry(run: Run, ns: QuickJSHandle): { target: QuickJSHandle; parent: QuickJSHandle } {
  const context = run.context;
  let parent = ns;
  let target = ns;
  for (const segment of run.job.entryPath) {
    const type = context.typeof(target);
    if ((type !== 'object' && type !== 'function') || context.sameValue(target, context.null)) break;
    parent = target;
    try {
      target = run.own(context.getProp(target, segment)); // a getter runs as guest code
    } catch (error) {
      throw new RunFailure({ kind: 'guest', phase: 'call', name: 'Error', message: error instanceof Error ? error.message : 'entry lookup failed' });
    }
  }
  if (context.typeof(target) !== 'function') {
    throw new RunFailure({ kind: 'guest', phase: 'call', name: 'TypeError', message: `entry "${run.job.entryPath.join('.')}" is not an exported function` });
  }
  return { target, parent };
}

/** The run's input as a guest value, parsed by the guest's own (captured) `JSON.parse`. */
function makeInput(run: Run, parse: QuickJSHandle): QuickJSHandle {
  const context = run.context;
  if (run.job.inputJson === undefined) return context.undefined;
  const parsed = context.callFunction(parse, context.undefined, run.own(context.newString(run.job.inputJson)));
  if (parsed.error) {
    run.own(parsed.error);
    throw new RunFailure({ kind: 'guest', phase: 'call', ...describeHandle(context, parsed.error) });
  }
  return run.own(parsed.value);
}

/** Calls the entry with `(input, ctx)` and drives the run until its result settles. */
export async function callEntry(run: Run, ns: QuickJSHandle, parse: QuickJSHandle, guestCtx: QuickJSHandle): Promise<QuickJSHandle> {
  const context = run.context;
  const { target, parent } = resolveEntry(run, ns);
  const input = makeInput(run, parse);
  const called = context.callFunction(target, parent, input, guestCtx);
  if (called.error) {
    run.own(called.error);
    throw new RunFailure({ kind: 'guest', phase: 'call', ...describeHandle(context, called.error) });
  }
  return settled(run, run.own(called.value), 'call');
}
