/**
 * Which model the demo talks to: a live OpenAI-compatible endpoint when the environment names
 * one (`GRAFT_BASE_URL` + `GRAFT_MODEL` [+ `GRAFT_API_KEY`], `GRAFT_PROVIDER`, or a vendor key
 * such as `OPENAI_API_KEY`), otherwise the recorded conversation replayed through the
 * providers' HTTP mock server on 127.0.0.1.
 */
import { fromEnv, openaiCompatible, type ChatProvider } from '@graft/providers';
import { createMockServer, type MockServer } from '@graft/providers/testing';
import type { ClashRoyaleFixtures } from './clash-royale.js';
import { recordedConversation } from './recording.js';

/** Environment variables that switch the demo to a live model. */
export const LIVE_MODEL_VARIABLES = [
  'GRAFT_BASE_URL',
  'GRAFT_PROVIDER',
  'OPENAI_API_KEY',
  'ANTHROPIC_API_KEY',
  'OPENROUTER_API_KEY',
  'GROQ_API_KEY',
  'PERPLEXITY_API_KEY',
  'OLLAMA_HOST',
];

/** The model the demo uses. */
export interface DemoModel {
  mode: 'live' | 'replay';
  provider: ChatProvider;
  /** One line for the user: which model, and how to switch. */
  banner: string;
  close(): Promise<void>;
}

/** Picks a live model from `env`, or starts the replay server. */
export async function pickModel(fx: ClashRoyaleFixtures, env: NodeJS.ProcessEnv = process.env): Promise<DemoModel> {
  if (LIVE_MODEL_VARIABLES.some((name) => env[name]?.trim())) {
    const provider = fromEnv(env);
    return {
      mode: 'live',
      provider,
      banner: `Live model: ${provider.id} · ${provider.model}`,
      close: async () => {},
    };
  }
  const server: MockServer = await createMockServer({ script: recordedConversation(fx) });
  return {
    mode: 'replay',
    provider: openaiCompatible({ id: 'recorded', baseURL: server.url, apiKey: 'replay', model: 'recorded-model', maxRetries: 0 }),
    banner:
      `No model configured: replaying a recorded conversation through the providers' HTTP mock server (${server.url}). ` +
      'Set GRAFT_BASE_URL + GRAFT_MODEL (Ollama, llama.cpp, vLLM, LM Studio…) or OPENAI_API_KEY to use a live model.',
    close: () => server.close(),
  };
}
