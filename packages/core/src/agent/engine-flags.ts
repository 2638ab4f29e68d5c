/**
 * @internal Switches that `bench/agent*.bench.ts` flips to measure each engine change A/B in
 * one process. Not public API: apps never need them, and the defaults are the fast, safe ones.
 * They live in the global symbol registry under {@link ENGINE_FLAGS_KEY}, so a bench running the
 * built package (which bundles its own copy of this module) flips the same object as one running
 * the sources; either engine is a correct one, so nothing an app does with them is unsafe.
 */
export const ENGINE_FLAGS_KEY = Symbol.for('@graft/core/engine-flags');

/** The flags' shape. */
export interface EngineFlags {
  /** Run turns on idle threads with the direct loop (`direct-loop.ts`) instead of LangGraph's Pregel loop. */
  direct: boolean;
}

const registry = globalThis as { [ENGINE_FLAGS_KEY]?: EngineFlags };

/** The flags every copy of `@graft/core` in this process reads. */
export const engineFlags: EngineFlags = (registry[ENGINE_FLAGS_KEY] ??= { direct: true });
