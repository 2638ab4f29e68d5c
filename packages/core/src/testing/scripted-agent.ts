/**
 * Build an agent driven by a `ScriptedProvider`, on an in-memory store, for unit tests.
 */
import { ScriptedProvider, type ProviderScript, type ScriptedProviderOptions } from '@graft/providers/testing';
import { Agent } from '../agent/agent.js';
import type { AgentOptions } from '../agent/types.js';
import { createStore, type GraftStore } from '../store/index.js';

/** A store that lives in memory (a `createStore()` with no backend): threads vanish with the process. */
export function createMemoryStore(): GraftStore {
  return createStore();
}

/** Options of {@link createScriptedAgent}: any agent option except the model, plus the script. */
export interface ScriptedAgentOptions extends Omit<AgentOptions, 'provider' | 'router'> {
  /** The model's replies, in order (or a function of the request). */
  script: ProviderScript;
  /** Options of the scripted provider (id, model, chunk size). */
  providerOptions?: ScriptedProviderOptions;
}

/**
 * An `Agent` whose model is a `ScriptedProvider`, persisted in an in-memory store unless
 * `store`/`checkpointer` is given. Inspect `provider.requests` to see what the model received.
 * @example
 * ```ts
 * const { agent, provider } = createScriptedAgent({
 *   tools: [weather],
 *   script: [{ toolCalls: [{ name: 'get_weather', args: { city: 'Paris' } }] }, 'Sunny.'],
 * });
 * const result = await agent.run('Weather in Paris?');
 * ```
 */
export function createScriptedAgent(options: ScriptedAgentOptions): {
  /** The agent under test. */
  agent: Agent;
  /** The scripted model; its `requests` show what the agent sent. */
  provider: ScriptedProvider;
  /** The store the agent persists threads in: the given `store`, a new in-memory one, or `undefined` when a `checkpointer` was given. */
  store?: GraftStore;
} {
  const { script, providerOptions, ...agentOptions } = options;
  const provider = new ScriptedProvider(script, providerOptions);
  const store = agentOptions.store ?? (agentOptions.checkpointer ? undefined : createMemoryStore());
  const agent = new Agent({ ...agentOptions, store, provider });
  return { agent, provider, store };
}
