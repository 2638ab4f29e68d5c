/**
 * The worker side of `ctx.functions`: the QuickJS function the trusted glue calls with
 * `(name, argsJson)`. It checks every call (offered name, `limits.functionCalls`,
 * `limits.functionBytes`, plain JSON), counts it, waits for a concurrency slot, hands the scrubbed
 * arguments to the main thread and settles the guest's promise with the scrubbed JSON result — or
 * rejects it with a scrubbed message. Refusals are recorded so a failed run reports
 * `CAPABILITY_DENIED`.
 */
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';
import { CapabilityDenied } from '../host/policy.js';
import { parseGuestJson } from '../json-boundary.js';
import type { JSONValue } from '../types.js';
import type { RunJob } from '../worker/protocol.js';
import type { RunState } from '../worker/host-state.js';
import type { Settleable } from '../worker/settler.js';

/** The outcome of a host call as the main thread reports it. */
export interface HostCallOutcome {
  ok: boolean;
  json?: string;
  message?: string;
}

/** Sends one checked call to the main thread. */
export type CallHost = (name: string, args: JSONValue) => Promise<HostCallOutcome>;

/** What the bridge needs from the engine's run. */
export interface BridgeDeps {
  context: QuickJSContext;
  job: RunJob;
  state: RunState;
  callHost: CallHost;
  /** Creates a pending guest promise's settler from its resolving functions, owned and tracked by the run (the job loop waits while any is pending). */
  defer: (ok: QuickJSHandle, bad: QuickJSHandle) => Settleable;
  /** Reads a guest string of at most `max` characters, or `undefined` (never copying a longer one). */
  guestString: (h: QuickJSHandle, max: number) => string | undefined;
  /** Settles a deferred with a string (ok) or an Error (not ok), unless the run already ended. */
  settle: (deferred: Settleable, ok: boolean, text: string) => void;
  /** Called on every call: the run now involves the host, so its deadline must wake it. */
  armDeadline: () => void;
}

/** Creates the `hostCall(name, argsJson, resolve, reject)` function the glue receives. */
export function createHostCall(deps: BridgeDeps): QuickJSHandle {
  const { context, job, state } = deps;
  const offered = new Set(job.functions ?? []);
  const limits = job.limits;

  /** The synchronous checks: the parsed, scrubbed arguments, or a refusal. */
  const check = (name: string | undefined, argsJson: string | undefined): JSONValue => {
    if (++state.functionCalls > limits.functionCalls) {
      throw new CapabilityDenied(`host function call denied: more than ${limits.functionCalls} calls in one run (limits.functionCalls)`);
    }
    if (name === undefined || !offered.has(name))
      throw new CapabilityDenied(`host function call denied: ${JSON.stringify(name ?? '?')} is not offered to this run`);
    if (argsJson === undefined || Buffer.byteLength(argsJson) > limits.functionBytes) {
      throw new CapabilityDenied(`host function call denied: the arguments of ${name} exceed ${limits.functionBytes} bytes (limits.functionBytes)`);
    }
    const args = parseGuestJson(argsJson, state.scrubber);
    if (!args.ok) throw new CapabilityDenied(`host function call denied: the arguments of ${name} are not JSON within limits`);
    return args.value;
  };

  const perform = async (name: string, args: JSONValue): Promise<string> => {
    if (!state.functionSlots.tryAcquire()) await state.functionSlots.acquire();
    try {
      const outcome = await deps.callHost(name, args);
      if (!outcome.ok || outcome.json === undefined) throw new Error(outcome.message ?? `host function ${name} failed`);
      const result = parseGuestJson(outcome.json, state.scrubber);
      if (!result.ok) throw new Error(`host function ${name} returned a value that cannot cross the boundary`);
      return JSON.stringify(result.value);
    } finally {
      state.functionSlots.release();
    }
  };

  const fail = (deferred: Settleable, error: unknown) => {
    let message = error instanceof Error ? error.message : 'host function call failed';
    if (error instanceof CapabilityDenied) state.denied ??= message;
    message = state.scrubber.scrub(message);
    deps.settle(deferred, false, message.length > 1_000 ? `${message.slice(0, 1_000)}…` : message);
  };

  return context.newFunction('call', (nameHandle, argsHandle, okHandle, badHandle) => {
    deps.armDeadline();
    const deferred = deps.defer(okHandle, badHandle);
    const name = deps.guestString(nameHandle, 64);
    let args: JSONValue;
    try {
      args = check(name, deps.guestString(argsHandle, limits.functionBytes));
    } catch (error) {
      fail(deferred, error); // refused at once: flooding costs the host no round trip
      return;
    }
    perform(name!, args).then(
      (text) => deps.settle(deferred, true, text),
      (error: unknown) => fail(deferred, error),
    );
  });
}
