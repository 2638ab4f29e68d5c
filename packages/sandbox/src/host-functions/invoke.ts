/**
 * Runs one host function call on the main thread: the app's function gets the (already checked
 * and scrubbed) JSON arguments and an abort signal; its result must be plain JSON within
 * `limits.functionBytes` and arrive within the call's time bound. Never throws: every outcome is
 * a message for the worker, which scrubs it before the guest sees it.
 */
import { MAX_VALUE_DEPTH } from '../limits.js';
import type { HostFunction } from '../types.js';
import type { CallResultMessage } from '../worker/protocol.js';

const TIMED_OUT = Symbol('timed out');

type Outcome = Omit<CallResultMessage['callResult'], 'run' | 'call'>;

/** `value` as JSON text when it is a plain JSON tree within the depth limit, else a reason. */
function toJson(value: unknown): { json: string } | { reason: string } {
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
    return { json: JSON.stringify(value ?? null) };
  } catch {
    return { reason: 'a value JSON cannot represent' };
  }
}

/**
 * Calls `fn(args, { signal })`, bounded by `timeMs`; `signal` also aborts when `runEnded` does.
 * @returns the result's JSON text, or a message saying why the call failed.
 */
export async function invokeHostFunction(
  name: string,
  fn: HostFunction,
  args: unknown,
  timeMs: number,
  maxBytes: number,
  runEnded: AbortSignal,
): Promise<Outcome> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  runEnded.addEventListener('abort', stop, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(TIMED_OUT);
    }, Math.max(0, timeMs));
  });
  try {
    let result: unknown;
    try {
      result = await Promise.race([Promise.resolve().then(() => fn(args as never, { signal: controller.signal })), timedOut]);
    } catch (error) {
      const message = error instanceof Error ? error.message : typeof error === 'string' ? error : 'unknown error';
      return { ok: false, message: `host function ${name} failed: ${message}` };
    }
    if (result === TIMED_OUT) {
      return { ok: false, message: `host function ${name} did not answer within ${Math.round(timeMs)} ms` };
    }
    const out = toJson(result);
    if ('reason' in out) return { ok: false, message: `host function ${name} returned ${out.reason}, not JSON` };
    if (Buffer.byteLength(out.json) > maxBytes) {
      return { ok: false, message: `host function ${name} returned more than ${maxBytes} bytes (limits.functionBytes)` };
    }
    return { ok: true, json: out.json };
  } finally {
    clearTimeout(timer);
    runEnded.removeEventListener('abort', stop);
  }
}
