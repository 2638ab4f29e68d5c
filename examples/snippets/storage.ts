// Storage: in memory, an embedded SQLite file, or Redis / PostgreSQL shared by several app
// instances. Each backend's client library is an optional peer dependency, loaded on use:
// `npm install better-sqlite3@12`, `ioredis@5` or `pg@8` next to @graft/core.
import { createStore, type GraftStore } from '@graft/core';

export function openStore(kind: 'memory' | 'sqlite' | 'redis' | 'postgres'): GraftStore {
  if (kind === 'memory') return createStore();
  if (kind === 'sqlite') return createStore({ sqlite: '.graft/graft.sqlite' });
  if (kind === 'redis') return createStore({ redis: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', namespace: 'my-app' });
  return createStore({ postgres: process.env.DATABASE_URL ?? 'postgres://graft@127.0.0.1:5432/app', namespace: 'my-app' });
}

// What several instances need beyond get/set: an atomic read-modify-write, leases, notifications.
export async function counters(store: GraftStore): Promise<void> {
  // Atomic on the backend: two instances incrementing at once never lose an increment.
  await store.update<number>('visits', (n) => (n ?? 0) + 1);
  // Every instance hears a publish within milliseconds (SQLite: within NOTIFY_POLL_MS).
  const off = await store.subscribe('config', () => console.log('config changed somewhere'));
  await store.publish('config');
  await off();
}
