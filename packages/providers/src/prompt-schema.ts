/**
 * JSON Schema output for servers without `response_format: { type: 'json_schema' }`
 * (`capabilities.jsonSchema: false`, e.g. Anthropic's OpenAI-compatible endpoint): the request
 * asks for `json_object` instead, and the schema goes into the system prompt.
 * @module
 */
import type { ChatRequest } from './types.js';

/** Marker that opens the output-format section of the system prompt. */
export const PROMPT_SCHEMA_HEADER = '## Output format';

/**
 * Rewrites a request whose `responseFormat` is a JSON Schema into one that asks for
 * `json_object` and states the schema in the system prompt. Other requests are returned as is.
 */
export function toJsonObjectRequest(request: ChatRequest): ChatRequest {
  const format = request.responseFormat;
  if (format?.type !== 'json_schema') return request;
  const section = [
    PROMPT_SCHEMA_HEADER,
    `Reply with ONLY one JSON object (no prose, no code fence) named "${format.name}" that matches this JSON Schema:`,
    JSON.stringify(format.schema),
  ].join('\n');
  const messages = [...request.messages];
  const first = messages[0];
  if (first?.role === 'system') messages[0] = { role: 'system', content: `${first.content}\n\n${section}` };
  else messages.unshift({ role: 'system', content: section });
  return { ...request, messages, responseFormat: { type: 'json_object' } };
}
