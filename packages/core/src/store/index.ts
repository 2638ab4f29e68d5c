/**
 * Persistence: the {@link GraftStore} contract, `createStore` (memory, SQLite, Redis,
 * PostgreSQL, any Keyv adapter), leases, and a LangGraph checkpointer on top of it.
 */
export type { GraftStore, StoreEntry, CreateStoreOptions, StoreBackend, UpdateOptions } from './types.js';
export { createStore } from './create-store.js';
export { StoreError, type StoreErrorCode } from './errors.js';
export { acquireLease, type Lease, type LeaseOptions } from './lease.js';
export { GraftCheckpointSaver, createCheckpointer, type CheckpointerOptions, type CheckpointChannelVersions } from './checkpointer.js';
