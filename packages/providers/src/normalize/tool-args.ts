/**
 * Parses tool-call arguments as servers send them and mints ids for calls that have none.
 * @module
 */

/** Parsed arguments of one tool call. */
export interface ParsedArgs {
  args: Record<string, unknown>;
  rawArgs: string;
  argsError?: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses raw arguments: `""`, missing or `null` give `{}`; an object is taken as is; a JSON
 * string is parsed (twice when a server double-encoded it). Anything that is not a JSON
 * object gives `{}` with `argsError` saying why, so the model can be told.
 */
export function parseToolArgs(raw: unknown): ParsedArgs {
  if (raw === undefined || raw === null) return { args: {}, rawArgs: '' };
  if (isPlainObject(raw)) return { args: raw, rawArgs: JSON.stringify(raw) };
  const rawArgs = typeof raw === 'string' ? raw : JSON.stringify(raw);
  if (rawArgs.trim() === '') return { args: {}, rawArgs };
  let value: unknown;
  try {
    value = JSON.parse(rawArgs);
    if (typeof value === 'string' && /^\s*\{/.test(value)) value = JSON.parse(value);
  } catch (error) {
    return { args: {}, rawArgs, argsError: `Tool arguments are not valid JSON: ${(error as Error).message}` };
  }
  if (value === null) return { args: {}, rawArgs };
  if (!isPlainObject(value)) {
    return { args: {}, rawArgs, argsError: `Tool arguments must be a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}` };
  }
  return { args: value, rawArgs };
}

/** A fresh tool-call id for calls the server sent without one. */
export function newToolCallId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(12));
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return `call_${hex}`;
}
