/**
 * Presets: configuration only (base URL, how the key is sent, which environment variables
 * hold it, capability flags) on top of {@link openaiCompatible}.
 * @module
 */
import type { ProviderCapabilities } from './capabilities.js';
import { ProviderConfigError } from './errors.js';
import { openaiCompatible, type AuthScheme, type OpenAICompatibleOptions, type OpenAICompatibleProvider } from './openai-compatible.js';

/** Environment variables, as in `process.env`. */
export type Env = Record<string, string | undefined>;

/** `process.env` where there is one (Node, Bun, Deno's Node mode), else an empty record. */
export function processEnv(): Env {
  return (globalThis as { process?: { env?: Env } }).process?.env ?? {};
}

/** The configuration a preset stands for. */
export interface PresetConfig {
  /** Provider id (`openai`, `ollama`…). */
  id: string;
  /** Human name. */
  label: string;
  /** Default base URL. */
  baseURL: string;
  /** Environment variables holding the key, first found wins. */
  apiKeyEnv: string[];
  /** Environment variable overriding the base URL, if the vendor has one. */
  baseURLEnv?: string;
  /** Whether a key is required (hosted APIs) or optional (local servers). */
  requiresApiKey: boolean;
  /** Default model; `undefined` when the server has no sensible default (pass `model`). */
  defaultModel?: string;
  /** How the key is sent. */
  auth: AuthScheme;
  /** Capability flags. */
  capabilities: Partial<ProviderCapabilities>;
}

/** Overrides accepted by every preset (all of {@link OpenAICompatibleOptions}, all optional). */
export interface PresetOptions extends Partial<OpenAICompatibleOptions> {
  /** Where to read keys and base URLs from (default `process.env`). */
  env?: Env;
}

const local = (id: string, label: string, baseURL: string, apiKeyEnv: string[], defaultModel?: string): PresetConfig => ({
  id,
  label,
  baseURL,
  apiKeyEnv,
  requiresApiKey: false,
  defaultModel,
  auth: 'bearer',
  capabilities: { reasoning: true },
});

/** Names of the presets. */
export type PresetName = 'openai' | 'anthropic' | 'perplexity' | 'ollama' | 'llamaCpp' | 'vllm' | 'lmStudio' | 'openRouter' | 'groq';

/** Every preset's configuration, by preset name. */
export const PRESETS: Readonly<Record<PresetName, PresetConfig>> = {
  openai: {
    id: 'openai',
    label: 'OpenAI',
    baseURL: 'https://api.openai.com/v1',
    apiKeyEnv: ['OPENAI_API_KEY'],
    baseURLEnv: 'OPENAI_BASE_URL',
    requiresApiKey: true,
    defaultModel: 'gpt-4.1-mini',
    auth: 'bearer',
    capabilities: { maxTokensField: 'max_completion_tokens', reasoning: true },
  },
  anthropic: {
    id: 'anthropic',
    label: 'Anthropic (OpenAI-compatible endpoint)',
    baseURL: 'https://api.anthropic.com/v1/',
    apiKeyEnv: ['ANTHROPIC_API_KEY'],
    requiresApiKey: true,
    defaultModel: 'claude-sonnet-4-5',
    auth: 'bearer',
    capabilities: { jsonSchema: false, reasoning: true },
  },
  perplexity: {
    id: 'perplexity',
    label: 'Perplexity',
    baseURL: 'https://api.perplexity.ai',
    apiKeyEnv: ['PERPLEXITY_API_KEY', 'PPLX_API_KEY'],
    requiresApiKey: true,
    defaultModel: 'sonar',
    auth: 'bearer',
    capabilities: { nativeTools: false, reasoning: true },
  },
  ollama: local('ollama', 'Ollama', 'http://localhost:11434/v1', ['OLLAMA_API_KEY'], 'llama3.2'),
  llamaCpp: local('llama-cpp', 'llama.cpp server', 'http://localhost:8080/v1', ['LLAMA_API_KEY'], 'default'),
  vllm: local('vllm', 'vLLM', 'http://localhost:8000/v1', ['VLLM_API_KEY']),
  lmStudio: local('lm-studio', 'LM Studio', 'http://localhost:1234/v1', ['LM_API_TOKEN', 'LMSTUDIO_API_KEY']),
  openRouter: {
    id: 'openrouter',
    label: 'OpenRouter',
    baseURL: 'https://openrouter.ai/api/v1',
    apiKeyEnv: ['OPENROUTER_API_KEY'],
    requiresApiKey: true,
    defaultModel: 'openrouter/auto',
    auth: 'bearer',
    capabilities: { reasoning: true },
  },
  groq: {
    id: 'groq',
    label: 'Groq',
    baseURL: 'https://api.groq.com/openai/v1',
    apiKeyEnv: ['GROQ_API_KEY'],
    requiresApiKey: true,
    defaultModel: 'llama-3.3-70b-versatile',
    auth: 'bearer',
    capabilities: { reasoning: true },
  },
};

/**
 * Turns `OLLAMA_HOST` into a base URL the way Ollama reads it: `host`, `host:port`,
 * `http://host` (port 80), `https://host` (port 443); no scheme means port 11434;
 * `0.0.0.0` means this machine.
 */
export function ollamaBaseURL(host: string): string {
  const m = /^(?:(https?):\/\/)?(\[[^\]]+\]|[^/:]+)(?::(\d+))?/.exec(host.trim());
  if (!m) throw new ProviderConfigError('INVALID_CONFIG', `OLLAMA_HOST="${host}" is not a host: use "127.0.0.1:11434" or "http://host:port".`);
  const scheme = m[1] ?? 'http';
  const hostname = m[2] === '0.0.0.0' ? '127.0.0.1' : m[2];
  const port = m[3] ?? (m[1] === undefined ? '11434' : scheme === 'https' ? '443' : '80');
  return `${scheme}://${hostname}:${port}/v1`;
}

function firstEnv(env: Env, names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}

/** Builds a provider from a preset's configuration and overrides. */
export function fromPreset(config: PresetConfig, options: PresetOptions = {}): OpenAICompatibleProvider {
  const { env = processEnv(), ...overrides } = options;
  const found = options.apiKey === undefined ? firstEnv(env, config.apiKeyEnv) : undefined;
  const apiKey = options.apiKey ?? found?.value;
  if (config.requiresApiKey && !apiKey) {
    throw new ProviderConfigError('NOT_CONFIGURED', `${config.label} needs an API key: set ${config.apiKeyEnv.join(' or ')} or pass { apiKey }.`);
  }
  let baseURL = options.baseURL ?? (config.baseURLEnv ? env[config.baseURLEnv]?.trim() : undefined) ?? config.baseURL;
  if (!options.baseURL && config.id === 'ollama' && env.OLLAMA_HOST?.trim()) baseURL = ollamaBaseURL(env.OLLAMA_HOST);
  const model = options.model ?? config.defaultModel;
  if (!model) {
    throw new ProviderConfigError('INVALID_CONFIG', `${config.label} has no default model: pass { model: "<the model the server serves>" }.`);
  }
  return openaiCompatible({
    ...overrides,
    id: options.id ?? config.id,
    baseURL,
    apiKey,
    model,
    auth: options.auth ?? config.auth,
    keyHint: options.keyHint ?? config.apiKeyEnv[0],
    capabilities: { ...config.capabilities, ...options.capabilities },
  });
}

/** OpenAI (`OPENAI_API_KEY`, optional `OPENAI_BASE_URL`). */
export const openai = (options?: PresetOptions) => fromPreset(PRESETS.openai, options);
/** Anthropic's OpenAI-compatible endpoint (`ANTHROPIC_API_KEY`). */
export const anthropic = (options?: PresetOptions) => fromPreset(PRESETS.anthropic, options);
/** Perplexity (`PERPLEXITY_API_KEY`); no native tool calling, so tools are described in the prompt (`toolCalling: 'prompt'`). */
export const perplexity = (options?: PresetOptions) => fromPreset(PRESETS.perplexity, options);
/** Ollama on `http://localhost:11434/v1` (or `OLLAMA_HOST`); no key needed. */
export const ollama = (options?: PresetOptions) => fromPreset(PRESETS.ollama, options);
/** llama.cpp's `llama-server` on `http://localhost:8080/v1`; key optional (`LLAMA_API_KEY`). */
export const llamaCpp = (options?: PresetOptions) => fromPreset(PRESETS.llamaCpp, options);
/** vLLM on `http://localhost:8000/v1`; pass the served `model`; key optional (`VLLM_API_KEY`). */
export const vllm = (options?: PresetOptions) => fromPreset(PRESETS.vllm, options);
/** LM Studio on `http://localhost:1234/v1`; pass the loaded `model`. */
export const lmStudio = (options?: PresetOptions) => fromPreset(PRESETS.lmStudio, options);
/** OpenRouter (`OPENROUTER_API_KEY`). */
export const openRouter = (options?: PresetOptions) => fromPreset(PRESETS.openRouter, options);
/** Groq (`GROQ_API_KEY`). */
export const groq = (options?: PresetOptions) => fromPreset(PRESETS.groq, options);
