/**
 * The module bundle's identity: a canonical JSON encoding and its sha256, which approvals bind to.
 */
import { createHash } from 'node:crypto';
import { ModuleError } from '../errors.js';
import { MAX_CODE_BYTES, MAX_TESTS_BYTES } from '../limits.js';
import type { ModuleBundle } from '../types.js';

/**
 * JSON with object keys sorted at every depth and `undefined` members dropped, so the same
 * value always encodes to the same string whatever order its keys were built in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(obj).sort()) {
    const v = obj[key];
    if (v === undefined || typeof v === 'function') continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(v)}`);
  }
  return `{${parts.join(',')}}`;
}

/** sha256 (hex) of the canonical JSON of exactly `{ manifest, code, tests }`: what an approval binds to. */
export function bundleHash(bundle: ModuleBundle): string {
  const canonical = canonicalJson({ manifest: bundle.manifest, code: bundle.code, tests: bundle.tests });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * Checks the bundle's shape and sizes (not its manifest fields: see `parseManifest`).
 * @throws {ModuleError} `MODULE_INVALID_BUNDLE` or `MODULE_TOO_LARGE`.
 */
export function assertBundleShape(bundle: unknown): asserts bundle is ModuleBundle {
  const b = bundle as Partial<ModuleBundle> | null;
  if (!b || typeof b !== 'object') throw new ModuleError('MODULE_INVALID_BUNDLE', 'A module bundle must be an object { manifest, code, tests }.');
  if (typeof b.code !== 'string' || b.code.trim() === '')
    throw new ModuleError('MODULE_INVALID_BUNDLE', 'The module has no code: bundle.code must be a non-empty string of ES2023 JavaScript exporting `tools`.');
  if (!Array.isArray(b.tests))
    throw new ModuleError('MODULE_INVALID_BUNDLE', 'bundle.tests must be an array of test cases (it may be empty only if validation says so).');
  const codeBytes = Buffer.byteLength(b.code, 'utf8');
  if (codeBytes > MAX_CODE_BYTES)
    throw new ModuleError(
      'MODULE_TOO_LARGE',
      `The module's code is ${codeBytes} bytes; the limit is ${MAX_CODE_BYTES}. Make it smaller (one small file, no embedded data).`,
    );
  const testBytes = Buffer.byteLength(JSON.stringify(b.tests), 'utf8');
  if (testBytes > MAX_TESTS_BYTES)
    throw new ModuleError('MODULE_TOO_LARGE', `The module's tests are ${testBytes} bytes; the limit is ${MAX_TESTS_BYTES}. Use fewer or smaller fixtures.`);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/**
 * A deep, frozen copy of `bundle` (`{ manifest, code, tests }` only), checked for shape and size.
 * Approve, validate and install work on such a snapshot, taken before their first `await`, so
 * a caller editing its object afterwards changes nothing they do.
 * @throws {ModuleError} `MODULE_INVALID_BUNDLE` or `MODULE_TOO_LARGE`.
 */
export function snapshotBundle(bundle: unknown): ModuleBundle {
  assertBundleShape(bundle);
  let copy: ModuleBundle;
  try {
    copy = structuredClone({ manifest: bundle.manifest, code: bundle.code, tests: bundle.tests });
  } catch {
    throw new ModuleError('MODULE_INVALID_BUNDLE', 'A module bundle must be plain JSON data { manifest, code, tests } (no functions, no class instances).');
  }
  return deepFreeze(copy);
}
