/**
 * Standard Schema support (`@standard-schema/spec`): any validator that implements
 * `~standard.validate` (zod 3.24+ and 4, valibot, arktype, …) can describe a tool's arguments
 * or a run's structured output. JSON Schema for the model comes from, in order: an explicit
 * `jsonSchema`, zod's own converter, the schema's Standard JSON Schema (`~standard.jsonSchema`),
 * or a `toJSONSchema()`/`toJsonSchema()` method of the schema.
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { JSONSchema } from '@graft/providers';
import { formatIssues, isZod3Schema, isZod4Schema, safeParseZod, zodToToolJsonSchema, type AnyZodSchema, type InferZod } from './schema.js';

/** A schema Graft accepts for tool arguments and structured output: zod 4, zod 3, or any Standard Schema. */
export type AnySchema = AnyZodSchema | StandardSchemaV1;

/** The parsed (output) type of a zod or Standard Schema. */
export type InferSchema<S> = S extends AnyZodSchema ? InferZod<S> : S extends StandardSchemaV1 ? StandardSchemaV1.InferOutput<S> : never;

/** JSON Schema draft asked of Standard JSON Schema converters (the one OpenAI-compatible servers read). */
export const STANDARD_JSON_SCHEMA_TARGET = 'draft-07';

/** Whether `schema` implements Standard Schema (`~standard.validate`). */
export function isStandardSchema(schema: unknown): schema is StandardSchemaV1 {
  if ((typeof schema !== 'object' && typeof schema !== 'function') || schema === null) return false;
  const std = (schema as { '~standard'?: { validate?: unknown } })['~standard'];
  return typeof std === 'object' && std !== null && typeof std.validate === 'function';
}

/** Whether `schema` is something `defineTool` / `output` accept (zod 4, zod 3 or Standard Schema). */
export function isSupportedSchema(schema: unknown): schema is AnySchema {
  return isZod4Schema(schema) || isZod3Schema(schema) || isStandardSchema(schema);
}

function strip(json: Record<string, unknown>): JSONSchema {
  const { $schema: _ignored, ...rest } = json;
  return rest;
}

/**
 * The JSON Schema (input side) of a schema, or `undefined` when it has no converter Graft
 * knows (then pass an explicit `jsonSchema`). Throws whatever the schema's converter throws.
 */
export function schemaToJsonSchema(schema: AnySchema): JSONSchema | undefined {
  if (isZod4Schema(schema) || isZod3Schema(schema)) return zodToToolJsonSchema(schema);
  const std = (schema as { '~standard'?: { jsonSchema?: { input?: (o: { target: string }) => Record<string, unknown> } } })['~standard'];
  if (typeof std?.jsonSchema?.input === 'function') return strip(std.jsonSchema.input({ target: STANDARD_JSON_SCHEMA_TARGET }));
  const own = schema as { toJSONSchema?: () => unknown; toJsonSchema?: () => unknown };
  const made = typeof own.toJSONSchema === 'function' ? own.toJSONSchema() : typeof own.toJsonSchema === 'function' ? own.toJsonSchema() : undefined;
  return made && typeof made === 'object' ? strip(made as Record<string, unknown>) : undefined;
}

/** A validation result: the typed value, or issues that name the bad fields (never the values). */
export type SchemaResult<T> = { ok: true; value: T } | { ok: false; issues: string[] };

function fromStandard<T>(result: StandardSchemaV1.Result<unknown>): SchemaResult<T> {
  if (!result.issues) return { ok: true, value: result.value as T };
  return {
    ok: false,
    issues: formatIssues(
      result.issues.map((i) => ({
        message: i.message,
        path: (i.path ?? []).map((p) => (typeof p === 'object' && p !== null ? (p as StandardSchemaV1.PathSegment).key : p)),
      })),
    ),
  };
}

/** Issue reported for a schema whose validation is asynchronous where Graft needs a synchronous answer. */
export const ASYNC_SCHEMA_ISSUE = '(root): this schema validates asynchronously; tool argument schemas must validate synchronously';

/** Validate synchronously (tool arguments): zod through `safeParse`, others through `~standard.validate`. */
export function validateSync<T>(schema: AnySchema, value: unknown): SchemaResult<T> {
  if (isZod4Schema(schema) || isZod3Schema(schema)) return safeParseZod<T>(schema, value);
  const result = (schema as StandardSchemaV1)['~standard'].validate(value);
  if (result instanceof Promise) {
    result.catch(() => undefined);
    return { ok: false, issues: [ASYNC_SCHEMA_ISSUE] };
  }
  return fromStandard<T>(result);
}

/** Validate, awaiting asynchronous Standard Schemas (structured output). */
export async function validateAsync<T>(schema: AnySchema, value: unknown): Promise<SchemaResult<T>> {
  if (isZod4Schema(schema) || isZod3Schema(schema)) return safeParseZod<T>(schema, value);
  return fromStandard<T>(await (schema as StandardSchemaV1)['~standard'].validate(value));
}
