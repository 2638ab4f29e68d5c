/**
 * Public types of `@graft/sandbox`. This file is the contract other packages code against;
 * extend it, don't break it.
 */

/** Any JSON value: the only kind of value that crosses the sandbox boundary. */
export type JSONValue = string | number | boolean | null | JSONValue[] | { [key: string]: JSONValue };

/** The closed set of failure codes of a run. Codes come from host-side state, never from guest text. */
export type SandboxErrorCode =
  | 'TIMEOUT'
  | 'MEMORY_LIMIT'
  | 'STACK_OVERFLOW'
  | 'OUTPUT_LIMIT'
  | 'GUEST_ERROR'
  | 'CAPABILITY_DENIED'
  | 'INVALID_MODULE'
  | 'ABORTED'
  | 'CRASHED';

/** Limits of one run. Every field has a documented default (see `DEFAULT_LIMITS`). */
export interface Limits {
  /** Wall-clock deadline of the whole run (evaluation, jobs, host fetches), ms. */
  timeMs: number;
  /** Cap on the guest's WebAssembly memory, bytes. */
  memoryBytes: number;
  /** Max QuickJS stack size, bytes (≤ 256 KiB). */
  stackBytes: number;
  /** Max size of the serialized result value, bytes. */
  outputBytes: number;
  /** Max total size of log output, bytes. */
  logBytes: number;
  /** Max number of host fetches per run. */
  fetchCount: number;
  /** Max concurrent host fetches. */
  fetchConcurrency: number;
  /** Max size of one fetched response body, bytes. */
  responseBytes: number;
}

/** The fetch capability: real HTTP done by the host, only to allowed hosts. */
export interface FetchCapability {
  /** Exact hosts (optionally `host:port`) the guest may reach. */
  allowHosts: string[];
  /** Secret values by name; the guest only ever sees placeholders from `ctx.secret(name)`. */
  secrets?: Record<string, string>;
  /** Allow `http:` (default: https only). */
  allowInsecureHttp?: boolean;
  /** Allow loopback/private/link-local addresses and IP literals (default: refused). */
  allowPrivateNetwork?: boolean;
}

/** What the guest's `ctx` offers; absent capabilities are absent from `ctx`. */
export interface Capabilities {
  fetch?: FetchCapability;
  log?: boolean;
}

/** Options of one `sandbox.run`. */
export interface RunOptions {
  /** Export to call; default `'default'`. Dotted paths such as `'tools.getPlayer.run'` are allowed. */
  entry?: string;
  /** First argument of the call. */
  input?: JSONValue;
  capabilities?: Capabilities;
  limits?: Partial<Limits>;
  signal?: AbortSignal;
}

/** One log line written by the guest through `ctx.log`. */
export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
}

/** Measurements of one run. */
export interface RunStats {
  durationMs: number;
  fetchCount: number;
  /** Peak WebAssembly memory of the guest, bytes, when known. */
  memoryBytes?: number;
}

/** The outcome of a run: never throws for guest behaviour. */
export type RunResult =
  | { ok: true; value: JSONValue; logs: LogEntry[]; stats: RunStats }
  | { ok: false; error: { code: SandboxErrorCode; message: string }; logs: LogEntry[]; stats: RunStats };

/** Options of `createSandbox`. */
export interface SandboxOptions {
  /** Default limits for every run (merged with per-run limits). */
  limits?: Partial<Limits>;
  /** Number of worker threads in the pool (default 1). */
  workers?: number;
}

/** A pool of QuickJS workers that runs untrusted ES modules. */
export interface Sandbox {
  run(source: string, options?: RunOptions): Promise<RunResult>;
  /**
   * Runs declarative test cases with `fetch` answered from fixtures (see `TestCase`), each in a
   * fresh context; with several workers, up to one case per worker runs at a time. Results are
   * reported in the order of `cases`.
   */
  runTests(source: string, cases: TestCase[], options?: TestRunOptions): Promise<TestReport>;
  dispose(): Promise<void>;
}

/** One recorded HTTP exchange a test case's `fetch` is answered from. */
export interface HttpFixture {
  request: { method?: string; url: string };
  response: { status: number; headers?: Record<string, string>; json?: JSONValue; body?: string };
}

/** What a test case expects: a deep-equal JSON value, or `{ match }` for a subset match. */
export type Expectation = JSONValue | { match: JSONValue };

/** A declarative test case run by the in-sandbox harness. */
export interface TestCase {
  name: string;
  /** Entry to call, e.g. `'tools.getPlayer.run'`. */
  entry: string;
  input?: JSONValue;
  http?: HttpFixture[];
  expect?: Expectation;
  /** The call must throw (optionally with a message containing the substring). */
  expectError?: true | { message: string };
}

/** Options of `runTests`. */
export interface TestRunOptions {
  /** Secrets available to the module through placeholders (fixtures see placeholders substituted). */
  secrets?: Record<string, string>;
  /** Hosts the module is allowed (fixture URLs must still match a case's fixture). */
  allowHosts?: string[];
  limits?: Partial<Limits>;
  signal?: AbortSignal;
}

/** The result of one test case. */
export interface TestCaseResult {
  name: string;
  passed: boolean;
  actual?: JSONValue;
  expected?: Expectation;
  error?: { code: SandboxErrorCode | 'UNMATCHED_REQUEST' | 'EXPECTATION_FAILED'; message: string };
  durationMs: number;
}

/** The report of a `runTests` call. */
export interface TestReport {
  passed: number;
  failed: number;
  results: TestCaseResult[];
}
