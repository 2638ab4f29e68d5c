/**
 * Persistence: the {@link GraftStore} contract, `createStore` (memory, SQLite, any Keyv
 * adapter) and a LangGraph checkpointer on top of it.
 */
export type { GraftStore, StoreEntry, CreateStoreOptions } from './types.js';
export { createStore } from './create-store.js';
export { StoreError, type StoreErrorCode } from './errors.js';
export { GraftCheckpointSaver, createCheckpointer, type CheckpointerOptions, type CheckpointChannelVersions } from './checkpointer.js';
