/**
 * Expectation matching of the in-sandbox test harness.
 */
import type { Expectation, JSONValue } from '../types.js';

const isObject = (v: unknown): v is Record<string, JSONValue> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True when `e` is the `{ match: value }` form (an object whose only key is `match`). */
export function isMatchExpectation(e: Expectation): e is { match: JSONValue } {
  return isObject(e) && Object.keys(e).length === 1 && Object.prototype.hasOwnProperty.call(e, 'match');
}

/** Iterative comparison of two JSON values; `subset` makes objects match on the expected keys only. */
function compare(actual: unknown, expected: unknown, subset: boolean): boolean {
  const stack: Array<[unknown, unknown]> = [[actual, expected]];
  while (stack.length > 0) {
    const [a, e] = stack.pop()!;
    if (e === null || typeof e !== 'object') {
      if (!Object.is(a, e) && !(a === 0 && e === 0)) return false;
      continue;
    }
    if (Array.isArray(e)) {
      if (!Array.isArray(a) || a.length !== e.length) return false;
      for (let i = 0; i < e.length; i++) stack.push([a[i], e[i]]);
      continue;
    }
    if (!isObject(a)) return false;
    const ek = Object.keys(e);
    if (!subset && Object.keys(a).length !== ek.length) return false;
    for (const k of ek) {
      if (!Object.prototype.hasOwnProperty.call(a, k)) return false;
      stack.push([a[k], (e as Record<string, unknown>)[k]]);
    }
  }
  return true;
}

/**
 * Compares a run's value with a test case's expectation: deep equality for a plain JSON value;
 * for `{ match: value }` a recursive subset match (objects: the listed keys must match;
 * arrays: same length and element-wise match; primitives: equal).
 */
export function matchesExpectation(actual: JSONValue | undefined, expected: Expectation): boolean {
  if (isMatchExpectation(expected)) return compare(actual, expected.match, true);
  return compare(actual, expected, false);
}
