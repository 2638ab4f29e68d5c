/**
 * One model call that must yield a module: ask with the `submit_module` tool, read the reply,
 * and when it is unreadable send the reason back to the model (a bounded number of times).
 */
import type { AssistantMessage, ChatResponse, Message } from '@graft/providers';
import { ModuleError } from './errors.js';
import type { BuildDeps } from './generate-deps.js';
import { MAX_OUTPUT_RETRIES } from './generate-limits.js';
import { ModuleOutputError, parseModuleReply } from './parse.js';
import { SUBMIT_MODULE_TOOL, SUBMIT_MODULE_TOOL_NAME } from './prompt.js';
import type { ModuleBundle } from './types.js';

/** Options of one module-producing call. */
export interface ModuleCallOptions {
  temperature?: number;
  signal?: AbortSignal;
}

function assistantTurn(res: ChatResponse): AssistantMessage {
  return { role: 'assistant', content: res.text ?? '', ...(res.toolCalls.length ? { toolCalls: res.toolCalls } : {}) };
}

/** Messages that tell the model why its reply could not be read (tool-call replies get a tool result). */
function feedback(res: ChatResponse, err: ModuleOutputError): Message[] {
  const turn = assistantTurn(res);
  const text = `${err.message}`;
  if (res.toolCalls.length) {
    return [
      turn,
      ...res.toolCalls.map((c) => ({ role: 'tool' as const, toolCallId: c.id, name: c.name, content: text, isError: true })),
      { role: 'user', content: `Your module could not be read: ${text}` },
    ];
  }
  return [turn, { role: 'user', content: `Your reply could not be read: ${text}` }];
}

/**
 * Sends `messages` to the provider and returns the module in the reply, retrying with the parse
 * error as feedback up to `MAX_OUTPUT_RETRIES` times.
 * @throws {ModuleOutputError} when no readable module came after the retries.
 * @throws {ModuleError} `MODULE_NO_PROVIDER` when `deps.provider` is missing.
 */
export async function requestModule(deps: BuildDeps, messages: Message[], opts: ModuleCallOptions = {}): Promise<{ bundle: ModuleBundle; messages: Message[] }> {
  const provider = deps.provider;
  if (!provider) throw new ModuleError('MODULE_NO_PROVIDER', 'Generating a module needs a model: pass `provider` or `router` to ModuleManager.');
  const convo = [...messages];
  let lastError: ModuleOutputError | undefined;
  for (let attempt = 0; attempt <= MAX_OUTPUT_RETRIES; attempt++) {
    const res = await provider.chat({
      messages: convo,
      tools: [SUBMIT_MODULE_TOOL],
      toolChoice: attempt === 0 ? { name: SUBMIT_MODULE_TOOL_NAME } : 'auto',
      ...(deps.model ? { model: deps.model } : {}),
      ...(opts.temperature !== undefined ? { temperature: opts.temperature } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    try {
      const bundle = parseModuleReply(res);
      return { bundle, messages: [...convo, assistantTurn(res)] };
    } catch (err) {
      if (!(err instanceof ModuleOutputError)) throw err;
      lastError = err;
      convo.push(...feedback(res, err));
    }
  }
  throw new ModuleOutputError(
    `The model did not produce a readable module after ${MAX_OUTPUT_RETRIES + 1} attempts (last problem: ${lastError?.message ?? 'unknown'}). Try again, or use a model that supports tool calling.`,
    lastError?.code === 'MODULE_TOO_LARGE' ? 'MODULE_TOO_LARGE' : 'MODULE_INVALID_BUNDLE',
  );
}
