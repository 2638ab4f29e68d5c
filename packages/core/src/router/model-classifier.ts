import type { ChatProvider, ChatRequest } from '@graft/providers';
import { CLASSIFIER_MAX_INPUT_CHARS, CLASSIFIER_MAX_TOKENS } from '../defaults.js';
import type { Category } from './types.js';

const DESCRIPTIONS: Record<string, string> = {
  coding: 'writing, fixing or explaining code, stack traces, programming questions',
  module_generation: 'asking the assistant to build a new module, integration, plugin or connector for a service',
  chat: 'conversation, questions, advice, anything else',
  extraction: 'pulling structured fields or entities out of given text',
  classification: 'assigning given items to labels or categories, sentiment',
  summarization: 'shortening or summarising given text',
  long_context: 'working over a very long document',
};

/** The classifier's answer: a known category, or why there is none. */
export interface ModelClassification {
  category?: Category;
  /** What the model said (trimmed, capped), for the decision reason. */
  answer: string;
  error?: string;
}

/** Build the classifier request: a fixed instruction and the (capped) last user message. */
export function classifierRequest(userText: string, categories: readonly Category[], signal?: AbortSignal): ChatRequest {
  const list = categories.map((c) => `- ${c}${DESCRIPTIONS[c] ? `: ${DESCRIPTIONS[c]}` : ''}`).join('\n');
  const text = userText.length > CLASSIFIER_MAX_INPUT_CHARS ? `${userText.slice(0, CLASSIFIER_MAX_INPUT_CHARS)}…` : userText;
  return {
    messages: [
      {
        role: 'system',
        content: `Classify the user's request into exactly one category. Answer with the category name only, nothing else.\nCategories:\n${list}`,
      },
      { role: 'user', content: text },
    ],
    temperature: 0,
    maxTokens: CLASSIFIER_MAX_TOKENS,
    ...(signal ? { signal } : {}),
  };
}

/** Read a category out of the model's answer: JSON `{category}`, a bare name, or the first name mentioned. */
export function parseCategory(answer: string, categories: readonly Category[]): Category | undefined {
  const text = answer.trim();
  try {
    const parsed: unknown = JSON.parse(text);
    const value = typeof parsed === 'string' ? parsed : (parsed as { category?: unknown } | null)?.category;
    if (typeof value === 'string' && categories.includes(value)) return value;
  } catch {
    // not JSON; read it as text
  }
  const normalized = text
    .toLowerCase()
    .replace(/[`"'*.\s]+$/g, '')
    .replace(/^[`"'*\s]+/g, '');
  const exact = categories.find((c) => c.toLowerCase() === normalized || c.toLowerCase().replace(/_/g, ' ') === normalized);
  if (exact) return exact;
  let first: { category: Category; at: number } | undefined;
  for (const c of categories) {
    const pattern = new RegExp(`(^|[^a-z_])${escape(c.toLowerCase()).replace(/_/g, '[_ -]')}($|[^a-z_])`);
    const m = pattern.exec(text.toLowerCase());
    if (m && (!first || m.index < first.at)) first = { category: c, at: m.index };
  }
  return first?.category;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Ask `provider` for a category. Never throws: failures come back as `error`. */
export async function classifyWithModel(
  provider: ChatProvider,
  userText: string,
  categories: readonly Category[],
  signal?: AbortSignal,
): Promise<ModelClassification> {
  try {
    const response = await provider.chat(classifierRequest(userText, categories, signal));
    const answer = response.text.trim().slice(0, 80);
    const category = parseCategory(response.text, categories);
    return category ? { category, answer } : { answer, error: 'answer named no known category' };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { answer: '', error: `classifier call failed${typeof code === 'string' ? ` (${code})` : ''}` };
  }
}
