/**
 * ctx.fetch against real loopback servers: the Response-like object, request rebuilding,
 * redirects re-checked per hop, and per-run caps (count, concurrency, response size).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '@graft/sandbox';
import { loopbackFetch, startServer, type TestServer } from './helpers/server.js';

let sandbox: Sandbox;
let api: TestServer;
let other: TestServer;
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  sandbox = await createSandbox();
  api = await startServer((req, res, body) => {
    if (req.url === '/json') {
      res.setHeader('content-type', 'application/json');
      res.setHeader('x-rate', '10');
      res.end(JSON.stringify({ hello: 'world' }));
    } else if (req.url === '/echo') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ method: req.method, headers: req.headers, body }));
    } else if (req.url === '/redirect-same') {
      res.statusCode = 302;
      res.setHeader('location', '/json');
      res.end();
    } else if (req.url === '/redirect-other') {
      res.statusCode = 302;
      res.setHeader('location', `${other.origin}/hit`);
      res.end();
    } else if (req.url === '/big') {
      res.end('x'.repeat(100_000));
    } else if (req.url === '/slow') {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        res.end('slow');
      }, 30);
    } else {
      res.statusCode = 404;
      res.end('not found');
    }
  });
  other = await startServer();
});
afterAll(async () => {
  await sandbox.dispose();
  await api.close();
  await other.close();
});

describe('ctx.fetch', () => {
  it('returns a Response-like object with status, headers, text() and json()', async () => {
    const src = `export default async (i, ctx) => {
      const r = await ctx.fetch(i.url);
      return { status: r.status, ok: r.ok, type: r.headers.get('Content-Type'), has: r.headers.has('x-rate'),
        entries: [...r.headers.entries()].length > 0, url: r.url, json: await r.json() };
    }`;
    const r = await sandbox.run(src, { input: { url: `${api.origin}/json` }, capabilities: { fetch: loopbackFetch([api.host]) } });
    expect(r).toMatchObject({
      ok: true,
      value: { status: 200, ok: true, type: 'application/json', has: true, entries: true, url: `${api.origin}/json`, json: { hello: 'world' } },
    });
    expect(r.stats.fetchCount).toBe(1);
  });

  it('sends method, headers and body; drops Host and X-Forwarded-* headers', async () => {
    const src = `export default async (i, ctx) => {
      const r = await ctx.fetch(i.url, { method: 'POST', headers: { 'content-type': 'text/plain', 'x-custom': 'yes', Host: 'evil.example', 'X-Forwarded-For': '1.2.3.4', 'x-forwarded-host': 'evil' }, body: 'payload', redirect: 'follow' });
      return r.json();
    }`;
    const r = await sandbox.run(src, { input: { url: `${api.origin}/echo` }, capabilities: { fetch: loopbackFetch([api.host]) } });
    expect(r.ok).toBe(true);
    const seen = api.requests.at(-1)!;
    expect(seen.method).toBe('POST');
    expect(seen.body).toBe('payload');
    expect(seen.headers['x-custom']).toBe('yes');
    expect(seen.headers.host).toBe(api.host);
    expect(seen.headers['x-forwarded-for']).toBeUndefined();
    expect(seen.headers['x-forwarded-host']).toBeUndefined();
  });

  it('follows a same-host redirect, re-checked', async () => {
    const src = 'export default async (i, ctx) => { const r = await ctx.fetch(i.url); return { status: r.status, url: r.url, body: await r.json() } }';
    const r = await sandbox.run(src, { input: { url: `${api.origin}/redirect-same` }, capabilities: { fetch: loopbackFetch([api.host]) } });
    expect(r).toMatchObject({ ok: true, value: { status: 200, url: `${api.origin}/json`, body: { hello: 'world' } } });
  });

  it('refuses a redirect to a host:port outside the allowlist (the target saw nothing)', async () => {
    const before = other.requests.length;
    const src = 'export default async (i, ctx) => { const r = await ctx.fetch(i.url); return r.status }';
    const r = await sandbox.run(src, { input: { url: `${api.origin}/redirect-other` }, capabilities: { fetch: loopbackFetch([api.host]) } });
    expect(r).toMatchObject({ ok: false, error: { code: 'CAPABILITY_DENIED' } });
    expect(other.requests.length).toBe(before);
  });

  it('caps the response size', async () => {
    const src = 'export default async (i, ctx) => (await ctx.fetch(i.url)).text()';
    const r = await sandbox.run(src, {
      input: { url: `${api.origin}/big` },
      capabilities: { fetch: loopbackFetch([api.host]) },
      limits: { responseBytes: 10_000 },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'GUEST_ERROR' } });
    if (!r.ok) expect(r.error.message).toContain('exceeds 10000 bytes');
  });

  it('caps the number of fetches per run', async () => {
    const src =
      'export default async (i, ctx) => { let n = 0; try { for (;;) { await ctx.fetch(i.url); n++ } } catch (e) { return { n, message: e.message } } }';
    const before = api.requests.length;
    const r = await sandbox.run(src, { input: { url: `${api.origin}/json` }, capabilities: { fetch: loopbackFetch([api.host]) }, limits: { fetchCount: 3 } });
    expect(r).toMatchObject({ ok: true, value: { n: 3 } });
    expect(api.requests.length - before).toBe(3);
  });

  it('caps concurrent fetches', async () => {
    maxInFlight = 0;
    const src = 'export default async (i, ctx) => (await Promise.all(Array.from({ length: 8 }, () => ctx.fetch(i.url).then((r) => r.text())))).length';
    const r = await sandbox.run(src, {
      input: { url: `${api.origin}/slow` },
      capabilities: { fetch: loopbackFetch([api.host]) },
      limits: { fetchConcurrency: 2 },
    });
    expect(r).toMatchObject({ ok: true, value: 8 });
    expect(maxInFlight).toBeLessThanOrEqual(2);
    expect(maxInFlight).toBeGreaterThan(0);
  });

  it('a refused fetch the guest does not catch ends the run with CAPABILITY_DENIED', async () => {
    const r = await sandbox.run("export default async (i, ctx) => ctx.fetch('https://example.com/')", {
      capabilities: { fetch: loopbackFetch([api.host]) },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'CAPABILITY_DENIED' } });
    if (!r.ok) expect(r.error.message).toContain('not in allowHosts');
  });
});
