/**
 * A pending guest promise the host settles later. The guest glue creates the promise itself
 * (`new Promise((ok, bad) => host(..., ok, bad))`) and hands its resolving functions to the host,
 * which keeps duplicates of them. (quickjs-emscripten's `context.newPromise()` reads a typed-array
 * view of the WebAssembly heap after a call that may grow it; when the guest's memory grows right
 * then, the view is detached and the call fails, so the host never creates promises itself.)
 */
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';

/** What the engine tracks for every host operation the guest awaits. */
export interface Settleable {
  readonly alive: boolean;
  resolve(value: QuickJSHandle): void;
  reject(value: QuickJSHandle): void;
  dispose(): void;
}

/** Settles a guest promise through duplicates of its resolving functions. */
export class GuestSettler implements Settleable {
  private readonly ok: QuickJSHandle;
  private readonly bad: QuickJSHandle;

  constructor(
    private readonly context: QuickJSContext,
    ok: QuickJSHandle,
    bad: QuickJSHandle,
  ) {
    this.ok = ok.dup();
    this.bad = bad.dup();
  }

  get alive(): boolean {
    return this.ok.alive || this.bad.alive;
  }

  resolve(value: QuickJSHandle): void {
    this.call(this.ok, value);
  }

  reject(value: QuickJSHandle): void {
    this.call(this.bad, value);
  }

  private call(fn: QuickJSHandle, value: QuickJSHandle): void {
    if (fn.alive) {
      const r = this.context.callFunction(fn, this.context.undefined, value);
      if (r.error) r.error.dispose();
      else r.value.dispose();
    }
    this.dispose();
  }

  dispose(): void {
    if (this.ok.alive) this.ok.dispose();
    if (this.bad.alive) this.bad.dispose();
  }
}
