// Storage: in memory, an embedded SQLite file, or any Keyv adapter (Redis, PostgreSQL) shared
// by several app instances.
import { createStore, type GraftStore } from '@graft/core';
import type { KeyvStoreAdapter } from 'keyv';

export async function openStore(kind: 'memory' | 'sqlite' | 'shared', adapter?: KeyvStoreAdapter): Promise<GraftStore> {
  if (kind === 'memory') return createStore();
  if (kind === 'sqlite') return createStore({ sqlite: '.graft/graft.sqlite' });
  // e.g. `new KeyvRedis('redis://127.0.0.1:6379')` from @keyv/redis, or @keyv/postgres.
  if (!adapter) throw new Error('pass a Keyv adapter');
  return createStore({ adapter, namespace: 'my-app' });
}
