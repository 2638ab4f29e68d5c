/**
 * An approval is claimed once across instances: claimers on separate connections to one real
 * SQLite file, in this process and in four other Node processes started at the same instant,
 * race for the same keys, and exactly one wins each, through the store's atomic `update`.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { GraftStore } from '@graft/core';
import { claimOnce } from '../src/store/ops.js';
import { sqliteStore, tempDb } from './manager-fixtures.js';

const open: GraftStore[] = [];
const dbs: Array<{ cleanup(): void }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  dbs.splice(0).forEach((d) => d.cleanup());
});

describe('claimOnce across connections', () => {
  it('exactly one of 24 concurrent claimers on 4 connections wins, for each of 5 keys', async () => {
    const db = tempDb();
    dbs.push(db);
    const stores = Array.from({ length: 4 }, () => sqliteStore(db.file));
    open.push(...stores);
    for (let k = 0; k < 5; k++) {
      const key = `approval/used/${k}`;
      const results = await Promise.all(Array.from({ length: 24 }, (_, i) => claimOnce(stores[i % stores.length]!, key, { by: `claimer-${i}` }, 60_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
      // A later claim, from any connection, loses too.
      expect(await claimOnce(stores[3]!, key, { by: 'late' }, 60_000)).toBe(false);
    }
  });

  it('exactly one of 4 processes wins each of 10 keys', async () => {
    const db = tempDb();
    dbs.push(db);
    const worker = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/claim-worker.ts');
    const at = Date.now() + 3_000;
    const runs = Array.from(
      { length: 4 },
      (_, i) =>
        new Promise<boolean[]>((resolve, reject) => {
          const child = spawn(process.execPath, ['--conditions=@graft/source', '--import', 'tsx', worker], {
            env: { ...process.env, CLAIM_DB: db.file, CLAIM_KEYS: '10', CLAIM_AT: String(at), CLAIM_ID: `p${i}` },
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let out = '';
          let err = '';
          child.stdout.on('data', (c) => (out += c));
          child.stderr.on('data', (c) => (err += c));
          child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as boolean[]) : reject(new Error(`worker ${i} exited ${code}: ${err}`))));
        }),
    );
    const won = await Promise.all(runs);
    for (let k = 0; k < 10; k++) expect(won.filter((w) => w[k]).length, `key ${k}`).toBe(1);
  }, 60_000);
});
