// One app instance of a multi-instance deployment: start as many as you like with the same
// environment (REDIS_URL or DATABASE_URL, GRAFT_MASTER_KEY) behind a load balancer.
import { Agent, createRouter, createStore, type GraftStore } from '@graft/core';
import { ModuleManager, createMetaTools } from '@graft/modules';
import { fromEnv } from '@graft/providers';

function sharedStore(): GraftStore {
  // The one thing every instance must share. SQLite only works for processes on one machine.
  if (process.env.REDIS_URL) return createStore({ redis: process.env.REDIS_URL, namespace: 'graft' });
  if (process.env.DATABASE_URL) return createStore({ postgres: process.env.DATABASE_URL, namespace: 'graft' });
  throw new Error('Set REDIS_URL or DATABASE_URL: several instances need one shared store.');
}

export async function startInstance(): Promise<{ agent: Agent; modules: ModuleManager; close(): Promise<void> }> {
  const store = sharedStore();
  const router = createRouter({ tiers: { standard: fromEnv(), heavy: fromEnv() } });
  // The vault key must be the same on every instance (it reads GRAFT_MASTER_KEY): a credential
  // stored by one instance is decrypted by another.
  const modules = new ModuleManager({ store, router, vault: {} });
  await modules.ready(); // fails with MODULE_STORE_FAILED when the store is unreachable
  // Threads are checkpointed in the same store (resume on any instance) and are busy on every
  // instance while one runs them; installed modules appear in every instance's agent within a second.
  const agent = new Agent({ router, store, tools: createMetaTools(modules), toolSources: [modules.toolSource()] });
  return {
    agent,
    modules,
    async close() {
      await modules.close();
      await store.close();
    },
  };
}
