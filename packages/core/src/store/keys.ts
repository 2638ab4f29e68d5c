import { StoreError } from './errors.js';
import { MAX_KEY_LENGTH, MAX_NAMESPACE_SEGMENT_LENGTH } from '../defaults.js';

/**
 * Physical key layout. A namespace path `['a', 'b']` becomes the prefix `a/b/`, each
 * segment URI-encoded (so it never holds `/` or `:`); data keys follow as `k:<key>`, the
 * namespace's index as `i:`. Parsing left to right is unambiguous, so no two logical
 * keys of different namespaces share a physical key.
 */
export function namespacePrefix(path: readonly string[]): string {
  return path.map((segment) => `${encodeURIComponent(segment)}/`).join('');
}

/** The physical key of a data key inside a namespace prefix. */
export function dataKey(prefix: string, key: string): string {
  return `${prefix}k:${key}`;
}

/** The physical key of a namespace's key index. */
export function indexKey(prefix: string): string {
  return `${prefix}i:`;
}

/** Throws `STORE_KEY_INVALID` unless `key` is a non-empty string within the length limit. */
export function assertKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || key.length === 0) {
    throw new StoreError('STORE_KEY_INVALID', 'Store keys must be non-empty strings; pass a string key.');
  }
  if (key.length > MAX_KEY_LENGTH) {
    throw new StoreError('STORE_KEY_INVALID', `Store key is ${key.length} characters long; the limit is ${MAX_KEY_LENGTH}. Hash or shorten the key.`);
  }
}

/** Throws `STORE_KEY_INVALID` unless `name` is a usable namespace segment. */
export function assertNamespace(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.length === 0) {
    throw new StoreError('STORE_KEY_INVALID', 'Namespace names must be non-empty strings.');
  }
  if (name.length > MAX_NAMESPACE_SEGMENT_LENGTH) {
    throw new StoreError('STORE_KEY_INVALID', `Namespace name is ${name.length} characters long; the limit is ${MAX_NAMESPACE_SEGMENT_LENGTH}.`);
  }
}

/** Insert `key` into the sorted array `keys` in place; returns false when already present. */
export function sortedInsert(keys: string[], key: string): boolean {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  if (keys[lo] === key) return false;
  keys.splice(lo, 0, key);
  return true;
}
