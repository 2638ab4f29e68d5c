/**
 * Each worker keeps the scrubbers of its most recent secret sets: runs that alternate between
 * many secret sets must each be scrubbed with their own set, never a cached neighbour's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '@graft/sandbox';
import { SCRUBBER_CACHE_SIZE } from '../src/limits.js';
import { loopbackFetch, startServer, type TestServer } from './helpers/server.js';

let sandbox: Sandbox;
let echo: TestServer;

beforeAll(async () => {
  sandbox = await createSandbox({ workers: 1 });
  echo = await startServer((req, res) => res.end(String(req.headers['x-key'] ?? '')));
});
afterAll(async () => {
  await sandbox.dispose();
  await echo.close();
});

describe('scrubber cache', () => {
  it('alternating among more secret sets than the cache holds, every echoed secret is redacted', async () => {
    const sets = Array.from({ length: SCRUBBER_CACHE_SIZE + 3 }, (_, i) => ({ K: `canary-set-${i}-${'z'.repeat(8)}` }));
    const src = `export default async (input, ctx) => { const r = await ctx.fetch(input.url, { headers: { 'X-Key': ctx.secret('K') } }); ctx.log(await r.text()); return r.text() }`;
    for (let round = 0; round < 2; round++) {
      for (const secrets of sets) {
        const r = await sandbox.run(src, { input: { url: `${echo.origin}/k` }, capabilities: { fetch: loopbackFetch([echo.host], secrets), log: true } });
        expect(r).toMatchObject({ ok: true, value: '[REDACTED]' });
        expect(echo.requests.at(-1)!.headers['x-key']).toBe(secrets.K);
        expect(JSON.stringify(r)).not.toContain(secrets.K);
      }
    }
  });
});
