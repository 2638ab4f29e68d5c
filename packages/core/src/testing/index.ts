/**
 * `@graft/core/testing`: helpers for unit tests of apps built on `@graft/core`: an in-memory
 * store, a scripted agent, stream and event collectors, and `ScriptedProvider` (re-exported
 * from `@graft/providers/testing`), and the `GraftStore` conformance suite for other adapters.
 * @packageDocumentation
 */
export { ScriptedProvider } from '@graft/providers/testing';
export type { ProviderScript, ScriptedAnswer, ScriptedReply, ScriptedProviderOptions } from '@graft/providers/testing';
export { createMemoryStore, createScriptedAgent, type ScriptedAgentOptions } from './scripted-agent.js';
export { collectStream, recordEvents, type CollectedStream, type RecordedEvents } from './collectors.js';
export { hashEmbedder, type HashEmbedderOptions } from './hash-embedder.js';
export { storeConformanceCases, runStoreConformance, type StoreConformanceCase, type StoreConformanceReport, type StoreFactory } from './store-conformance.js';
