/**
 * Every limit and default of `@graft/sandbox`, in one place.
 */
import type { Limits } from './types.js';

/**
 * Default limits of a run. Each can be overridden per sandbox (`createSandbox({ limits })`) and
 * per run (`sandbox.run(source, { limits })`).
 *
 * - `timeMs` 5,000 ms: wall clock for evaluation, jobs, host fetches and reading the result.
 * - `memoryBytes` 64 MiB: cap of the guest's `WebAssembly.Memory` (the whole QuickJS heap).
 * - `stackBytes` 256 KiB: QuickJS max stack size (the maximum allowed).
 * - `outputBytes` 1 MiB: serialized result value.
 * - `logBytes` 64 KiB: total log output of a run.
 * - `fetchCount` 50 host fetches per run; `fetchConcurrency` 4 at a time.
 * - `responseBytes` 2 MiB per fetched response body.
 * - `functionCalls` 100 host function calls per run; `functionConcurrency` 8 at a time;
 *   `functionTimeMs` 5,000 ms per call; `functionBytes` 1 MiB per call's arguments and result.
 */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  timeMs: 5_000,
  memoryBytes: 64 * 1024 * 1024,
  stackBytes: 256 * 1024,
  outputBytes: 1024 * 1024,
  logBytes: 64 * 1024,
  fetchCount: 50,
  fetchConcurrency: 4,
  responseBytes: 2 * 1024 * 1024,
  functionCalls: 100,
  functionConcurrency: 8,
  functionTimeMs: 5_000,
  functionBytes: 1024 * 1024,
});

/** Largest accepted `stackBytes` (the guest must overflow inside QuickJS, never on the host). */
export const MAX_STACK_BYTES = 256 * 1024;
/** Smallest accepted `memoryBytes` (QuickJS itself needs 16 MiB of WebAssembly memory to start). */
export const MIN_MEMORY_BYTES = 20 * 1024 * 1024;
/** Largest accepted `memoryBytes` (the WebAssembly 32-bit address space of the build). */
export const MAX_MEMORY_BYTES = 2 * 1024 * 1024 * 1024;
/** Initial size of a guest's WebAssembly memory, bytes (what the QuickJS build requires). */
export const INITIAL_WASM_MEMORY_BYTES = 16 * 1024 * 1024;

/** Native stack of each worker thread, MiB: far above what 256 KiB of QuickJS stack can use. */
export const WORKER_STACK_MB = 32;
/** Extra time the host watchdog grants after the deadline before terminating a worker, ms. */
export const WATCHDOG_GRACE_MS = 100;
/**
 * Most extra time the watchdog grants a worker whose thread got too little CPU to notice its own
 * deadline (an overloaded machine), past the deadline plus grace, ms. Linux only (per-thread CPU
 * time from /proc); elsewhere the worker is terminated at the deadline plus grace.
 */
export const WATCHDOG_STARVED_MAX_MS = 2_000;
/** A thread that used less than this share of the wall time as CPU since the last check counts as starved. */
export const WATCHDOG_STARVED_CPU_SHARE = 0.25;
/** Max jobs run in one `executePendingJobs` batch; the deadline is checked between batches. */
export const JOB_BATCH = 256;
/** Max nesting depth of the run's input and result values. */
export const MAX_VALUE_DEPTH = 256;
/** Max size of the run's input, serialized, bytes. */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;
/** Max length of an error message returned from the guest, characters. */
export const MAX_ERROR_MESSAGE_CHARS = 1_000;
/** Runs after which a worker's QuickJS runtime is replaced, as hygiene. */
export const RUNTIME_MAX_RUNS = 1_000;

/** Max redirects followed (each hop re-checked against the policy). */
export const MAX_REDIRECTS = 5;
/** Max size of a guest request body, bytes. */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;
/** Max size of a guest request URL, characters. */
export const MAX_URL_CHARS = 8 * 1024;
/** Max number of request headers a guest may set. */
export const MAX_REQUEST_HEADERS = 64;
/** Max length of a guest's serialized fetch request (URL, headers, body), characters; longer is refused uncopied. */
export const MAX_REQUEST_JSON_CHARS = 2 * MAX_REQUEST_BODY_BYTES + MAX_URL_CHARS + 64 * 1024;

/** Scrubbers (one per secret set) each worker keeps built for reuse across runs. */
export const SCRUBBER_CACHE_SIZE = 8;

/** Attempts to start a pool worker before its slot gives up (until the next run asks again). */
export const WORKER_START_ATTEMPTS = 4;
/** Backoff before the 2nd start attempt, ms; doubled for each further attempt. */
export const WORKER_START_BACKOFF_MS = 50;
/** A worker that has not reported ready within this time is terminated and counts as a failed start, ms. */
export const WORKER_START_TIMEOUT_MS = 20_000;
/** Idle workers a disposed sandbox hands to the next `createSandbox` in the process (a warm reserve). */
export const RESERVE_MAX_WORKERS = 4;
/** A worker whose QuickJS memory grew past this is terminated on disposal, not reserved, bytes. */
export const RESERVE_MAX_INSTANCE_BYTES = 64 * 1024 * 1024;
/** An idle worker left in the reserve this long is terminated, ms. */
export const RESERVE_IDLE_MS = 30_000;

/** Max host functions offered to one run (`capabilities.functions`). */
export const MAX_HOST_FUNCTIONS = 64;
