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
  | 'OUTPUT_NOT_JSON'
  | 'OUTPUT_CYCLIC'
  | 'GUEST_ERROR'
  | 'CAPABILITY_DENIED'
  | 'INVALID_MODULE'
  | 'ABORTED'
  | 'CRASHED'
  | 'WORKER_START_FAILED';

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
  /** Max host function calls per run (`capabilities.functions`), refused ones included. */
  functionCalls: number;
  /** Max concurrent host function calls; further calls wait their turn. */
  functionConcurrency: number;
  /** Time bound of one host function call, ms (the run's deadline bounds it too). */
  functionTimeMs: number;
  /** Max size of one host function call's arguments, and of its result, as JSON, bytes. */
  functionBytes: number;
}

/** What a host function receives besides its arguments. */
export interface HostFunctionContext {
  /** Aborts when the call's time bound passes or the run ends (deadline, abort, disposal). */
  signal: AbortSignal;
}

/**
 * A function the host offers to the guest (`capabilities.functions`). It runs on the host's main
 * thread with JSON arguments (checked, scrubbed) and must return (or resolve to) plain JSON; the
 * result is scrubbed of the run's secrets before the guest sees it. A throw becomes a rejected
 * promise in the guest with the (scrubbed) message.
 */
export type HostFunction = (args: JSONValue, context: HostFunctionContext) => JSONValue | Promise<JSONValue>;

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
  /** Grants `ctx.fetch` and `ctx.secret`, checked against this policy on the host; absent: neither exists. */
  fetch?: FetchCapability;
  /** `true` grants `ctx.log` (and `.debug/.info/.warn/.error`), collected in `RunResult.logs`; default off. */
  log?: boolean;
  /**
   * Host functions offered as `ctx.functions.<name>(args)`, each an async function in the guest
   * (JSON in, JSON out). Names are identifiers; at most 64. Every call is checked (known name,
   * `limits.functionCalls`, `limits.functionBytes`), counted (`RunStats.functionCalls`) and
   * time-bounded (`limits.functionTimeMs` and the run's deadline); results are scrubbed.
   */
  functions?: Record<string, HostFunction>;
}

/** Options of one `sandbox.run`. */
export interface RunOptions {
  /** Export to call; default `'default'`. Dotted paths such as `'tools.getPlayer.run'` are allowed. */
  entry?: string;
  /** First argument of the call. */
  input?: JSONValue;
  /** What the guest's `ctx` offers; absent: `ctx` is an empty frozen object. */
  capabilities?: Capabilities;
  /** Limits of this run, merged over the sandbox's (`SandboxOptions.limits`, then `DEFAULT_LIMITS`); out of range throws `INVALID_OPTIONS`. */
  limits?: Partial<Limits>;
  /** Aborting ends the run with `ABORTED` (a queued run is dropped; a running guest not stopped within 100 ms has its worker terminated). */
  signal?: AbortSignal;
}

/** One log line written by the guest through `ctx.log`. */
export interface LogEntry {
  /** The `ctx.log` method used (plain `ctx.log(...)` is `'info'`); the host's truncation note is `'warn'`. */
  level: 'debug' | 'info' | 'warn' | 'error';
  /** The arguments joined with spaces (non-strings JSON-stringified), secrets scrubbed; past `limits.logBytes` lines are dropped after one note. */
  message: string;
}

/** Measurements of one run. */
export interface RunStats {
  /** Wall-clock time of the run in the worker, ms (queue wait excluded); only approximate when the run was aborted or its worker terminated or crashed. */
  durationMs: number;
  /** `ctx.fetch` calls the guest started, refused ones included (the count checked against `limits.fetchCount`); 0 when the run was aborted or its worker terminated or crashed. */
  fetchCount: number;
  /** Peak WebAssembly memory of the guest, bytes, when known. */
  memoryBytes?: number;
  /** `ctx.functions` calls the guest made, refused ones included; absent when the run had no host functions. */
  functionCalls?: number;
}

/** The outcome of a run: never throws for guest behaviour. */
export type RunResult =
  | {
      /** The entry returned (or its promise fulfilled). */
      ok: true;
      /** The entry's settled return value, rebuilt on the host with secrets scrubbed; `undefined` becomes `null`. */
      value: JSONValue;
      /** Lines written through `ctx.log` (empty without the `log` capability). */
      logs: LogEntry[];
      /** Measurements of the run. */
      stats: RunStats;
    }
  | {
      /** The run failed; see `error.code`. */
      ok: false;
      /** Why the run failed. */
      error: {
        /** Decided from host-side state, never from guest text (see the README's table of codes). */
        code: SandboxErrorCode;
        /** Human-readable explanation; for `GUEST_ERROR` the guest's message, scrubbed and truncated to 1,000 characters. */
        message: string;
      };
      /** Lines written through `ctx.log` before the failure (empty when the run was aborted or its worker terminated or crashed). */
      logs: LogEntry[];
      /** Measurements of the run, up to the failure. */
      stats: RunStats;
    };

/** Options of `createSandbox`. */
export interface SandboxOptions {
  /** Default limits for every run (merged with per-run limits). */
  limits?: Partial<Limits>;
  /** Number of worker threads in the pool (default 1). */
  workers?: number;
}

/** A pool of QuickJS workers that runs untrusted ES modules. */
export interface Sandbox {
  /**
   * Evaluates `source` as an ES module in a fresh context and calls `options.entry` with
   * `(input, ctx)`. Resolves with a `RunResult` whatever the guest does; rejects with
   * `SandboxUsageError` only for caller mistakes (non-JSON input, bad options, a disposed sandbox).
   */
  run(source: string, options?: RunOptions): Promise<RunResult>;
  /**
   * Runs declarative test cases with `fetch` answered from fixtures (see `TestCase`), each in a
   * fresh context; with several workers, up to one case per worker runs at a time. Results are
   * reported in the order of `cases`.
   */
  runTests(source: string, cases: TestCase[], options?: TestRunOptions): Promise<TestReport>;
  /**
   * Terminates every worker; pending runs end with `ABORTED` and later calls reject with
   * `SANDBOX_DISPOSED`. Idempotent. `close` is the SDK's one verb for ending a resource (stores,
   * MCP servers and clients, the module manager use it too).
   */
  close(): Promise<void>;
  /** @deprecated Use {@link Sandbox.close} (the same). Kept for code written against earlier releases. */
  dispose(): Promise<void>;
  /** `close()`, so `await using sandbox = await createSandbox()` closes it at the end of the scope. */
  [Symbol.asyncDispose](): Promise<void>;
}

/** One recorded HTTP exchange a test case's `fetch` is answered from. */
export interface HttpFixture {
  /** The request this fixture answers. */
  request: {
    /** HTTP method, case-insensitive; default `'GET'`. */
    method?: string;
    /** Absolute URL, matched after WHATWG normalization against the guest's URL with secrets substituted; an `http:` or IP-literal URL also permits insecure HTTP or private addresses for the case. */
    url: string;
  };
  /** The canned response returned to the guest (no network involved). */
  response: {
    /** HTTP status code. */
    status: number;
    /** Response headers (names lowercased); with `json`, `content-type: application/json` is added unless given. */
    headers?: Record<string, string>;
    /** A JSON body, serialized; takes precedence over `body`. */
    json?: JSONValue;
    /** A raw text body; default empty. Either body counts against `limits.responseBytes`. */
    body?: string;
  };
}

/** What a test case expects: a deep-equal JSON value, or `{ match }` for a subset match. */
export type Expectation =
  | JSONValue
  | {
      /** Subset pattern: objects match on the listed keys, arrays on length and element-wise, primitives by equality. Recognized only as the object's sole key. */
      match: JSONValue;
    };

/** A declarative test case run by the in-sandbox harness. */
export interface TestCase {
  /** Label of the case, echoed in `TestCaseResult.name`. */
  name: string;
  /** Entry to call, e.g. `'tools.getPlayer.run'`. */
  entry: string;
  /** First argument of the call; absent: `undefined`. */
  input?: JSONValue;
  /** Fixtures answering the case's `ctx.fetch` calls (and, without `allowHosts`, its allowlist); absent: every fetch fails. */
  http?: HttpFixture[];
  /** Expected return value; absent: any return passes. Ignored when `expectError` is set. */
  expect?: Expectation;
  /** The call must throw (optionally with a message containing the substring). */
  expectError?:
    | true
    | {
        /** Substring the (scrubbed) error message must contain. */
        message: string;
      };
}

/** Options of `runTests`. */
export interface TestRunOptions {
  /** Secrets available to the module through placeholders (fixtures see placeholders substituted). */
  secrets?: Record<string, string>;
  /** Hosts the module is allowed (fixture URLs must still match a case's fixture). */
  allowHosts?: string[];
  /** Limits of each case, merged over the sandbox's; every case gets the full budget. */
  limits?: Partial<Limits>;
  /** Aborting ends the remaining cases with `ABORTED` (reported as failed); `runTests` still resolves. */
  signal?: AbortSignal;
}

/** The result of one test case. */
export interface TestCaseResult {
  /** The case's `name`. */
  name: string;
  /** Whether the case met its expectation. */
  passed: boolean;
  /** The value the call returned; absent when the run failed. */
  actual?: JSONValue;
  /** The case's `expect`, when it had one. */
  expected?: Expectation;
  /** Why the case failed; absent when it passed. */
  error?: {
    /** The run's failure code, `UNMATCHED_REQUEST` (a fetch matched no fixture) or `EXPECTATION_FAILED` (wrong value, or wrong or missing error). */
    code: SandboxErrorCode | 'UNMATCHED_REQUEST' | 'EXPECTATION_FAILED';
    /** Human-readable explanation, secrets scrubbed; for `UNMATCHED_REQUEST` it names the request and the fixtures available. */
    message: string;
  };
  /** Wall-clock time of the case on the host, ms. */
  durationMs: number;
}

/** The report of a `runTests` call. */
export interface TestReport {
  /** Number of cases that passed. */
  passed: number;
  /** Number of cases that failed. */
  failed: number;
  /** One result per case, in the order of `cases`. */
  results: TestCaseResult[];
}
