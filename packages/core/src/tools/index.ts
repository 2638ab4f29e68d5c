/** Tools: the contract, `defineTool`, and the runtime registry. */
export type * from './types.js';
export { defineTool, ToolOutputError, type ToolDefinition } from './define-tool.js';
export { ToolRegistry, type ToolSnapshot } from './registry.js';
export { isStandardSchema, schemaToJsonSchema, STANDARD_JSON_SCHEMA_TARGET, type AnySchema, type InferSchema } from './standard-schema.js';
export { isZod3Schema, isZod4Schema, zodToToolJsonSchema, type AnyZodSchema, type InferZod } from './schema.js';
export * from './retrieval/index.js';
