/**
 * Runs one host function call on the main thread: the app's function gets the (already checked
 * and scrubbed) JSON arguments and an abort signal; its result must be plain JSON within
 * `limits.functionBytes` and arrive within the call's time bound. Never throws: every outcome is
 * a message for the worker, which scrubs it before the guest sees it.
 */
import { MAX_VALUE_DEPTH } from '../limits.js';
import type { HostFunction, HostFunctionContext } from '../types.js';
import type { CallResultMessage } from '../worker/protocol.js';

type Outcome = Omit<CallResultMessage['callResult'], 'run' | 'call'>;

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
 * Calls `fn(args, { signal })`, bounded by `timeMs`; `signal` (created only when the function reads
 * it) aborts at the bound and when `runEnded` does.
 * @returns the result's JSON text, or a message saying why the call failed.
 */
export function invokeHostFunction(
  name: string,
  fn: HostFunction,
  args: unknown,
  timeMs: number,
  maxBytes: number,
  runEnded: AbortSignal,
): Promise<Outcome> {
  let controller: AbortController | undefined;
  const stop = () => controller?.abort();
  const context: HostFunctionContext = {
    get signal() {
      if (!controller) {
        controller = new AbortController();
        if (runEnded.aborted) controller.abort();
        else runEnded.addEventListener('abort', stop, { once: true });
      }
      return controller.signal;
    },
  };
  return new Promise<Outcome>((resolve) => {
    let settled = false;
    const finish = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (controller) runEnded.removeEventListener('abort', stop);
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      controller?.abort();
      finish({ ok: false, message: `host function ${name} did not answer within ${Math.round(timeMs)} ms` });
    }, Math.max(0, timeMs));
    Promise.resolve()
      .then(() => fn(args as never, context))
      .then(
        (result) => {
          const out = toJson(result);
          if ('reason' in out) return finish({ ok: false, message: `host function ${name} returned ${out.reason}, not JSON` });
          if (out.json.length > maxBytes || Buffer.byteLength(out.json) > maxBytes) {
            return finish({ ok: false, message: `host function ${name} returned more than ${maxBytes} bytes (limits.functionBytes)` });
          }
          finish({ ok: true, json: out.json });
        },
        (error: unknown) => {
          const message = error instanceof Error ? error.message : typeof error === 'string' ? error : 'unknown error';
          finish({ ok: false, message: `host function ${name} failed: ${message}` });
        },
      );
  });
}
