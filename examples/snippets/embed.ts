// The 20 lines that embed a self-extending Graft agent in an app's backend.
import { Agent, createRouter, createStore } from '@graft/core';
import { ModuleManager, createMetaTools } from '@graft/modules';
import { fromEnv, ollama } from '@graft/providers';

// Threads, modules and encrypted credentials persist in one SQLite file.
const store = createStore({ sqlite: '.graft/graft.sqlite' });
// Easy work goes to a local model; coding and module generation to a strong one.
const router = createRouter({ tiers: { standard: ollama({ model: 'llama3.2' }), heavy: fromEnv() } });
// The vault key comes from GRAFT_MASTER_KEY; the sandbox is created on first use.
const modules = new ModuleManager({ store, router, vault: {} });
const agent = new Agent({ router, store, tools: createMetaTools(modules), toolSources: [modules.toolSource()] });

const result = await agent.run('Build me a module for my Clash Royale stats', { threadId: 'user-42' });
if (result.status === 'interrupted' && result.interrupt.kind === 'input') {
  // Show result.interrupt.request.data (the module's digest) in your UI; the answer names its sha256:
  const { bundleHash } = result.interrupt.request.data as { bundleHash: string };
  await agent.resume('user-42', { id: result.interrupt.id, type: 'input', value: { approved: true, by: 'user-42', bundleHash } });
}
