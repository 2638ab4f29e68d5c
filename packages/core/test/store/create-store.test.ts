import { afterAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { Keyv } from 'keyv';
import { createStore, GraftCoreError, StoreError } from '@graft/core';
import { tempDir } from './temp-dir.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

describe('createStore', () => {
  it('persists to a SQLite file across close and reopen, index included', async () => {
    const path = tmp.file('persist.db');
    const first = createStore({ sqlite: path });
    await first.namespace('modules').set('weather', { version: '1.0.0' });
    await first.namespace('modules').set('clash', { version: '2.1.0' });
    await first.close();
    expect(existsSync(path)).toBe(true);

    const second = createStore({ sqlite: path });
    expect(await second.namespace('modules').list()).toEqual([
      { key: 'clash', value: { version: '2.1.0' } },
      { key: 'weather', value: { version: '1.0.0' } },
    ]);
    await second.close();
  });

  it('sees writes of another store open on the same SQLite file', async () => {
    const path = tmp.file('shared.db');
    const a = createStore({ sqlite: path });
    const b = createStore({ sqlite: path });
    await a.set('from-a', 1);
    expect(await b.get('from-a')).toBe(1);
    expect(await b.keys()).toEqual(['from-a']);
    await Promise.all([a.close(), b.close()]);
  });

  it('lists every key when two stores on one SQLite file add keys to the same namespace at once', async () => {
    const path = tmp.file('two-writers.db');
    const a = createStore({ sqlite: path }).namespace('registry');
    const b = createStore({ sqlite: path }).namespace('registry');
    const names = (who: string) => Array.from({ length: 40 }, (_, i) => `${who}-${String(i).padStart(2, '0')}`);
    await Promise.all([...names('a').map((k) => a.set(k, k)), ...names('b').map((k) => b.set(k, k))]);
    const expected = [...names('a'), ...names('b')].sort();
    expect(await a.keys()).toEqual(expected);
    expect(await b.keys()).toEqual(expected);
    await Promise.all(names('a').map((k) => b.delete(k)));
    expect(await a.keys()).toEqual(names('b'));
    await Promise.all([a.close(), b.close()]);
  });

  it('separates apps sharing a backend by root namespace', async () => {
    const keyv = new Keyv();
    const appA = createStore({ keyv, namespace: 'app-a' });
    const appB = createStore({ keyv, namespace: 'app-b' });
    await appA.set('config', 'A');
    await appB.set('config', 'B');
    expect(await appA.get('config')).toBe('A');
    expect(await appB.get('config')).toBe('B');
    expect(appA.path).toEqual(['app-a']);
  });

  it('rejects more than one backend with STORE_CONFIG_INVALID naming both', () => {
    let error: unknown;
    try {
      createStore({ sqlite: tmp.file('x.db'), keyv: new Keyv() });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toBeInstanceOf(GraftCoreError);
    expect(error).toMatchObject({ code: 'STORE_CONFIG_INVALID', name: 'StoreError' });
    expect((error as Error).message).toMatch(/sqlite and keyv/);
    expect(() => createStore({ sqlite: '' })).toThrow(/file path/);
    expect(() => createStore({ keyv: {} as never })).toThrow(StoreError);
  });

  it('reports an unopenable SQLite path as STORE_BACKEND_FAILED on first use, with the cause kept', async () => {
    const store = createStore({ sqlite: tmp.file('missing-dir/sub/x.db') });
    const error = await store.get('k').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'STORE_BACKEND_FAILED' });
    expect((error as Error).message).toMatch(/SQLite path/);
    expect((error as Error).cause).toBeDefined();
    await store.close();
  });

  it('wraps adapter failures as STORE_BACKEND_FAILED without copying the value into the message', async () => {
    const failing = new Map();
    failing.set = () => {
      throw new Error('disk full');
    };
    const store = createStore({ adapter: failing as never });
    const error = await store.set('secret', 'sk-canary-12345').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STORE_BACKEND_FAILED' });
    expect((error as Error).message).not.toContain('sk-canary-12345');
  });
});
