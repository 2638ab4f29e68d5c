import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { Keyv } from 'keyv';
import { createStore, type GraftStore } from '@graft/core';
import { isolatedStore, serviceUrl } from './services.js';
import { tempDir } from './temp-dir.js';

const tmp = tempDir('graft-backends-');
afterAll(() => tmp.remove());

describe('backends are optional peers', () => {
  it('@graft/core depends on no native module: SQLite, Redis and PostgreSQL clients are optional peers', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      dependencies: Record<string, string>;
      peerDependencies: Record<string, string>;
      peerDependenciesMeta: Record<string, { optional?: boolean }>;
    };
    for (const name of ['sqlite3', '@keyv/sqlite', 'better-sqlite3', 'ioredis', 'pg', 'redis']) expect(pkg.dependencies[name]).toBeUndefined();
    for (const name of ['better-sqlite3', 'ioredis', 'pg']) {
      expect(pkg.peerDependencies[name]).toBeDefined();
      expect(pkg.peerDependenciesMeta[name]?.optional).toBe(true);
    }
  });

  it('refuses two backends and malformed URLs with STORE_CONFIG_INVALID', () => {
    expect(() => createStore({ redis: 'redis://x', postgres: 'postgres://y' })).toThrow(expect.objectContaining({ code: 'STORE_CONFIG_INVALID' }));
    expect(() => createStore({ redis: 'http://127.0.0.1:6379' })).toThrow(expect.objectContaining({ code: 'STORE_CONFIG_INVALID' }));
    expect(() => createStore({ postgres: 'mysql://u@h/db' })).toThrow(expect.objectContaining({ code: 'STORE_CONFIG_INVALID' }));
    expect(() => createStore({ sqlite: 'a.db', keyv: new Keyv() })).toThrow(expect.objectContaining({ code: 'STORE_CONFIG_INVALID' }));
  });

  it('an unreachable Redis or PostgreSQL fails on first use with STORE_BACKEND_FAILED, without leaking the password', async () => {
    // A port nobody listens on: bind one, then close it.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise((resolve) => server.close(resolve));
    const stores = [
      createStore({ redis: `redis://:hunter2-secret@127.0.0.1:${port}`, redisOptions: { client: { retryStrategy: () => null } } }),
      createStore({ postgres: `postgres://u:hunter2-secret@127.0.0.1:${port}/db` }),
    ];
    for (const store of stores) {
      const error = await store.get('k').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'STORE_BACKEND_FAILED' });
      expect((error as Error).message).not.toContain('hunter2');
      await store.close();
    }
  });
});

describe('Keyv adapters', () => {
  it('two stores over one Keyv instance list every key either wrote (the index lock is per Keyv instance)', async () => {
    const keyv = new Keyv();
    const a = createStore({ keyv });
    const b = createStore({ keyv });
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).set(`k${String(i).padStart(2, '0')}`, i)));
    expect(await a.keys()).toHaveLength(20);
    expect(await b.keys()).toHaveLength(20);
    expect(a.backend).toBe('keyv');
    await a.close();
  });
});

const shared: Array<[string, () => [GraftStore, GraftStore]]> = [
  [
    'sqlite',
    () => {
      const file = tmp.file(`shared-${Math.random()}.db`);
      return [isolatedStore('sqlite', { file }), isolatedStore('sqlite', { file })];
    },
  ],
];
for (const kind of ['redis', 'postgres'] as const) {
  if (serviceUrl(kind)) {
    shared.push([
      kind,
      () => {
        const id = `b${Math.random().toString(16).slice(2, 10)}`;
        return [isolatedStore(kind, { id }), isolatedStore(kind, { id })];
      },
    ]);
  }
}

describe.each(shared)('two stores (two connections) on one %s', (_name, make) => {
  it('list every key either wrote, and lose no concurrent increment', async () => {
    const [a, b] = make();
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).set(`k${String(i).padStart(2, '0')}`, i)));
    const expected = Array.from({ length: 20 }, (_, i) => `k${String(i).padStart(2, '0')}`);
    expect(await a.keys()).toEqual(expected);
    expect(await b.keys()).toEqual(expected);
    await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).update<number>('n', (n) => (n ?? 0) + 1)));
    expect(await a.get('n')).toBe(30);
    await a.close();
    await b.close();
  });

  it('a publish on one reaches a subscriber on the other within a second', async () => {
    const [a, b] = make();
    let heard = 0;
    const off = await b.subscribe('modules', () => heard++);
    const started = Date.now();
    await a.publish('modules');
    while (heard === 0 && Date.now() - started < 1_000) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(heard).toBeGreaterThan(0);
    await off();
    await a.close();
    await b.close();
  });
});
