/**
 * One QuickJS WebAssembly instance with a capped `WebAssembly.Memory`, and the runtime reused
 * across runs on it (each run gets a fresh context).
 */
import variant from '@jitl/quickjs-wasmfile-release-sync';
import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  type CustomizeVariantOptions,
  type QuickJSRuntime,
  type QuickJSWASMModule,
} from 'quickjs-emscripten-core';

type EmscriptenModuleLoaderOptions = NonNullable<CustomizeVariantOptions['emscriptenModule']>;
import { INITIAL_WASM_MEMORY_BYTES, RUNTIME_MAX_RUNS } from '../limits.js';
import type { GlueKey } from './bootstrap-source.js';
import { disposeWarm, prepareContext, type WarmContext } from './warm.js';

const PAGE = 64 * 1024;

/**
 * A QuickJS module instance whose whole heap lives in a memory capped at `memoryBytes`. Memory
 * never shrinks, so an instance that hit its cap (a refused grow) or failed to dispose is
 * discarded by its owner, never reused.
 */
export class GuestInstance {
  /** Grow requests the capped memory refused since creation. */
  refusedGrows = 0;
  /** Set when this instance must not run anything again. */
  broken = false;
  private runtime: QuickJSRuntime | undefined;
  private runtimeRuns = 0;
  private warm: WarmContext | undefined;
  /** The `ctx` glue the last run needed (the next one likely needs the same). */
  lastGlue: GlueKey | undefined;

  private constructor(
    readonly module: QuickJSWASMModule,
    readonly memory: WebAssembly.Memory,
    readonly memoryBytes: number,
  ) {}

  /** Instantiates the precompiled QuickJS module over a fresh memory capped at `memoryBytes`. */
  static async create(wasmModule: WebAssembly.Module, memoryBytes: number): Promise<GuestInstance> {
    const maximum = Math.floor(memoryBytes / PAGE);
    const memory = new WebAssembly.Memory({ initial: INITIAL_WASM_MEMORY_BYTES / PAGE, maximum });
    const grow = memory.grow.bind(memory);
    let instance: GuestInstance | undefined;
    // Emscripten grows through this method; a refusal is the host-side signal "memory at its cap".
    memory.grow = (delta: number) => {
      try {
        return grow(delta);
      } catch (error) {
        if (instance) instance.refusedGrows++;
        throw error;
      }
    };
    // Emscripten prints aborts (e.g. a failed runtime dispose) to stderr; the owner handles them.
    const quiet = { print: () => undefined, printErr: () => undefined } as EmscriptenModuleLoaderOptions;
    const module = await newQuickJSWASMModuleFromVariant(newVariant(variant, { wasmModule, wasmMemory: memory, emscriptenModule: quiet }));
    instance = new GuestInstance(module, memory, memoryBytes);
    return instance;
  }

  /** The runtime for the next run (created on demand, replaced every `RUNTIME_MAX_RUNS` runs). */
  acquireRuntime(stackBytes: number): QuickJSRuntime {
    if (this.runtime && this.runtimeRuns >= RUNTIME_MAX_RUNS) this.dropRuntime();
    if (!this.runtime) {
      this.runtime = this.module.newRuntime();
      this.runtimeRuns = 0;
    }
    this.runtimeRuns++;
    this.runtime.setMaxStackSize(stackBytes);
    return this.runtime;
  }

  /**
   * Prepares the next run's context while the worker is idle (see `warm.ts`): a brand-new
   * context on the current runtime with its trusted setup done. Does nothing when one is ready,
   * the instance is broken, or the runtime is due for replacement. Never throws; a failure that
   * leaves the heap in doubt marks the instance broken.
   */
  prewarm(): void {
    if (this.warm || this.broken || this.runtimeRuns >= RUNTIME_MAX_RUNS) return;
    const refusedBefore = this.refusedGrows;
    try {
      if (!this.runtime) {
        this.runtime = this.module.newRuntime();
        this.runtimeRuns = 0;
      }
      // Trusted setup only: no deadline of a past run may interrupt it.
      this.runtime.removeInterruptHandler();
      this.warm = prepareContext(this.runtime, this.lastGlue);
    } catch {
      this.broken = true;
    }
    // A refused grow means the memory is at its cap: discard the instance, as after a run.
    if (this.refusedGrows > refusedBefore) {
      this.dropWarm();
      this.broken = true;
    }
  }

  /**
   * The prepared context for a run on `runtime`, handed over at most once (the run owns and
   * disposes it), or `undefined` when none is ready for that runtime.
   */
  takeWarm(runtime: QuickJSRuntime): WarmContext | undefined {
    const warm = this.warm;
    this.warm = undefined;
    if (warm && warm.runtime !== runtime) {
      if (!disposeWarm(warm)) this.broken = true;
      return undefined;
    }
    return warm;
  }

  /** Disposes the prepared context, if any. */
  private dropWarm(): void {
    const warm = this.warm;
    this.warm = undefined;
    if (warm && !disposeWarm(warm)) this.broken = true;
  }

  /** Disposes the runtime (and the prepared context first); a failure marks the whole instance broken. */
  dropRuntime(): void {
    this.dropWarm();
    const rt = this.runtime;
    this.runtime = undefined;
    if (!rt) return;
    try {
      rt.dispose();
    } catch {
      this.broken = true;
    }
  }
}
