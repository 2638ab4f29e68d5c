/**
 * Per-run host-side state: logs, fetch accounting, secret placeholders, and the facts the
 * error code is decided from.
 */
import { randomBytes } from 'node:crypto';
import { SCRUBBER_CACHE_SIZE } from '../limits.js';
import { createScrubber, type Scrubber } from '@graft/providers/scrub';
import type { LogEntry } from '../types.js';
import type { RunJob } from './protocol.js';

const LEVELS = new Set(['debug', 'info', 'warn', 'error']);

/** Recently used scrubbers by secret set, most recent last. */
const scrubbers = new Map<string, Scrubber>();

/**
 * A cached scrubber for a set of secret values: a worker usually sees the same few secret sets
 * again and again (the cases of one `runTests`, the tools of one module), so it builds each once.
 */
function scrubberFor(values: string[]): Scrubber {
  const key = JSON.stringify(values);
  let scrubber = scrubbers.get(key);
  if (scrubber) scrubbers.delete(key);
  else scrubber = createScrubber(values);
  scrubbers.set(key, scrubber);
  if (scrubbers.size > SCRUBBER_CACHE_SIZE) scrubbers.delete(scrubbers.keys().next().value as string);
  return scrubber;
}

/** A counting semaphore for host work of one run. */
export class Slots {
  private inFlight = 0;
  private readonly waiters: Array<() => void> = [];
  constructor(private readonly max: number) {}
  /** Takes a free slot at once (true), or returns false when all are taken. */
  tryAcquire(): boolean {
    if (this.inFlight >= this.max) return false;
    this.inFlight++;
    return true;
  }
  /** Waits for a free slot. */
  async acquire(): Promise<void> {
    while (this.inFlight >= this.max) await new Promise<void>((resolve) => this.waiters.push(resolve));
    this.inFlight++;
  }
  /** Frees a slot. */
  release(): void {
    this.inFlight--;
    this.waiters.shift()?.();
  }
}

/** Host-side state of one run. */
export class RunState {
  readonly logs: LogEntry[] = [];
  private logBytes = 0;
  private logFull = false;
  fetchCount = 0;
  inFlight = 0;
  /** Host function calls the guest made (refused ones included). */
  functionCalls = 0;
  /** Concurrency of host function calls. */
  readonly functionSlots: Slots;
  /** First capability refusal of the run (decides `CAPABILITY_DENIED`). */
  denied: string | undefined;
  /** Harness mode: first unmatched request. */
  unmatched: string | undefined;
  /** Placeholder → secret value, and name → placeholder (random per run). */
  readonly placeholders = new Map<string, string>();
  readonly placeholderByName: Record<string, string> = {};
  readonly scrubber: Scrubber;
  private controller: AbortController | undefined;
  private stopped = false;

  /**
   * Aborts host work of the run (deadline, caller abort, teardown); created only when host work
   * reads it (a fetch), already aborted when host work was stopped before.
   */
  get abort(): AbortController {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.stopped) this.controller.abort();
    }
    return this.controller;
  }

  /** True once host work was stopped. */
  get hostWorkStopped(): boolean {
    return this.stopped;
  }

  /** Stops host work: aborts the signal of work already started, and any read later. */
  stopHostWork(): void {
    this.stopped = true;
    this.controller?.abort();
  }
  private waiters: Array<() => void> = [];

  constructor(readonly job: RunJob) {
    this.functionSlots = new Slots(job.limits.functionConcurrency);
    const secrets = job.fetch?.secrets ?? {};
    for (const [name, value] of Object.entries(secrets)) {
      if (typeof value !== 'string') continue;
      const placeholder = `GRAFT_SECRET_${randomBytes(12).toString('hex')}`;
      this.placeholders.set(placeholder, value);
      this.placeholderByName[name] = placeholder;
    }
    this.scrubber = scrubberFor([...this.placeholders.values()]);
  }

  /** Appends a guest log line (scrubbed), until the run's log budget is spent. */
  log(level: string, message: string): void {
    if (this.logFull) return;
    const lvl = (LEVELS.has(level) ? level : 'info') as LogEntry['level'];
    const clean = this.scrubber.scrub(message);
    const size = Buffer.byteLength(clean);
    if (this.logBytes + size > this.job.limits.logBytes) {
      this.logFull = true;
      this.logs.push({ level: 'warn', message: `[log output truncated at ${this.job.limits.logBytes} bytes]` });
      return;
    }
    this.logBytes += size;
    this.logs.push({ level: lvl, message: clean });
  }

  /** Waits for a concurrency slot for one host fetch. */
  async acquireSlot(): Promise<void> {
    while (this.inFlight >= this.job.limits.fetchConcurrency) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    this.inFlight++;
  }

  /** Releases a concurrency slot. */
  releaseSlot(): void {
    this.inFlight--;
    this.waiters.shift()?.();
  }
}
