// With hundreds of tools, each model step offers the most relevant ones (BM25 by default),
// the ones this thread already used, your always-on tools, and `search_tools` for the rest.
import { Agent, createStore, embeddingRanker } from '@graft/core';
import { ModuleManager } from '@graft/modules';
import { openaiCompatible } from '@graft/providers';

const store = createStore({ sqlite: '.graft/graft.sqlite' });
const modules = new ModuleManager({ store, vault: {} });
const provider = openaiCompatible({
  baseURL: 'https://api.openai.com/v1',
  apiKey: process.env.OPENAI_API_KEY,
  model: 'gpt-4o-mini',
  embeddingModel: 'text-embedding-3-small',
});

// Default: local lexical ranking, no model call.
const agent = new Agent({ provider, toolSources: [modules.toolSource()], toolRetrieval: { maxTools: 16, alwaysOn: ['build_module'] } });

// Optional: rank with embeddings (vectors cached in the store; `watch` embeds a module's tools
// when it is installed and deletes them when it is uninstalled).
const ranker = embeddingRanker({ embed: async (texts) => (await provider.embed(texts)).vectors, model: 'text-embedding-3-small', store });
ranker.watch(modules.toolSource());
const semantic = new Agent({ provider, toolSources: [modules.toolSource()], toolRetrieval: { ranker } });
console.log((await agent.run('How many trophies do I have in Clash Royale?')).status, typeof semantic);
