/**
 * One place that wires Graft the way an app would: a store (SQLite file or memory), a tier
 * router, the sandbox, a `ModuleManager` with its credential vault, and an `Agent` that has
 * the module meta-tools plus every installed module's tools. The quickstart, the Express
 * server and their tests all build on it.
 */
import { Agent, createRouter, createStore, type GraftStore } from '@graft/core';
import { ModuleManager, createMetaTools } from '@graft/modules';
import type { ChatProvider } from '@graft/providers';
import { createSandbox, type Sandbox } from '@graft/sandbox';

/** The system prompt of the example agent. */
export const EXAMPLE_INSTRUCTIONS =
  'You are a helpful assistant inside an app. When the user wants a new integration or data source, call build_module. ' +
  'Never ask for API keys or passwords in the chat: the app collects them. Use installed module tools to answer questions.';

/** Options of `createGraftApp`. */
export interface GraftAppOptions {
  /** Cheap tier (chat, extraction…). */
  standard: ChatProvider;
  /** Strong tier (coding, module generation). Defaults to `standard`. */
  heavy?: ChatProvider;
  /** SQLite file to persist into; in memory when omitted. */
  sqlite?: string;
  /** 32-byte master key of the credential vault (`GRAFT_MASTER_KEY` in a real app). */
  masterKey: Uint8Array;
  /**
   * Lets modules reach `http://127.0.0.1:<port>`: only for local stand-ins of an API (the demo
   * and tests). Never set it in production.
   */
  allowLocalApis?: boolean;
}

/** The wired pieces. */
export interface GraftApp {
  agent: Agent;
  modules: ModuleManager;
  store: GraftStore;
  sandbox: Sandbox;
  /** Closes the store and the sandbox's workers. */
  close(): Promise<void>;
}

/** Wires store, router, sandbox, modules and agent. */
export async function createGraftApp(options: GraftAppOptions): Promise<GraftApp> {
  const store = createStore(options.sqlite ? { sqlite: options.sqlite } : {});
  const sandbox = await createSandbox();
  const router = createRouter({ tiers: { standard: options.standard, heavy: options.heavy ?? options.standard } });
  const modules = new ModuleManager({
    store,
    sandbox,
    router,
    vault: { key: options.masterKey },
    ...(options.allowLocalApis ? { sandboxCapabilities: { allowInsecureHttp: true, allowPrivateNetwork: true } } : {}),
  });
  const agent = new Agent({
    router,
    store,
    instructions: EXAMPLE_INSTRUCTIONS,
    tools: createMetaTools(modules),
    toolSources: [modules.toolSource()],
  });
  return {
    agent,
    modules,
    store,
    sandbox,
    async close() {
      await sandbox.close();
      await store.close();
    },
  };
}
