/**
 * @internal Switches that `bench/agent*.bench.ts` flips to measure each engine change A/B in
 * one process. Not public API: apps never need them, and the defaults are the fast, safe ones.
 */
export const engineFlags = {
  /** Run turns on idle threads with the direct loop (`direct-loop.ts`) instead of LangGraph's Pregel loop. */
  direct: true,
};
