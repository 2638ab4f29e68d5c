/**
 * A pre-warmed context: a brand-new QuickJS context with the guest prelude installed and the
 * intrinsics the run needs captured, prepared while the worker is idle so the next run's critical
 * path starts from it. No guest code has ever run in it; it is used by exactly one run, and
 * discarded (never reused) when its runtime is replaced.
 */
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten-core';
import { installGuestPrelude } from '../guest/index.js';
import { BOOTSTRAP_FILENAME, FAST_SERIALIZE_SOURCE, glueSource, SERIALIZER_INTRINSICS_SOURCE, type GlueKey } from './bootstrap-source.js';
import { MAX_VALUE_DEPTH } from '../limits.js';
import { Scope } from './scope.js';

/** A fresh context with its trusted setup done. */
export interface WarmContext {
  /** The runtime the context belongs to. */
  readonly runtime: QuickJSRuntime;
  readonly context: QuickJSContext;
  /** The guest's `JSON.parse`, captured before any guest code ran. */
  readonly parse: QuickJSHandle;
  /** The fast result serializer, `serialize(value)` (see `FAST_SERIALIZE_SOURCE`). */
  readonly serialize: QuickJSHandle;
  /** The intrinsics the tagged fallback serializer takes (see `SERIALIZER_INTRINSICS_SOURCE`). */
  readonly intrinsics: QuickJSHandle;
  /** The `ctx` glue evaluated ahead for the capability set the worker saw last, if any. */
  readonly glue: { readonly key: GlueKey; readonly handle: QuickJSHandle } | undefined;
  /** Owns the context (disposed last) and every handle above with their intermediates; the run adopts it. */
  readonly scope: Scope;
}

/**
 * Creates a fresh context on `runtime` and runs the trusted setup in it (prelude, intrinsics
 * capture, and the `ctx` glue for `glue` when given). On failure everything
 * created is disposed and the error rethrown.
 */
export function prepareContext(runtime: QuickJSRuntime, glue?: GlueKey): WarmContext {
  const scope = new Scope();
  const context = scope.manage(runtime.newContext());
  const own = (h: QuickJSHandle) => scope.manage(h);
  try {
    installGuestPrelude(context);
    const jsonObject = own(context.getProp(context.global, 'JSON'));
    const parse = own(context.getProp(jsonObject, 'parse'));
    const trusted = (source: string) => own(context.unwrapResult(context.evalCode(source, BOOTSTRAP_FILENAME, { type: 'global' })));
    const intrinsics = trusted(SERIALIZER_INTRINSICS_SOURCE);
    const depth = own(context.newNumber(MAX_VALUE_DEPTH));
    const serialize = own(context.unwrapResult(context.callFunction(trusted(FAST_SERIALIZE_SOURCE), context.undefined, intrinsics, depth)));
    const glueHandle = glue === undefined ? undefined : { key: glue, handle: trusted(glueSource(glue)) };
    return { runtime, context, parse, serialize, intrinsics, glue: glueHandle, scope };
  } catch (error) {
    scope.dispose();
    throw error;
  }
}

/**
 * Disposes a prepared context and its handles (handles first, the context last).
 * @returns false when something failed to dispose (the instance must then be discarded).
 */
export function disposeWarm(warm: Pick<WarmContext, 'scope'>): boolean {
  return warm.scope.dispose();
}
