/**
 * One model call that must yield a module: ask with the `submit_module` tool, read the reply,
 * and when it is unreadable send the reason back to the model (a bounded number of times).
 */
import type { AssistantMessage, ChatRequest, ChatResponse, Message, Usage } from '@graft/providers';
import { ModuleError } from '../../errors.js';
import { emitSafe, type BuildDeps } from '../deps.js';
import { GENERATION_PROGRESS_INTERVAL_MS, MAX_OUTPUT_RETRIES } from '../../limits.js';
import { ModuleOutputError, parseModuleReply } from './parse.js';
import { SUBMIT_MODULE_TOOL, SUBMIT_MODULE_TOOL_NAME } from './prompt.js';
import type { ModuleBundle } from '../../types.js';

/** Options of one module-producing call. */
export interface ModuleCallOptions {
  temperature?: number;
  signal?: AbortSignal;
  /** What the call is for, in its progress events (default `generate`). */
  phase?: 'generate' | 'repair';
  /** The candidate index, for progress events of a multi-candidate generation. */
  candidate?: number;
  /** The repair round, for progress events of a repair. */
  round?: number;
}

/**
 * Streams one call and returns its whole response, emitting `module.progress` events (output
 * so far, elapsed time) at most every {@link GENERATION_PROGRESS_INTERVAL_MS}. Streaming makes
 * the provider's timeout an inactivity timeout: a slow model that keeps writing a long module
 * is never cut off, a silent one is.
 */
async function streamCall(deps: BuildDeps, request: ChatRequest, opts: ModuleCallOptions, attempt: number): Promise<ChatResponse> {
  const started = performance.now();
  let chars = 0;
  let lastEmit = started;
  const progress = (done: boolean) =>
    emitSafe(deps, {
      type: 'module.progress',
      phase: opts.phase ?? 'generate',
      outputChars: chars,
      elapsedMs: Math.round(performance.now() - started),
      attempt,
      done,
      ...(opts.candidate !== undefined ? { candidate: opts.candidate } : {}),
      ...(opts.round !== undefined ? { round: opts.round } : {}),
    });
  progress(false);
  for await (const event of deps.provider!.stream(request)) {
    if (event.type === 'finish') {
      progress(true);
      return event.response;
    }
    if (event.type === 'text-delta' || event.type === 'reasoning-delta') chars += event.text.length;
    else if (event.type === 'tool-call-delta') chars += event.argsDelta.length;
    else continue;
    const now = performance.now();
    if (now - lastEmit >= GENERATION_PROGRESS_INTERVAL_MS) {
      lastEmit = now;
      progress(false);
    }
  }
  throw new ModuleError('MODULE_GENERATION_FAILED', 'The model stream ended without a finished reply. Try again; if it persists, check the model server.');
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

/** Adds one call's usage to the running total of a module request (cost only when priced). */
function addUsage(total: Usage, u: Usage | undefined): void {
  if (!u) return;
  total.inputTokens += u.inputTokens;
  total.outputTokens += u.outputTokens;
  total.totalTokens += u.totalTokens;
  if (u.costUsd !== undefined) total.costUsd = (total.costUsd ?? 0) + u.costUsd;
  if (u.estimated) total.estimated = true;
}

/**
 * Sends `messages` to the provider and returns the module in the reply, retrying with the parse
 * error as feedback up to `MAX_OUTPUT_RETRIES` times.
 * @throws {ModuleOutputError} when no readable module came after the retries.
 * @throws {ModuleError} `MODULE_NO_PROVIDER` when `deps.provider` is missing.
 */
export async function requestModule(
  deps: BuildDeps,
  messages: Message[],
  opts: ModuleCallOptions = {},
): Promise<{ bundle: ModuleBundle; messages: Message[]; usage: Usage }> {
  const provider = deps.provider;
  if (!provider) throw new ModuleError('MODULE_NO_PROVIDER', 'Generating a module needs a model: pass `provider` or `router` to ModuleManager.');
  const convo = [...messages];
  let lastError: ModuleOutputError | undefined;
  const usage: Usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
  for (let attempt = 0; attempt <= MAX_OUTPUT_RETRIES; attempt++) {
    const res = await streamCall(
      deps,
      {
        messages: convo,
        tools: [SUBMIT_MODULE_TOOL],
        toolChoice: attempt === 0 ? { name: SUBMIT_MODULE_TOOL_NAME } : 'auto',
        ...(deps.model ? { model: deps.model } : {}),
        ...(opts.temperature !== undefined ? { temperature: opts.temperature } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
      },
      opts,
      attempt,
    );
    addUsage(usage, res.usage);
    try {
      const bundle = parseModuleReply(res);
      return { bundle, messages: [...convo, assistantTurn(res)], usage };
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
