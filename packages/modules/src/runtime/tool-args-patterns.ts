/**
 * Regular expressions in a module's input schema (`pattern`, `patternProperties`, and so
 * `propertyNames: { pattern }`) are guest code: a catastrophic one (`^(a+)+$`) on arguments the
 * model chooses would freeze the host's event loop. They never run on the host. Instead:
 *
 * 1. the host collects the schema's patterns and every string of the arguments (values and keys);
 * 2. a sandbox run, under its deadline, tests each pattern against each string (a timeout is a
 *    typed error for the model, and the host stays responsive);
 * 3. the host validates with a copy of the schema whose patterns are replaced by anchored
 *    alternations of the exact strings that matched: same verdict, linear time.
 */
import { MAX_PATTERN_TESTS, PATTERN_CHECK_TIME_MS } from '../limits.js';
import type { Sandbox } from '@graft/sandbox';

/** Tests each pattern against each string; `null` for a pattern the engine cannot compile. */
export type PatternOracle = (patterns: string[], strings: string[], signal?: AbortSignal) => Promise<Array<boolean[] | null>>;

/** Why patterns could not be evaluated (becomes `MODULE_TOOL_INPUT_INVALID` for the model). */
export class PatternCheckFailed extends Error {}

/** Keywords whose value is a map of name to subschema (the names are not keywords). */
const SCHEMA_MAPS = new Set(['properties', '$defs', 'definitions', 'dependentSchemas', 'dependencies', 'patternProperties']);

type Json = unknown;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Rebuilds `schema`, mapping every pattern (a `pattern` string or a `patternProperties` key)
 * through `map`. Every object of the tree is visited, data keywords (`enum`, `examples`, …)
 * included: a `$ref` may point anywhere in the document, so a pattern hidden in data could still
 * be applied by the validator. (A `pattern` string inside enum data is rewritten too; such an
 * enum then fails closed.)
 */
function mapPatterns(schema: Json, map: (pattern: string) => string): Json {
  if (Array.isArray(schema)) return schema.map((s) => mapPatterns(s, map));
  if (!isObject(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'pattern' && typeof value === 'string') out[key] = map(value);
    else if (SCHEMA_MAPS.has(key) && isObject(value)) {
      const inner: Record<string, unknown> = {};
      for (const [name, sub] of Object.entries(value)) inner[key === 'patternProperties' ? map(name) : name] = mapPatterns(sub, map);
      out[key] = inner;
    } else out[key] = mapPatterns(value, map);
  }
  return out;
}

/** Every distinct pattern of `schema`. */
export function schemaPatterns(schema: Json): string[] {
  const found = new Set<string>();
  mapPatterns(schema, (p) => {
    found.add(p);
    return p;
  });
  return [...found];
}

/** Every string of a JSON value: string values and object keys. */
function stringsOf(value: Json, into: Set<string>): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, into);
  else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      stringsOf(v, into);
    }
  }
  return into;
}

/** Escapes `text` as a literal in a `u`-flag regular expression. */
const literal = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/** A schema rewritten for one set of arguments, and how to show its errors with the original patterns. */
export interface ArgsSchema {
  schema: Json;
  /** Puts the schema's own patterns back into a validator message about the rewritten schema. */
  restore(text: string): string;
}

/**
 * A copy of `schema` that gives the same verdict on `args` as the original, with every pattern
 * replaced by `^(?:s1|s2|…)$` over the strings of `args` it matched (evaluated by `oracle`).
 * @throws {PatternCheckFailed} when the patterns cannot be evaluated in time or at all.
 */
export async function schemaForArgs(schema: Json, args: Json, oracle: PatternOracle, signal?: AbortSignal): Promise<ArgsSchema> {
  const patterns = schemaPatterns(schema);
  if (patterns.length === 0) return { schema, restore: (text) => text };
  const strings = [...stringsOf(args, new Set())];
  if (patterns.length * strings.length > MAX_PATTERN_TESTS) {
    throw new PatternCheckFailed(
      `the arguments hold too many strings to check against the schema's patterns (at most ${MAX_PATTERN_TESTS} tests); send fewer values`,
    );
  }
  const table = await oracle(patterns, strings, signal);
  const safe = new Map<string, string>();
  const back = new Map<string, string>();
  patterns.forEach((pattern, i) => {
    const row = table[i];
    if (!row) throw new PatternCheckFailed(`the schema pattern ${JSON.stringify(pattern.slice(0, 80))} is not a valid regular expression`);
    const matched = strings.filter((_, j) => row[j]).map(literal);
    // the index keeps two patterns with the same matches distinct (patternProperties keys)
    const stand = `${matched.length ? `^(?:${matched.join('|')})$` : '(?!)'}|(?!)${i}`;
    safe.set(pattern, stand);
    back.set(stand, pattern);
  });
  return {
    schema: mapPatterns(schema, (p) => safe.get(p) ?? '(?!)'),
    restore: (text) => {
      let out = text;
      for (const [stand, pattern] of back) out = out.split(stand).join(pattern);
      return out;
    },
  };
}

/** The guest program of {@link sandboxPatternOracle}: no capabilities, only `RegExp`. */
const ORACLE_SOURCE = `export default ({ patterns, strings }) => patterns.map((p) => {
  let re;
  try { re = new RegExp(p, 'u'); } catch { return null; }
  let bits = '';
  for (const s of strings) bits += re.test(s) ? '1' : '0';
  return bits;
});`;

/** A {@link PatternOracle} that runs the patterns inside `sandbox`, under `PATTERN_CHECK_TIME_MS`. */
export function sandboxPatternOracle(sandbox: () => Promise<Sandbox>): PatternOracle {
  return async (patterns, strings, signal) => {
    const sb = await sandbox();
    const r = await sb.run(ORACLE_SOURCE, {
      input: { patterns, strings },
      limits: { timeMs: PATTERN_CHECK_TIME_MS },
      ...(signal ? { signal } : {}),
    });
    if (!r.ok) {
      if (r.error.code === 'TIMEOUT') {
        throw new PatternCheckFailed(
          `checking the arguments against the schema's patterns took longer than ${PATTERN_CHECK_TIME_MS} ms (a pattern backtracks catastrophically on this input); send a different value`,
        );
      }
      throw new PatternCheckFailed(`the schema's patterns could not be checked (${r.error.code})`);
    }
    const rows = r.value as Array<string | null>;
    return rows.map((bits) => (typeof bits === 'string' ? [...bits].map((b) => b === '1') : null));
  };
}
