/**
 * Runs one host function call on the main thread: the app's function gets the (already checked
 * and scrubbed) JSON arguments and an abort signal; its result must be plain JSON within
 * `limits.functionBytes` and arrive within the call's time bound. Never throws: every outcome is
 * a message for the worker, which scrubs it before the guest sees it.
 */
import { MAX_VALUE_DEPTH } from '../limits.js';
import type { HostFunction, HostFunctionContext } from '../types.js';
import type { CallResult } from '../worker/protocol.js';

type Outcome = Omit<CallResult, 'call'>;

/** `value` as JSON text when it is a plain JSON tree within the depth limit, else a reason. */
function toJson(value: unknown): { json: string } | { reason: string } {
  if (value === null || value === undefined || typeof value === 'boolean' || typeof value === 'string') return { json: JSON.stringify(value ?? null) };
  if (typeof value === 'number') return Number.isFinite(value) ? { json: String(value) } : { reason: 'a non-finite number' };
  const stack: Array<{ v: unknown; d: number }> = [{ v: value, d: 0 }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const { v, d } = stack.pop()!;
    if (v === null || v === undefined || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return { reason: 'a non-finite number' };
      continue;
    }
    if (typeof v !== 'object') return { reason: `a ${typeof v}` };
    if (d >= MAX_VALUE_DEPTH) return { reason: `nesting deeper than ${MAX_VALUE_DEPTH} levels` };
    if (seen.has(v)) return { reason: 'a cycle or shared reference' };
    seen.add(v);
    const proto = Object.getPrototypeOf(v);
    if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) return { reason: 'a non-plain object' };
    for (const child of Object.values(v)) stack.push({ v: child, d: d + 1 });
  }
  try {
    return { json: JSON.stringify(value) };
  } catch {
    return { reason: 'a value JSON cannot represent' };
  }
}

/**
 * The outcome for a function's result: its JSON text, or why it cannot cross. Never throws: a
 * value whose getters or proxy traps throw while it is checked is refused like any other.
 */
function resultOutcome(name: string, result: unknown, maxBytes: number): Outcome {
  let out: ReturnType<typeof toJson>;
  try {
    out = toJson(result);
  } catch {
    out = { reason: 'a value that cannot be read (a getter or proxy trap threw)' };
  }
  if ('reason' in out) return { ok: false, message: `host function ${name} returned ${out.reason}, not JSON` };
  if (out.json.length > maxBytes || Buffer.byteLength(out.json) > maxBytes) {
    return { ok: false, message: `host function ${name} returned more than ${maxBytes} bytes (limits.functionBytes)` };
  }
  return { ok: true, json: out.json };
}

/** The outcome for a function that threw or rejected. Never throws, even for an error whose message cannot be read. */
function errorOutcome(name: string, error: unknown): Outcome {
  let message: string;
  try {
    const text: unknown = error instanceof Error ? error.message : error;
    message = typeof text === 'string' ? text : 'unknown error';
  } catch {
    message = 'an error whose message cannot be read';
  }
  return { ok: false, message: `host function ${name} failed: ${message}` };
}

/**
 * Calls `fn(args, { signal })`, bounded by `timeMs`; `signal` (created only when the function reads
 * it) aborts at the bound and when the run ends (`runEnded` is read only then, so a run whose
 * functions never read `signal` creates no signal at all).
 * @returns the result's JSON text, or a message saying why the call failed — at once (no timer,
 * no promise) when the function returned synchronously, else a promise of it.
 */
export function invokeHostFunction(
  name: string,
  fn: HostFunction,
  args: unknown,
  timeMs: number,
  maxBytes: number,
  runEnded: () => AbortSignal,
): Outcome | Promise<Outcome> {
  let controller: AbortController | undefined;
  let ended: AbortSignal | undefined;
  const stop = () => controller?.abort();
  const context: HostFunctionContext = {
    get signal() {
      if (!controller) {
        controller = new AbortController();
        ended = runEnded();
        if (ended.aborted) controller.abort();
        else ended.addEventListener('abort', stop, { once: true });
      }
      return controller.signal;
    },
  };
  // A synchronous function answers at once: it cannot be interrupted anyway, and its result is
  // checked exactly as an awaited one is.
  let result: unknown;
  let then: unknown;
  try {
    result = fn(args as never, context);
    then = result !== null && (typeof result === 'object' || typeof result === 'function') ? (result as { then?: unknown }).then : undefined;
  } catch (error) {
    if (ended) ended.removeEventListener('abort', stop);
    return errorOutcome(name, error);
  }
  if (typeof then !== 'function') {
    if (ended) ended.removeEventListener('abort', stop);
    return resultOutcome(name, result, maxBytes);
  }
  return new Promise<Outcome>((resolve) => {
    let settled = false;
    const finish = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (ended) ended.removeEventListener('abort', stop);
      resolve(outcome);
    };
    const timer = setTimeout(
      () => {
        controller?.abort();
        finish({ ok: false, message: `host function ${name} did not answer within ${Math.round(timeMs)} ms` });
      },
      Math.max(0, timeMs),
    );
    try {
      (then as (ok: (v: unknown) => void, bad: (e: unknown) => void) => void).call(
        result,
        (value) => {
          // A thenable resolving with another thenable: adopt it like `await` would.
          try {
            Promise.resolve(value).then(
              (v) => finish(resultOutcome(name, v, maxBytes)),
              (e: unknown) => finish(errorOutcome(name, e)),
            );
          } catch (error) {
            finish(errorOutcome(name, error)); // a promise whose `constructor` getter throws
          }
        },
        (error) => finish(errorOutcome(name, error)),
      );
    } catch (error) {
      finish(errorOutcome(name, error));
    }
  });
}
