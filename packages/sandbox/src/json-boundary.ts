/**
 * The JSON-only boundary: values cross into and out of the guest as JSON text, validated on the
 * host without recursion on the host's native stack.
 */
import { SandboxUsageError } from './errors.js';
import { MAX_INPUT_BYTES, MAX_VALUE_DEPTH } from './limits.js';
import type { Scrubber } from '@graft/providers/scrub';
import type { JSONValue } from './types.js';

/** Keys dropped from every object that comes out of the guest. */
const DROPPED_KEYS = new Set(['__proto__', 'constructor']);

type Frame = { depth: number; value: unknown };

/** Checks, iteratively, that `value` is plain JSON no deeper than {@link MAX_VALUE_DEPTH}. */
function assertPlainJson(value: unknown): void {
  const stack: Frame[] = [{ depth: 0, value }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const { depth, value: v } = stack.pop()!;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new SandboxUsageError('INVALID_INPUT', 'Run input contains a non-finite number; pass plain JSON.');
      continue;
    }
    if (typeof v !== 'object') throw new SandboxUsageError('INVALID_INPUT', `Run input contains a ${typeof v}; pass plain JSON.`);
    if (depth >= MAX_VALUE_DEPTH) {
      throw new SandboxUsageError('INVALID_INPUT', `Run input is nested deeper than ${MAX_VALUE_DEPTH} levels; flatten it.`);
    }
    if (seen.has(v)) throw new SandboxUsageError('INVALID_INPUT', 'Run input contains a cycle or shared reference; pass a JSON tree.');
    seen.add(v);
    const proto = Object.getPrototypeOf(v);
    if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) {
      throw new SandboxUsageError('INVALID_INPUT', 'Run input contains a non-plain object; pass plain JSON.');
    }
    for (const child of Object.values(v)) stack.push({ depth: depth + 1, value: child });
  }
}

/**
 * Serializes the caller's input for the guest: `undefined` stays `undefined`; anything else must
 * be plain JSON, no deeper than `MAX_VALUE_DEPTH` and no larger than `MAX_INPUT_BYTES`.
 * @throws SandboxUsageError `INVALID_INPUT`
 */
export function serializeInput(input: JSONValue | undefined): string | undefined {
  if (input === undefined) return undefined;
  assertPlainJson(input);
  const text = JSON.stringify(input);
  if (Buffer.byteLength(text) > MAX_INPUT_BYTES) {
    throw new SandboxUsageError('INVALID_INPUT', `Run input exceeds ${MAX_INPUT_BYTES} bytes serialized; pass less data.`);
  }
  return text;
}

/** Outcome of {@link parseGuestJson}. */
export type GuestJsonResult = { ok: true; value: JSONValue } | { ok: false; message: string };

/**
 * Parses JSON text produced by the guest and rebuilds it iteratively: strings (and keys) are
 * scrubbed, `__proto__` / `constructor` keys dropped, nesting deeper than `MAX_VALUE_DEPTH`
 * refused. Never recurses on the host stack.
 */
export function parseGuestJson(text: string, scrubber: Scrubber): GuestJsonResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, message: 'The result is not valid JSON.' };
  }
  return rebuildGuestValue(parsed, scrubber);
}

/** Rebuilds an already-parsed guest value (see {@link parseGuestJson}). */
export function rebuildGuestValue(parsed: unknown, scrubber: Scrubber): GuestJsonResult {
  const root: { value: JSONValue } = { value: null };
  const stack: Array<{ depth: number; value: unknown; assign: (v: JSONValue) => void }> = [{ depth: 0, value: parsed, assign: (v) => (root.value = v) }];
  while (stack.length > 0) {
    const { depth, value, assign } = stack.pop()!;
    if (value === null || typeof value === 'boolean' || typeof value === 'number') {
      assign(value as JSONValue);
      continue;
    }
    if (typeof value === 'string') {
      assign(scrubber.scrub(value));
      continue;
    }
    if (typeof value !== 'object') {
      assign(null);
      continue;
    }
    if (depth >= MAX_VALUE_DEPTH) {
      return { ok: false, message: `The result is nested deeper than ${MAX_VALUE_DEPTH} levels.` };
    }
    if (Array.isArray(value)) {
      const out: JSONValue[] = new Array(value.length).fill(null);
      assign(out);
      value.forEach((item, i) => stack.push({ depth: depth + 1, value: item, assign: (v) => (out[i] = v) }));
      continue;
    }
    const out: Record<string, JSONValue> = {};
    assign(out);
    for (const key of Object.keys(value)) {
      if (DROPPED_KEYS.has(key)) continue;
      const cleanKey = scrubber.scrub(key);
      if (DROPPED_KEYS.has(cleanKey)) continue;
      const child = (value as Record<string, unknown>)[key];
      // Reserve the key now so the output keeps the guest's key order (children fill in later).
      Object.defineProperty(out, cleanKey, { value: null, enumerable: true, writable: true, configurable: true });
      stack.push({
        depth: depth + 1,
        value: child,
        assign: (v) => Object.defineProperty(out, cleanKey, { value: v, enumerable: true, writable: true, configurable: true }),
      });
    }
  }
  return { ok: true, value: root.value };
}
