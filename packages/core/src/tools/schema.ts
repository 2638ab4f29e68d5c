/**
 * Zod schema support for tools: accepts zod 4 schemas (`import { z } from 'zod'`) and
 * zod 3 schemas (`import { z } from 'zod/v3'`), detects which, turns them into JSON Schema
 * for the model, and validates the model's arguments into issues that name the bad field.
 * zod is a peer dependency (`^3.25.0 || ^4.0.0`): this package imports its `zod/v4` and
 * `zod/v3` entries, which both lines ship.
 */
import { toJSONSchema, type ZodType as Zod4Type, type output as Zod4Output } from 'zod/v4';
import type { ZodTypeAny as Zod3Type, output as Zod3Output } from 'zod/v3';
import { createRequire } from 'node:module';
import type { JSONSchema } from '@graft/providers';

type ZodToJsonSchema = typeof import('zod-to-json-schema').zodToJsonSchema;
let zodToJsonSchema: ZodToJsonSchema | undefined;
/**
 * `zod-to-json-schema`, loaded on the first zod 3 schema: it loads `zod/v3`, which costs a
 * noticeable share of `@graft/core`'s import time that zod 4 users never need.
 */
function zod3ToJsonSchema(): ZodToJsonSchema {
  return (zodToJsonSchema ??= (createRequire(import.meta.url)('zod-to-json-schema') as { zodToJsonSchema: ZodToJsonSchema }).zodToJsonSchema);
}

/** A zod 4 or zod 3 schema. */
export type AnyZodSchema = Zod4Type | Zod3Type;

/** The parsed (output) type of a zod 4 or zod 3 schema. */
export type InferZod<S> = S extends Zod4Type ? Zod4Output<S> : S extends Zod3Type ? Zod3Output<S> : never;

/** Whether `schema` is a zod 4 schema (zod 4 schemas carry `_zod`). */
export function isZod4Schema(schema: unknown): schema is Zod4Type {
  return typeof schema === 'object' && schema !== null && '_zod' in schema;
}

/** Whether `schema` is a zod 3 schema (has `_def` and `safeParse`, but no `_zod`). */
export function isZod3Schema(schema: unknown): schema is Zod3Type {
  return (
    typeof schema === 'object' &&
    schema !== null &&
    !('_zod' in schema) &&
    '_def' in schema &&
    typeof (schema as { safeParse?: unknown }).safeParse === 'function'
  );
}

/** JSON Schema (input side) of a zod 4 or zod 3 schema, without the `$schema` key. */
export function zodToToolJsonSchema(schema: AnyZodSchema): JSONSchema {
  const json = isZod4Schema(schema)
    ? (toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JSONSchema)
    : (zod3ToJsonSchema()(schema as never, { $refStrategy: 'none' }) as JSONSchema);
  const { $schema: _ignored, ...rest } = json;
  return rest;
}

interface LooseIssue {
  path?: ReadonlyArray<PropertyKey>;
  message: string;
}

/** Render validation issues as `field.path: message` lines (never including the values). */
export function formatIssues(issues: readonly LooseIssue[]): string[] {
  return issues.map((issue) => {
    const path = (issue.path ?? []).map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.');
    return `${path === '' ? '(root)' : path.replace(/\.\[/g, '[')}: ${issue.message}`;
  });
}

/** Validate `value` against a zod 4 or zod 3 schema. */
export function safeParseZod<T>(schema: AnyZodSchema, value: unknown): { ok: true; value: T } | { ok: false; issues: string[] } {
  const result = (schema as { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: LooseIssue[] } } }).safeParse(value);
  if (result.success) return { ok: true, value: result.data as T };
  return { ok: false, issues: formatIssues(result.error?.issues ?? [{ message: 'invalid value' }]) };
}
