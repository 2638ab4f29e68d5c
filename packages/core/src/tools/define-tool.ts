/**
 * `defineTool`: a typed tool from zod schemas (zod 4 or zod 3) or any Standard Schema
 * (valibot, arktype, …), with argument validation, optional output validation, approval
 * policy and timeout.
 */
import type { JSONSchema } from '@graft/providers';
import type { Tool, ToolContext } from './types.js';
import { ToolDefinitionError } from '../errors.js';
import { type AnySchema, type InferSchema, isSupportedSchema, schemaToJsonSchema, validateAsync, validateSync } from './standard-schema.js';

/** Tool names the OpenAI-compatible APIs accept. */
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** What `defineTool` takes. */
export interface ToolDefinition<In extends AnySchema, Out extends AnySchema | undefined = undefined, Ctx = unknown> {
  /** Name the model calls the tool by: letters, digits, `_` and `-`, at most 64 characters. */
  name: string;
  /** What the tool does and when to use it (the model reads this). */
  description: string;
  /**
   * Schema of the arguments object: zod 4, zod 3 (`zod/v3`), or any Standard Schema with
   * synchronous validation (valibot, arktype, …).
   */
  input: In;
  /**
   * JSON Schema of the arguments sent to the model. Needed only when `input` can't produce
   * one itself (zod and schemas with `~standard.jsonSchema` or `toJSONSchema()` can; for
   * valibot pass `toJsonSchema(schema)` from `@valibot/to-json-schema`, or wrap the schema
   * with its `toStandardJsonSchema`).
   */
  jsonSchema?: JSONSchema;
  /** Optional schema (zod or Standard Schema) the result must satisfy; a mismatch becomes a tool error. */
  output?: Out;
  /** Ask the user before each call (`true`), never (`false`, default), or decide per call. */
  needsApproval?: boolean | ((args: InferSchema<In>, ctx: { threadId: string }) => boolean | Promise<boolean>);
  /** Per-call timeout in ms (default: the agent's `toolTimeoutMs`). */
  timeoutMs?: number;
  /** Run the tool with validated arguments. Throwing becomes a tool error the model sees. */
  execute(args: InferSchema<In>, ctx: ToolContext<Ctx>): Out extends AnySchema ? Promise<InferSchema<Out>> | InferSchema<Out> : Promise<unknown> | unknown;
}

/** Thrown inside a tool when its result fails the `output` schema; reported to the model as a tool error. */
export class ToolOutputError extends ToolDefinitionError {
  constructor(tool: string, issues: string[]) {
    super(`Tool "${tool}" returned a result that does not match its output schema: ${issues.join('; ')}. Fix the tool's execute or its output schema.`);
  }
}

/**
 * Define a tool from zod or Standard Schema schemas. The JSON Schema for the model is the
 * explicit `jsonSchema`, else generated from `input` (zod 4's `toJSONSchema` with
 * `io: 'input'`, `zod-to-json-schema` for zod 3, the schema's `~standard.jsonSchema` or its
 * own `toJSONSchema()`). `Ctx` types `ctx.context`, the run's `context` option.
 * @throws ToolDefinitionError when the name, schema or options are invalid, or no JSON Schema can be made.
 * @example
 * ```ts
 * const weather = defineTool({
 *   name: 'get_weather',
 *   description: 'Current weather for a city',
 *   input: z.object({ city: z.string() }),
 *   execute: async ({ city }) => ({ city, tempC: 21 }),
 * });
 * ```
 */
export function defineTool<In extends AnySchema, Out extends AnySchema | undefined = undefined, Ctx = unknown>(
  def: ToolDefinition<In, Out, Ctx>,
): Tool<InferSchema<In>, unknown> {
  if (typeof def?.name !== 'string' || !TOOL_NAME.test(def.name)) {
    throw new ToolDefinitionError(`Invalid tool name ${JSON.stringify(def?.name)}: use 1-64 letters, digits, "_" or "-".`);
  }
  if (typeof def.description !== 'string' || def.description.trim() === '') {
    throw new ToolDefinitionError(`Tool "${def.name}" needs a non-empty description: the model reads it to decide when to call the tool.`);
  }
  if (!isSupportedSchema(def.input)) {
    throw new ToolDefinitionError(`Tool "${def.name}": \`input\` must be a zod schema (from 'zod' or 'zod/v3') or a Standard Schema (valibot, arktype, …).`);
  }
  if (def.output !== undefined && !isSupportedSchema(def.output)) {
    throw new ToolDefinitionError(`Tool "${def.name}": \`output\` must be a zod schema or a Standard Schema, or omitted.`);
  }
  if (typeof def.execute !== 'function') {
    throw new ToolDefinitionError(`Tool "${def.name}" needs an execute(args, ctx) function.`);
  }
  if (def.timeoutMs !== undefined && !(Number.isFinite(def.timeoutMs) && def.timeoutMs > 0)) {
    throw new ToolDefinitionError(`Tool "${def.name}": timeoutMs must be a positive number of milliseconds.`);
  }
  const parameters = def.jsonSchema ?? toolJsonSchema(def.name, def.input);
  if (parameters.type !== 'object') {
    throw new ToolDefinitionError(`Tool "${def.name}": \`input\` must be an object schema (z.object({...})); the model passes named arguments.`);
  }
  const input = def.input;
  const output = def.output;
  const tool: Tool<InferSchema<In>, unknown> = {
    name: def.name,
    description: def.description,
    parameters,
    parse: (args) => validateSync<InferSchema<In>>(input, args),
    needsApproval: def.needsApproval,
    timeoutMs: def.timeoutMs,
    // without an output schema the result passes through as is: a synchronous tool's result
    // stays synchronous (the agent then runs it without a timeout race)
    execute(args, ctx) {
      const result = def.execute(args, ctx as ToolContext<Ctx>);
      return output === undefined ? result : checkedOutput(def.name, output, result);
    },
  };
  return tool;
}

/** The tool's result, validated against its `output` schema. */
async function checkedOutput(name: string, output: AnySchema, pending: unknown): Promise<unknown> {
  const checked = await validateAsync(output, await pending);
  if (!checked.ok) throw new ToolOutputError(name, checked.issues);
  return checked.value;
}

function toolJsonSchema(name: string, input: AnySchema): JSONSchema {
  let json: JSONSchema | undefined;
  try {
    json = schemaToJsonSchema(input);
  } catch (error) {
    throw new ToolDefinitionError(
      `Tool "${name}": could not turn \`input\` into JSON Schema (${error instanceof Error ? error.message : String(error)}). Pass \`jsonSchema\` explicitly.`,
    );
  }
  if (!json) {
    throw new ToolDefinitionError(
      `Tool "${name}": \`input\` has no JSON Schema converter Graft knows. Pass \`jsonSchema\` (e.g. toJsonSchema(schema) from @valibot/to-json-schema).`,
    );
  }
  return json;
}
