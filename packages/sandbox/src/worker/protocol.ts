/**
 * The messages between the pool (main thread) and a worker. Plain data, kept small.
 */
import type { FetchCapability, HttpFixture, JSONValue, Limits, LogEntry, RunStats, SandboxErrorCode } from '../types.js';

/** Everything a worker needs for one run. */
export interface RunJob {
  source: string;
  /** The entry as path segments (`'tools.x.run'` → `['tools','x','run']`). */
  entryPath: string[];
  inputJson: string | undefined;
  limits: Limits;
  /** Absolute deadline, `Date.now()` clock. */
  deadline: number;
  log: boolean;
  fetch: FetchCapability | undefined;
  /** Harness mode: answer fetches from these fixtures instead of the network. */
  fixtures: HttpFixture[] | undefined;
  /** Names of the host functions offered (`capabilities.functions`); the functions stay on the main thread. */
  functions?: string[];
}

/** What a worker returns for one run. */
export interface RunOutcome {
  ok: boolean;
  value?: JSONValue;
  error?: { code: SandboxErrorCode; message: string };
  logs: LogEntry[];
  stats: RunStats;
  /** Harness mode: the first request no fixture matched. */
  unmatched?: string;
}

/** Main thread → worker. */
export interface RunMessage {
  id: number;
  job: RunJob;
}

/** Worker → main thread. */
export interface ResultMessage {
  id: number;
  outcome: RunOutcome;
}

/** One host function call the guest made (arguments already checked and scrubbed). */
export interface CallRequest {
  call: number;
  name: string;
  args: JSONValue;
}

/**
 * Worker → main thread: the host function calls run `run` made in one turn of its job loop, in
 * call order (one message however many calls the guest started before it awaited).
 */
export interface CallMessage {
  run: number;
  calls: CallRequest[];
}

/** The outcome of one host function call (`json` is the result's JSON text). */
export interface CallResult {
  call: number;
  ok: boolean;
  json?: string;
  message?: string;
}

/** Main thread → worker: outcomes of host function calls of run `run`, batched per main-thread turn. */
export interface CallResultMessage {
  run: number;
  callResults: CallResult[];
}
