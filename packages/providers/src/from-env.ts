/**
 * `fromEnv()`: picks a provider from environment variables.
 * @module
 */
import { ProviderConfigError } from './errors.js';
import type { OpenAICompatibleProvider } from './openai-compatible.js';
import { openaiCompatible } from './openai-compatible.js';
import { PRESETS, fromPreset, processEnv, type Env, type PresetName, type PresetOptions } from './presets.js';

/** Vendors tried in this order when no `GRAFT_*` variable decides. */
export const ENV_DETECTION_ORDER: readonly PresetName[] = ['openai', 'anthropic', 'openRouter', 'groq', 'perplexity'];

function presetByName(name: string): PresetName | undefined {
  const wanted = name.toLowerCase().replace(/[-_. ]/g, '');
  return (Object.keys(PRESETS) as PresetName[]).find((key) => key.toLowerCase() === wanted || PRESETS[key].id.replace(/[-_. ]/g, '') === wanted);
}

/**
 * Builds a provider from the environment:
 * 1. `GRAFT_PROVIDER` names a preset (`openai`, `ollama`, `llama-cpp`…), with `GRAFT_BASE_URL`,
 *    `GRAFT_API_KEY`, `GRAFT_MODEL` as overrides;
 * 2. else `GRAFT_BASE_URL` (+ `GRAFT_MODEL`, optional `GRAFT_API_KEY`) for any compatible server;
 * 3. else the first vendor key found: `OPENAI_API_KEY`, `ANTHROPIC_API_KEY`, `OPENROUTER_API_KEY`,
 *    `GROQ_API_KEY`, `PERPLEXITY_API_KEY` (`PPLX_API_KEY`); then `OLLAMA_HOST` for Ollama.
 * `GRAFT_MODEL` overrides the model in every case.
 *
 * @throws {@link ProviderConfigError} `NOT_CONFIGURED` when nothing is set.
 */
export function fromEnv(env: Env = processEnv(), overrides: Omit<PresetOptions, 'env'> = {}): OpenAICompatibleProvider {
  const get = (name: string) => env[name]?.trim() || undefined;
  const model = overrides.model ?? get('GRAFT_MODEL');
  const apiKey = overrides.apiKey ?? get('GRAFT_API_KEY');
  const baseURL = overrides.baseURL ?? get('GRAFT_BASE_URL');
  const base: PresetOptions = { ...overrides, env };
  if (model) base.model = model;
  if (apiKey) base.apiKey = apiKey;
  if (baseURL) base.baseURL = baseURL;

  const named = get('GRAFT_PROVIDER');
  if (named) {
    const preset = presetByName(named);
    if (!preset) {
      throw new ProviderConfigError(
        'INVALID_CONFIG',
        `GRAFT_PROVIDER="${named}" is not a preset. Use one of: ${Object.values(PRESETS)
          .map((p) => p.id)
          .join(', ')}.`,
      );
    }
    return fromPreset(PRESETS[preset], base);
  }
  if (baseURL) {
    if (!model)
      throw new ProviderConfigError('INVALID_CONFIG', 'GRAFT_BASE_URL is set but GRAFT_MODEL is not: set GRAFT_MODEL to the model id the server serves.');
    return openaiCompatible({ ...overrides, id: overrides.id ?? 'graft-env', baseURL, apiKey, model, keyHint: 'GRAFT_API_KEY' });
  }
  for (const name of ENV_DETECTION_ORDER) {
    if (PRESETS[name].apiKeyEnv.some((v) => get(v))) return fromPreset(PRESETS[name], base);
  }
  if (get('OLLAMA_HOST')) return fromPreset(PRESETS.ollama, base);
  throw new ProviderConfigError(
    'NOT_CONFIGURED',
    'No model provider configured. Set GRAFT_BASE_URL and GRAFT_MODEL (plus GRAFT_API_KEY if the server needs one), ' +
      'or GRAFT_PROVIDER, or one of OPENAI_API_KEY, ANTHROPIC_API_KEY, OPENROUTER_API_KEY, GROQ_API_KEY, PERPLEXITY_API_KEY, OLLAMA_HOST.',
  );
}
