/**
 * The budgeted conversation with the curriculum model: ask for edge cases, send an unreadable
 * answer back with what is wrong, and stop at the budget's model calls or tokens. Never throws
 * for what the model or provider does (only for a caller's abort): failures are reported.
 */
import type { ChatProvider, ChatResponse, Message } from '@graft/providers';
import type { ModuleManifest, ModuleTestCase } from '../types.js';
import { parseProposals } from './parse.js';
import { PROPOSE_CASES_TOOL, PROPOSE_CASES_TOOL_NAME } from './prompt.js';
import type { CurriculumBudget } from './types.js';

/** What proposing produced. */
export interface Proposals {
  cases: Array<ModuleTestCase & { tool: string }>;
  modelCalls: number;
  tokens: number;
  failure?: { code: string; message: string };
}

function feedback(res: ChatResponse, problem: string): Message[] {
  const turn: Message = { role: 'assistant', content: res.text ?? '', ...(res.toolCalls.length ? { toolCalls: res.toolCalls } : {}) };
  const text = `Your proposals could not be used: ${problem}. Call ${PROPOSE_CASES_TOOL_NAME} again with corrected cases.`;
  return [
    turn,
    ...res.toolCalls.map((c) => ({ role: 'tool' as const, toolCallId: c.id, name: c.name, content: text, isError: true })),
    { role: 'user', content: text },
  ];
}

/** Asks `provider` for at most `budget.maxProposals` cases within the budget. */
export async function proposeCases(
  provider: ChatProvider,
  messages: Message[],
  manifest: ModuleManifest,
  budget: Required<CurriculumBudget>,
  signal?: AbortSignal,
): Promise<Proposals> {
  const convo = [...messages];
  let modelCalls = 0;
  let tokens = 0;
  let problem = 'no call was made';
  while (modelCalls < budget.maxModelCalls) {
    if (tokens >= budget.maxTokens)
      return {
        cases: [],
        modelCalls,
        tokens,
        failure: { code: 'BUDGET_EXHAUSTED', message: `The token budget (${budget.maxTokens}) was spent before usable proposals came.` },
      };
    let res: ChatResponse;
    try {
      modelCalls++;
      res = await provider.chat({
        messages: convo,
        tools: [PROPOSE_CASES_TOOL],
        toolChoice: modelCalls === 1 ? { name: PROPOSE_CASES_TOOL_NAME } : 'auto',
        ...(signal ? { signal } : {}),
      });
    } catch (err) {
      if (signal?.aborted) throw err;
      const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : 'PROVIDER_ERROR';
      return { cases: [], modelCalls, tokens, failure: { code, message: `The curriculum model call failed (${code}); try again later.` } };
    }
    tokens += (res.usage?.inputTokens ?? 0) + (res.usage?.outputTokens ?? 0);
    const parsed = parseProposals(res, manifest, budget.maxProposals);
    if (parsed.ok) return { cases: parsed.cases, modelCalls, tokens };
    problem = parsed.problem;
    convo.push(...feedback(res, problem));
  }
  return {
    cases: [],
    modelCalls,
    tokens,
    failure: {
      code: 'MODULE_CURRICULUM_OUTPUT_INVALID',
      message: `The curriculum model gave no usable proposals in ${modelCalls} call(s) (last problem: ${problem}). Try again, or use a model that supports tool calling.`,
    },
  };
}
