/**
 * `createSandbox`: the public entry point tying limits, the worker pool and the harness together.
 */
import { SandboxUsageError } from './errors.js';
import { runTestCases } from './harness/run-tests.js';
import { checkHostFunctions } from './host-functions/check.js';
import { serializeInput } from './json-boundary.js';
import { DEFAULT_LIMITS, MAX_MEMORY_BYTES, MAX_STACK_BYTES, MIN_MEMORY_BYTES } from './limits.js';
import { WorkerPool } from './pool/pool.js';
import type { Limits, RunOptions, RunResult, Sandbox, SandboxOptions, TestCase, TestReport, TestRunOptions } from './types.js';

/** Merges limits over the defaults and checks every field. */
export function resolveLimits(...layers: Array<Partial<Limits> | undefined>): Limits {
  const limits: Limits = { ...DEFAULT_LIMITS };
  for (const layer of layers) {
    for (const [k, v] of Object.entries(layer ?? {})) if (v !== undefined) (limits as unknown as Record<string, number>)[k] = v as number;
  }
  for (const [k, v] of Object.entries(limits)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      throw new SandboxUsageError('INVALID_OPTIONS', `limits.${k} must be a positive number (got ${String(v)}).`);
    }
  }
  if (limits.stackBytes > MAX_STACK_BYTES) {
    throw new SandboxUsageError('INVALID_OPTIONS', `limits.stackBytes must be at most ${MAX_STACK_BYTES}.`);
  }
  if (limits.memoryBytes < MIN_MEMORY_BYTES || limits.memoryBytes > MAX_MEMORY_BYTES) {
    throw new SandboxUsageError('INVALID_OPTIONS', `limits.memoryBytes must be between ${MIN_MEMORY_BYTES} and ${MAX_MEMORY_BYTES}.`);
  }
  return limits;
}

/** Checks `allowHosts` entries: bare `host` or `host:port`, never a URL. */
function checkAllowHosts(hosts: unknown): void {
  if (!Array.isArray(hosts)) throw new SandboxUsageError('INVALID_OPTIONS', 'capabilities.fetch.allowHosts must be an array of hosts.');
  for (const h of hosts) {
    if (typeof h !== 'string' || h.length === 0 || /[/@?#\s]/.test(h)) {
      throw new SandboxUsageError(
        'INVALID_OPTIONS',
        `allowHosts entries are bare hosts like 'api.example.com' or 'api.example.com:8443', not URLs (got ${JSON.stringify(h)}).`,
      );
    }
  }
}

/** Validates an entry path such as `'default'` or `'tools.getPlayer.run'`. */
function entryPath(entry: string | undefined): string[] {
  const e = entry ?? 'default';
  if (typeof e !== 'string' || !/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(e)) {
    throw new SandboxUsageError('INVALID_OPTIONS', `entry must be an export name or dotted path like 'tools.getPlayer.run' (got ${JSON.stringify(e)}).`);
  }
  return e.split('.');
}

/**
 * Creates a sandbox: a pool of `workers` worker threads (default 1), each running QuickJS in a
 * WebAssembly instance with capped memory. Resolves once every worker is ready.
 *
 * ```ts
 * const sandbox = await createSandbox();
 * const r = await sandbox.run('export default (x) => x * 2', { input: 21 }); // { ok: true, value: 42, ... }
 * await sandbox.close();
 * ```
 * @throws SandboxUsageError `INVALID_OPTIONS` for out-of-range limits or worker count,
 * `SANDBOX_START_FAILED` when the workers cannot start.
 */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const baseLimits = resolveLimits(options.limits);
  const workers = options.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    throw new SandboxUsageError('INVALID_OPTIONS', 'workers must be an integer between 1 and 64.');
  }
  const pool = new WorkerPool(workers, baseLimits.memoryBytes);
  try {
    await pool.start();
  } catch (error) {
    await pool.dispose().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new SandboxUsageError(
      'SANDBOX_START_FAILED',
      `The sandbox worker threads could not start (${reason}); check that @jitl/quickjs-wasmfile-release-sync and quickjs-emscripten-core are installed.`,
    );
  }
  let disposed = false;
  const assertLive = () => {
    if (disposed) throw new SandboxUsageError('SANDBOX_DISPOSED', 'This sandbox was disposed; create a new one with createSandbox().');
  };

  const dispose = async (): Promise<void> => {
    if (disposed) return;
    disposed = true;
    await pool.dispose();
  };
  return {
    async run(source: string, runOptions: RunOptions = {}): Promise<RunResult> {
      assertLive();
      if (typeof source !== 'string') throw new SandboxUsageError('INVALID_INPUT', 'source must be a string (an ES module).');
      const fetch = runOptions.capabilities?.fetch;
      if (fetch) checkAllowHosts(fetch.allowHosts);
      const fns = runOptions.capabilities?.functions !== undefined ? checkHostFunctions(runOptions.capabilities.functions) : undefined;
      const outcome = await pool.run(
        {
          source,
          entryPath: entryPath(runOptions.entry),
          inputJson: serializeInput(runOptions.input),
          limits: resolveLimits(baseLimits, runOptions.limits),
          log: runOptions.capabilities?.log === true,
          fetch: fetch ? { ...fetch, allowHosts: [...fetch.allowHosts], secrets: { ...(fetch.secrets ?? {}) } } : undefined,
          fixtures: undefined,
          ...(fns ? { functions: fns.names, hostFunctions: fns.table } : {}),
        },
        runOptions.signal,
      );
      return outcome.ok
        ? { ok: true, value: outcome.value ?? null, logs: outcome.logs, stats: outcome.stats }
        : { ok: false, error: outcome.error!, logs: outcome.logs, stats: outcome.stats };
    },

    async runTests(source: string, cases: TestCase[], testOptions: TestRunOptions = {}): Promise<TestReport> {
      assertLive();
      if (!Array.isArray(cases)) throw new SandboxUsageError('INVALID_INPUT', 'cases must be an array of test cases.');
      if (testOptions.allowHosts !== undefined) checkAllowHosts(testOptions.allowHosts);
      return runTestCases((job, signal) => pool.run(job, signal), source, cases, testOptions, resolveLimits(baseLimits, testOptions.limits), workers);
    },

    close: dispose,
    dispose,
    [Symbol.asyncDispose]: dispose,
  };
}
