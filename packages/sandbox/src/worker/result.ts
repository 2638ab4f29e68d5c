/**
 * The run phase that turns the entry's settled value into host JSON. Fast path: the small
 * serializer compiled with the context (see `FAST_SERIALIZE_SOURCE`), then the host's checks (size
 * before the string is copied, plain JSON within `MAX_VALUE_DEPTH`, scrubbed). A value it throws
 * on (too deep, a BigInt, a cycle, guest code that threw) goes to the tagged serializer (see
 * `SERIALIZE_SOURCE`), compiled only then, whose verdict is the run's: every failure is classified
 * as before, and a plain result never pays for compiling the classifier.
 */
import type { QuickJSHandle } from 'quickjs-emscripten-core';
import { parseGuestJson } from '../json-boundary.js';
import { MAX_VALUE_DEPTH } from '../limits.js';
import type { JSONValue } from '../types.js';
import { BOOTSTRAP_FILENAME, SERIALIZE_SOURCE } from './bootstrap-source.js';
import { describeHandle, readTagged } from './guest-values.js';
import { RunFailure, type Run } from './run.js';
import type { WarmContext } from './warm.js';

/** The fast serializer's JSON text, or `undefined` when it threw (the tagged serializer decides then). */
function fastText(run: Run, serialize: QuickJSHandle, value: QuickJSHandle): QuickJSHandle | undefined {
  const context = run.context;
  const out = context.callFunction(serialize, context.undefined, value);
  if (out.error) {
    out.error.dispose();
    return undefined;
  }
  return run.own(out.value);
}

/** Checks serialized JSON text against the output cap and rebuilds it on the host, scrubbed. */
function rebuild(run: Run, text: string): JSONValue {
  const { outputBytes } = run.job.limits;
  if (Buffer.byteLength(text) > outputBytes) throw new RunFailure({ kind: 'output', message: `the result exceeds ${outputBytes} bytes` });
  const rebuilt = parseGuestJson(text, run.state.scrubber);
  if (!rebuilt.ok) throw new RunFailure({ kind: 'output', message: rebuilt.message });
  return rebuilt.value;
}

/** Compiles the tagged serializer for this run and returns `serialize(value)`'s handle. */
function slowSerializer(run: Run, intrinsics: QuickJSHandle): QuickJSHandle {
  const context = run.context;
  const compiled = context.evalCode(SERIALIZE_SOURCE, BOOTSTRAP_FILENAME, { type: 'global' });
  if (compiled.error) {
    run.own(compiled.error);
    throw new RunFailure({ kind: 'output', message: describeHandle(context, compiled.error).message });
  }
  const factory = run.own(compiled.value);
  const depth = run.own(context.newNumber(MAX_VALUE_DEPTH));
  const bytes = run.own(context.newNumber(run.job.limits.outputBytes));
  const made = context.callFunction(factory, context.undefined, intrinsics, depth, bytes);
  if (made.error) {
    run.own(made.error);
    throw new RunFailure({ kind: 'output', message: describeHandle(context, made.error).message });
  }
  return run.own(made.value);
}

/** Serializes with the tagged serializer and maps its tag to the value or a failure. */
function slowPath(run: Run, intrinsics: QuickJSHandle, value: QuickJSHandle): JSONValue {
  const context = run.context;
  const { outputBytes } = run.job.limits;
  const serialized = context.callFunction(slowSerializer(run, intrinsics), context.undefined, value);
  if (serialized.error) {
    run.own(serialized.error);
    throw new RunFailure({ kind: 'output', message: describeHandle(context, serialized.error).message });
  }
  const tagged = readTagged(context, run.own(serialized.value), outputBytes);
  if (tagged.tag === 'too-large') throw new RunFailure({ kind: 'output', message: `the result exceeds ${outputBytes} bytes` });
  if (tagged.tag === 'invalid') throw new RunFailure({ kind: 'output', message: 'the result could not be serialized' });
  if (tagged.tag === 'O') throw new RunFailure({ kind: 'output', message: tagged.body });
  if (tagged.tag === 'N' || tagged.tag === 'C') throw new RunFailure({ kind: tagged.tag === 'N' ? 'not-json' : 'cyclic', message: tagged.body });
  if (tagged.tag === 'G') throw new RunFailure({ kind: 'guest', phase: 'call', name: 'Error', message: `reading the result threw: ${tagged.body}` });
  return rebuild(run, tagged.body);
}

/** The entry's result as host JSON (checked, scrubbed), or a `RunFailure` saying why it cannot cross. */
export function extractResult(run: Run, prepared: Pick<WarmContext, 'serialize' | 'intrinsics'>, value: QuickJSHandle): JSONValue {
  const text = fastText(run, prepared.serialize, value);
  if (text === undefined) return slowPath(run, prepared.intrinsics, value);
  const { outputBytes } = run.job.limits;
  const body = run.guestString(text, outputBytes);
  if (body === undefined) {
    // Not copied: longer than the cap in characters (the fast serializer only returns strings).
    throw new RunFailure({ kind: 'output', message: `the result exceeds ${outputBytes} bytes` });
  }
  return rebuild(run, body);
}
