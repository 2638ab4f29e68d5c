/**
 * Checks the caller's `capabilities.functions` before a run: identifier names, functions only,
 * at most `MAX_HOST_FUNCTIONS`.
 */
import { SandboxUsageError } from '../errors.js';
import { MAX_HOST_FUNCTIONS } from '../limits.js';
import type { HostFunction } from '../types.js';

const NAME = /^[A-Za-z_$][\w$]{0,63}$/;
const RESERVED = new Set(['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty']);

/**
 * Validates `functions` and returns its names.
 * @throws SandboxUsageError `INVALID_OPTIONS`
 */
export function checkHostFunctions(functions: unknown): { names: string[]; table: Record<string, HostFunction> } {
  if (functions === null || typeof functions !== 'object' || Array.isArray(functions)) {
    throw new SandboxUsageError('INVALID_OPTIONS', 'capabilities.functions must be an object of named functions.');
  }
  const names = Object.keys(functions);
  if (names.length > MAX_HOST_FUNCTIONS) {
    throw new SandboxUsageError('INVALID_OPTIONS', `capabilities.functions offers ${names.length} functions; at most ${MAX_HOST_FUNCTIONS} are allowed.`);
  }
  const table: Record<string, HostFunction> = Object.create(null) as Record<string, HostFunction>;
  for (const name of names) {
    const fn = (functions as Record<string, unknown>)[name];
    if (!NAME.test(name) || RESERVED.has(name)) {
      throw new SandboxUsageError('INVALID_OPTIONS', `capabilities.functions names must be identifiers such as 'getWeather' (got ${JSON.stringify(name)}).`);
    }
    if (typeof fn !== 'function') throw new SandboxUsageError('INVALID_OPTIONS', `capabilities.functions.${name} must be a function.`);
    table[name] = fn as HostFunction;
  }
  return { names, table };
}
