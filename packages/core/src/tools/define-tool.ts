/**
 * `defineTool`: a typed tool from zod schemas (zod 4 or zod 3), with argument validation,
 * optional output validation, approval policy and timeout.
 */
import type { Tool, ToolContext } from './types.js';
import { ToolDefinitionError } from '../errors.js';
import { type AnyZodSchema, type InferZod, isZod3Schema, isZod4Schema, safeParseZod, zodToToolJsonSchema } from './schema.js';

/** Tool names the OpenAI-compatible APIs accept. */
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** What `defineTool` takes. */
export interface ToolDefinition<In extends AnyZodSchema, Out extends AnyZodSchema | undefined = undefined> {
  /** Name the model calls the tool by: letters, digits, `_` and `-`, at most 64 characters. */
  name: string;
  /** What the tool does and when to use it (the model reads this). */
  description: string;
  /** Zod schema (zod 4, or zod 3 via `zod/v3`) of the arguments object. */
  input: In;
  /** Optional zod schema the result must satisfy; a mismatch becomes a tool error. */
  output?: Out;
  /** Ask the user before each call (`true`), never (`false`, default), or decide per call. */
  needsApproval?: boolean | ((args: InferZod<In>, ctx: { threadId: string }) => boolean | Promise<boolean>);
  /** Per-call timeout in ms (default: the agent's `toolTimeoutMs`). */
  timeoutMs?: number;
  /** Run the tool with validated arguments. Throwing becomes a tool error the model sees. */
  execute(
    args: InferZod<In>,
    ctx: ToolContext,
  ): Out extends AnyZodSchema ? Promise<InferZod<Out>> | InferZod<Out> : Promise<unknown> | unknown;
}

/** Thrown inside a tool when its result fails the `output` schema; reported to the model as a tool error. */
export class ToolOutputError extends ToolDefinitionError {
  constructor(tool: string, issues: string[]) {
    super(`Tool "${tool}" returned a result that does not match its output schema: ${issues.join('; ')}. Fix the tool's execute or its output schema.`);
  }
}

/**
 * Define a tool from zod schemas. The JSON Schema for the model is generated from `input`
 * (zod 4's `toJSONSchema` with `io: 'input'`, or `zod-to-json-schema` for zod 3 schemas).
 * @throws ToolDefinitionError when the name, schema or options are invalid.
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
export function defineTool<In extends AnyZodSchema, Out extends AnyZodSchema | undefined = undefined>(
  def: ToolDefinition<In, Out>,
): Tool<InferZod<In>, unknown> {
  if (typeof def?.name !== 'string' || !TOOL_NAME.test(def.name)) {
    throw new ToolDefinitionError(`Invalid tool name ${JSON.stringify(def?.name)}: use 1-64 letters, digits, "_" or "-".`);
  }
  if (typeof def.description !== 'string' || def.description.trim() === '') {
    throw new ToolDefinitionError(`Tool "${def.name}" needs a non-empty description: the model reads it to decide when to call the tool.`);
  }
  if (!isZod4Schema(def.input) && !isZod3Schema(def.input)) {
    throw new ToolDefinitionError(`Tool "${def.name}": \`input\` must be a zod schema (from 'zod' or 'zod/v3').`);
  }
  if (def.output !== undefined && !isZod4Schema(def.output) && !isZod3Schema(def.output)) {
    throw new ToolDefinitionError(`Tool "${def.name}": \`output\` must be a zod schema (from 'zod' or 'zod/v3') or omitted.`);
  }
  if (typeof def.execute !== 'function') {
    throw new ToolDefinitionError(`Tool "${def.name}" needs an execute(args, ctx) function.`);
  }
  if (def.timeoutMs !== undefined && !(Number.isFinite(def.timeoutMs) && def.timeoutMs > 0)) {
    throw new ToolDefinitionError(`Tool "${def.name}": timeoutMs must be a positive number of milliseconds.`);
  }
  const parameters = zodToToolJsonSchema(def.input);
  if (parameters.type !== 'object') {
    throw new ToolDefinitionError(`Tool "${def.name}": \`input\` must be an object schema (z.object({...})); the model passes named arguments.`);
  }
  const input = def.input;
  const output = def.output;
  const tool: Tool<InferZod<In>, unknown> = {
    name: def.name,
    description: def.description,
    parameters,
    parse: (args) => safeParseZod<InferZod<In>>(input, args),
    needsApproval: def.needsApproval,
    timeoutMs: def.timeoutMs,
    async execute(args, ctx) {
      const result = await def.execute(args, ctx);
      if (output === undefined) return result;
      const checked = safeParseZod(output as AnyZodSchema, result);
      if (!checked.ok) throw new ToolOutputError(def.name, checked.issues);
      return checked.value;
    },
  };
  return tool;
}
