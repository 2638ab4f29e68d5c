/**
 * Per-run options beyond the thread id: extra instructions, the tools' `context`, structured
 * `output`, `stopWhen`, `onStepFinish` and `maxSteps`. Resolved once per run into `RunHooks`
 * (held by the `RunContext`, so in memory only and never checkpointed); a run that uses none
 * of them has no hooks and pays nothing per step.
 */
import type { AssistantMessage, ChatRequest, FinishReason, JSONSchema, Message, ToolMessage, Usage } from '@graft/providers';
import { DEFAULT_OUTPUT_REPAIR_ATTEMPTS } from '../defaults.js';
import { OutputInvalidError, RunOptionsError } from '../errors.js';
import { isSupportedSchema, schemaToJsonSchema, validateAsync, type AnySchema } from '../tools/standard-schema.js';
import type { StepResult, StopCondition } from './steps.js';
import type { RunOptions } from './types.js';

/** Name of the JSON Schema in `response_format` (OpenAI requires one). */
export const OUTPUT_SCHEMA_NAME = 'output';

/** System prompt line for `output` schemas that have no JSON Schema. */
const OUTPUT_JSON_INSTRUCTION = 'Give your final answer as ONLY one JSON value (no prose, no code fence).';

const ZERO: Usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };

/** @internal A run's resolved per-run options and the state they need while it runs. */
export interface RunHooks {
  instructions?: string;
  context?: unknown;
  maxSteps?: number;
  output?: { schema: AnySchema; jsonSchema?: JSONSchema };
  stopWhen?: StopCondition[];
  onStepFinish?: (step: StepResult) => void | Promise<void>;
  /** The steps of this run (kept only when `stopWhen` or `onStepFinish` is set). */
  steps: StepResult[];
  /** The model call of the step whose tool calls are running. */
  pending?: { message: AssistantMessage; usage: Usage; finishReason: FinishReason };
  /** Invalid final answers sent back to the model so far. */
  outputRepairs: number;
  /** The validated structured output, once the model gave it. */
  outputValue?: { value: unknown };
}

/**
 * @internal Resolve a run's options into hooks; `undefined` when it uses none.
 * @throws RunOptionsError for an option of the wrong type.
 */
export function createHooks(options: RunOptions<AnySchema | undefined, unknown>): RunHooks | undefined {
  const { instructions, context, output, stopWhen, onStepFinish, maxSteps } = options;
  if (
    instructions === undefined &&
    context === undefined &&
    output === undefined &&
    stopWhen === undefined &&
    onStepFinish === undefined &&
    maxSteps === undefined
  ) {
    return undefined;
  }
  const hooks: RunHooks = { steps: [], outputRepairs: 0 };
  if (instructions !== undefined) {
    if (typeof instructions !== 'string') throw new RunOptionsError('`instructions` must be a string.');
    if (instructions.trim() !== '') hooks.instructions = instructions;
  }
  if (context !== undefined) hooks.context = context;
  if (maxSteps !== undefined) {
    if (!(Number.isInteger(maxSteps) && maxSteps > 0)) throw new RunOptionsError('`maxSteps` must be a positive integer.');
    hooks.maxSteps = maxSteps;
  }
  if (output !== undefined) {
    if (!isSupportedSchema(output)) throw new RunOptionsError('`output` must be a zod schema or a Standard Schema (valibot, arktype, …).');
    let jsonSchema: JSONSchema | undefined;
    try {
      jsonSchema = schemaToJsonSchema(output);
    } catch {
      jsonSchema = undefined; // asked for by instructions instead
    }
    hooks.output = jsonSchema ? { schema: output, jsonSchema } : { schema: output };
  }
  if (stopWhen !== undefined) {
    const list = Array.isArray(stopWhen) ? stopWhen : [stopWhen];
    if (!list.every((c) => typeof c === 'function')) throw new RunOptionsError('`stopWhen` must be a condition (e.g. stepCountIs(3)) or an array of them.');
    hooks.stopWhen = list;
  }
  if (onStepFinish !== undefined) {
    if (typeof onStepFinish !== 'function') throw new RunOptionsError('`onStepFinish` must be a function.');
    hooks.onStepFinish = onStepFinish;
  }
  return hooks;
}

/** @internal The system prompt of a step: the agent's, then the run's instructions, then the JSON ask for schema-less output. */
export function systemPrompt(base: string | undefined, hooks: RunHooks): string | undefined {
  const parts = [base, hooks.instructions, hooks.output && !hooks.output.jsonSchema ? OUTPUT_JSON_INSTRUCTION : undefined].filter((p): p is string => !!p);
  return parts.length ? parts.join('\n\n') : undefined;
}

/** @internal Ask for JSON on the request when the run has an `output` schema. */
export function applyOutputFormat(request: ChatRequest, hooks: RunHooks): void {
  if (!hooks.output) return;
  request.responseFormat = hooks.output.jsonSchema
    ? { type: 'json_schema', name: OUTPUT_SCHEMA_NAME, schema: hooks.output.jsonSchema }
    : { type: 'json_object' };
}

function tracksSteps(hooks: RunHooks): boolean {
  return hooks.stopWhen !== undefined || hooks.onStepFinish !== undefined;
}

async function finishStep(hooks: RunHooks, step: Omit<StepResult, 'stepNumber'>): Promise<void> {
  const full: StepResult = { stepNumber: hooks.steps.length, ...step };
  hooks.steps.push(full);
  await hooks.onStepFinish?.(full);
}

/**
 * @internal At the start of a model step: when the previous step's tool calls all have
 * results, that step is finished (`onStepFinish`) and `stopWhen` decides. Returns true to stop.
 */
export async function completeToolStep(hooks: RunHooks, messages: Message[]): Promise<boolean> {
  if (!tracksSteps(hooks) || messages[messages.length - 1]?.role !== 'tool') return false;
  let i = messages.length - 1;
  while (i >= 0 && messages[i]!.role === 'tool') i--;
  const assistant = messages[i];
  if (assistant?.role !== 'assistant' || !assistant.toolCalls?.length) return false;
  const pending = hooks.pending?.message.toolCalls?.[0]?.id === assistant.toolCalls[0]!.id ? hooks.pending : undefined;
  hooks.pending = undefined;
  await finishStep(hooks, {
    text: assistant.content,
    toolCalls: assistant.toolCalls,
    toolResults: messages.slice(i + 1) as ToolMessage[],
    usage: pending?.usage ?? ZERO,
    finishReason: pending?.finishReason ?? 'tool_calls',
  });
  if (!hooks.stopWhen) return false;
  for (const condition of hooks.stopWhen) if (await condition({ steps: hooks.steps })) return true;
  return false;
}

/** @internal After a model call: a step without tool calls is finished now; one with calls when its results are in. */
export async function afterModelCall(hooks: RunHooks, message: AssistantMessage, usage: Usage, finishReason: FinishReason): Promise<void> {
  if (!tracksSteps(hooks)) return;
  if (message.toolCalls?.length) hooks.pending = { message, usage, finishReason };
  else await finishStep(hooks, { text: message.content, toolCalls: [], toolResults: [], usage, finishReason });
}

/** Parse the model's JSON answer (tolerating a code fence around it). */
function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  const fenced = /^\s*```[a-zA-Z]*\s*\n([\s\S]*?)\n?```\s*$/.exec(text);
  try {
    return { ok: true, value: JSON.parse(fenced ? fenced[1]! : text) };
  } catch {
    return { ok: false };
  }
}

/**
 * @internal Check a final answer against the run's `output` schema. Valid: the value is kept
 * and `undefined` returned. Invalid: the user message that asks the model to fix it, or an
 * `OutputInvalidError` once the repair attempts are used up.
 */
export async function checkOutput(hooks: RunHooks, text: string): Promise<Message | OutputInvalidError | undefined> {
  const output = hooks.output!;
  const parsed = parseJson(text);
  const result = parsed.ok ? await validateAsync(output.schema, parsed.value) : { ok: false as const, issues: ['(root): the answer is not valid JSON'] };
  if (result.ok) {
    hooks.outputValue = { value: result.value };
    return undefined;
  }
  if (hooks.outputRepairs >= DEFAULT_OUTPUT_REPAIR_ATTEMPTS) {
    return new OutputInvalidError(
      `The model's final answer did not match the run's \`output\` schema after ${DEFAULT_OUTPUT_REPAIR_ATTEMPTS} corrections (${result.issues.join('; ')}). Simplify the schema, describe it in \`instructions\`, or use a stronger model.`,
      result.issues,
    );
  }
  hooks.outputRepairs++;
  const schema = output.jsonSchema ? ` matching this JSON Schema: ${JSON.stringify(output.jsonSchema)}` : '';
  return {
    role: 'user',
    content: `Your answer is not valid for the requested output format: ${result.issues.join('; ')}. Reply again with ONLY the corrected JSON${schema}.`,
  };
}

/** @internal The run stopped (`stopWhen`) before the model gave the structured output. */
export function missingOutputError(): OutputInvalidError {
  return new OutputInvalidError(
    'The run stopped (stopWhen) before the model gave its final answer, so there is no `output` to return. Relax `stopWhen`, or run again on the thread.',
    ['(root): no final answer'],
  );
}
