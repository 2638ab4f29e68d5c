/**
 * The bare-QuickJS baseline of the sandbox benches: the primitives of `quickjs-emscripten-core`
 * with nothing of Graft's (a fresh context, eval the module, call its default export, drive the
 * pending jobs, read the value). `withHost` offers a global `host()` that returns `undefined`
 * (`'sync'`) or a promise already resolved with `'{"v":1}'` (`'promise'`).
 */
import type { QuickJSContext, QuickJSWASMModule } from 'quickjs-emscripten-core';

/** Run `source`'s default export once on bare QuickJS and return its (dumped) value. */
export function bareRun(module: QuickJSWASMModule, source: string, withHost: 'none' | 'sync' | 'promise'): unknown {
  const ctx: QuickJSContext = module.newContext();
  try {
    if (withHost !== 'none') {
      const fn = ctx.newFunction('host', () => {
        if (withHost === 'sync') return ctx.undefined;
        const d = ctx.newPromise();
        const s = ctx.newString('{"v":1}');
        d.resolve(s);
        s.dispose();
        const h = d.handle.dup();
        d.dispose();
        return h;
      });
      ctx.setProp(ctx.global, 'host', fn);
      fn.dispose();
    }
    const ns = ctx.unwrapResult(ctx.evalCode(source, 'm.js', { type: 'module' }));
    const fn = ctx.getProp(ns, 'default');
    const input = ctx.newNumber(1);
    const result = ctx.unwrapResult(ctx.callFunction(fn, ctx.undefined, input));
    ctx.runtime.executePendingJobs();
    const state = ctx.getPromiseState(result);
    const value = state.type === 'fulfilled' ? ctx.dump(state.value) : undefined;
    if (state.type === 'fulfilled' && !state.notAPromise) state.value.dispose();
    if (state.type === 'rejected') state.error.dispose();
    for (const h of [result, input, fn, ns]) h.dispose();
    return value;
  } finally {
    ctx.dispose();
  }
}
