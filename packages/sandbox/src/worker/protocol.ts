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

/** Worker → main thread: the guest called host function `name` (arguments already checked and scrubbed). */
export interface CallMessage {
  call: { run: number; call: number; name: string; args: JSONValue };
}

/** Main thread → worker: the outcome of a host function call (`json` is the result's JSON text). */
export interface CallResultMessage {
  callResult: { run: number; call: number; ok: boolean; json?: string; message?: string };
}

