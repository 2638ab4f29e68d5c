/**
 * The run phase that installs the host functions the guest's `ctx` reaches (`ctx.fetch`,
 * `ctx.log`, `ctx.functions`) and calls the trusted glue that builds the frozen `ctx` around them.
 * Every handle made here belongs to the run's scope.
 */
import type { QuickJSHandle } from 'quickjs-emscripten-core';
import { createHostCall, type CallHost } from '../host-functions/guest-bridge.js';
import { performGuestFetch } from '../host/guest-fetch.js';
import { CapabilityDenied, normalizeAllowHosts } from '../host/policy.js';
import { fixtureSender, liveSender, UnmatchedRequest } from '../host/senders.js';
import { MAX_REQUEST_JSON_CHARS } from '../limits.js';
import { glueKey, glueSource } from './bootstrap-source.js';
import type { Run } from './run.js';

const NO_HOST: CallHost = async (name) => ({ ok: false, message: `host function ${name} is not available here` });

/** The guest function behind `ctx.fetch`: checks, counts and performs one fetch per call. */
function hostFetch(run: Run): QuickJSHandle {
  const { job, state } = run;
  const allowed = normalizeAllowHosts(job.fetch?.allowHosts ?? []);
  const send = job.fixtures ? fixtureSender(job.fixtures, job.limits.responseBytes) : liveSender(job.limits.responseBytes, () => state.abort.signal);
  const start = async (requestJson: string | undefined): Promise<string> => {
    if (requestJson === undefined) throw new CapabilityDenied(`fetch denied: the request exceeds ${MAX_REQUEST_JSON_CHARS} characters`);
    if (++state.fetchCount > job.limits.fetchCount) {
      throw new CapabilityDenied(`fetch denied: more than ${job.limits.fetchCount} fetches in one run`);
    }
    await state.acquireSlot();
    try {
      if (run.closed) throw new Error('run ended');
      const response = await performGuestFetch(requestJson, { cap: job.fetch!, allowed, placeholders: state.placeholders, scrubber: state.scrubber, send });
      return JSON.stringify(response);
    } finally {
      state.releaseSlot();
    }
  };
  const failed = (error: unknown): string => {
    let message = 'fetch failed';
    if (error instanceof UnmatchedRequest) {
      state.unmatched ??= state.scrubber.scrub(error.message);
      message = error.message;
    } else if (error instanceof CapabilityDenied) {
      state.denied ??= error.message;
      message = error.message;
    } else if (error instanceof Error && error.name === 'FetchFailed') message = error.message;
    return state.scrubber.scrub(message);
  };
  return run.own(
    run.context.newFunction('fetch', (requestHandle, okHandle, badHandle) => {
      run.armDeadline();
      const deferred = run.defer(okHandle, badHandle);
      start(run.guestString(requestHandle, MAX_REQUEST_JSON_CHARS)).then(
        (text) => run.settle(deferred, true, text),
        (error: unknown) => run.settle(deferred, false, failed(error)),
      );
    }),
  );
}

/** The guest function behind `ctx.log`: reads a bounded line and appends it (scrubbed) to the run's logs. */
function hostLog(run: Run): QuickJSHandle {
  const { job, state } = run;
  return run.own(
    run.context.newFunction('log', (levelHandle, messageHandle) => {
      try {
        const message = run.guestString(messageHandle, job.limits.logBytes);
        state.log(run.guestString(levelHandle) ?? 'info', message ?? `[a log line longer than ${job.limits.logBytes} characters was dropped]`);
      } catch {
        // a log line that cannot be read is dropped
      }
    }),
  );
}

/**
 * Installs the host functions the job's capabilities grant and returns the guest's frozen `ctx`
 * (the glue's value alone when no capability is granted).
 */
export function installHostFunctions(run: Run, glue: { key: string; handle: QuickJSHandle } | undefined): QuickJSHandle {
  const { job, instance } = run;
  const context = run.context;
  const functions = (job.functions?.length ?? 0) > 0;
  const key = glueKey(job.fetch !== undefined, job.log, functions);
  instance.lastGlue = key;
  const setup = glue?.key === key ? glue.handle : run.trusted(glueSource(key));
  if (key === '') return setup;
  const hostCall = functions
    ? run.own(
        createHostCall({
          context,
          job,
          state: run.state,
          callHost: run.control.callHost ?? NO_HOST,
          defer: run.defer,
          guestString: run.guestString,
          settle: run.settle,
          armDeadline: run.armDeadline,
        }),
      )
    : context.undefined;
  // The glue parses the config only for fetch (secret placeholders) and host functions (names).
  const config =
    job.fetch !== undefined || functions
      ? run.own(context.newString(JSON.stringify({ secrets: run.state.placeholderByName, functions: job.functions ?? [] })))
      : context.undefined;
  return run.own(context.unwrapResult(context.callFunction(setup, context.undefined, hostFetch(run), hostLog(run), config, hostCall)));
}
