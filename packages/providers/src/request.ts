/**
 * Turns a {@link ChatRequest} into the body of `POST /chat/completions`.
 * @module
 */
import type { ChatRequest, Message, ToolChoice } from './types.js';

/** Which field carries the output-token limit (OpenAI's reasoning models reject `max_tokens`). */
export type MaxTokensField = 'max_tokens' | 'max_completion_tokens';

/** Wire options that differ between servers. */
export interface WireOptions {
  model: string;
  stream: boolean;
  /** Ask for usage in the last chunk of a stream (`stream_options.include_usage`). */
  streamUsage: boolean;
  maxTokensField: MaxTokensField;
  /** Send `tools`/`tool_choice` (false in prompt-mode tool calling). */
  nativeTools: boolean;
}

function wireMessage(m: Message): Record<string, unknown> {
  switch (m.role) {
    case 'system':
      return { role: m.role, content: m.content };
    case 'user':
      if (!m.parts?.length) return { role: m.role, content: m.content };
      return {
        role: 'user',
        content: m.parts.map((p) => (p.type === 'image' ? { type: 'image_url', image_url: { url: p.image } } : { type: 'text', text: p.text })),
      };
    case 'assistant': {
      const out: Record<string, unknown> = { role: 'assistant', content: m.content };
      if (m.toolCalls?.length) {
        out.tool_calls = m.toolCalls.map((c) => ({
          id: c.id,
          type: 'function',
          function: { name: c.name, arguments: c.argsError || c.rawArgs.trim() === '' ? JSON.stringify(c.args) : c.rawArgs },
        }));
      }
      return out;
    }
    case 'tool':
      return { role: 'tool', tool_call_id: m.toolCallId, content: m.content };
  }
}

function wireToolChoice(choice: ToolChoice): unknown {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}

/** Builds the JSON body for the chat-completions endpoint. */
export function buildRequestBody(request: ChatRequest, wire: WireOptions): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: request.model ?? wire.model,
    messages: request.messages.map(wireMessage),
  };
  if (wire.nativeTools && request.tools?.length) {
    body.tools = request.tools.map((t) => ({
      type: 'function',
      function: { name: t.name, description: t.description, parameters: t.parameters },
    }));
    if (request.toolChoice !== undefined) body.tool_choice = wireToolChoice(request.toolChoice);
  }
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.maxTokens !== undefined) body[wire.maxTokensField] = request.maxTokens;
  if (request.responseFormat) {
    const f = request.responseFormat;
    body.response_format =
      f.type === 'json_schema'
        ? { type: 'json_schema', json_schema: { name: f.name, schema: f.schema, ...(f.strict !== undefined ? { strict: f.strict } : {}) } }
        : { type: 'json_object' };
  }
  if (wire.stream) {
    body.stream = true;
    if (wire.streamUsage) body.stream_options = { include_usage: true };
  }
  return body;
}
