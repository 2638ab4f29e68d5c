/**
 * Secret exfiltration: the guest only ever holds placeholders; the host substitutes real values
 * on allowed requests and scrubs every known encoding from everything that flows back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunResult, type Sandbox } from '@graft/sandbox';
import { loopbackFetch, startServer, type TestServer } from '../helpers/server.js';

const SECRET = 'sk-live-CANARY-9f8e7d6c5b4a';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const b64url = (s: string) => Buffer.from(s).toString('base64url');
const hex = (s: string) => Buffer.from(s).toString('hex');
/** Every form that must never come back to the caller. */
const FORBIDDEN = [
  SECRET,
  b64(SECRET),
  b64url(SECRET),
  hex(SECRET),
  hex(SECRET).toUpperCase(),
  encodeURIComponent(`Bearer ${SECRET}`),
  b64(`Bearer ${SECRET}`).slice(12, -4),
  b64(`user:${SECRET}`).slice(8, -4),
  b64(`x${SECRET}`).slice(4, -4),
  b64(`xy${SECRET}`).slice(4, -4),
];

let sandbox: Sandbox;
let echo: TestServer;

beforeAll(async () => {
  sandbox = await createSandbox();
  echo = await startServer((req, res) => {
    const auth = String(req.headers.authorization ?? '');
    res.setHeader('x-echo-auth', auth);
    res.setHeader('x-echo-b64', b64(auth));
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        auth,
        url: req.url,
        b64: b64(auth),
        b64url: b64url(auth),
        hex: hex(auth),
        HEX: hex(auth).toUpperCase(),
        uri: encodeURIComponent(auth),
        raw: b64(SECRET),
        basic: b64(`user:${SECRET}`),
      }),
    );
  });
});
afterAll(async () => {
  await sandbox.dispose();
  await echo.close();
});

function assertNoSecret(r: RunResult) {
  const everything = JSON.stringify(r);
  for (const form of FORBIDDEN) expect(everything, `leaked form ${form}`).not.toContain(form);
}

const caps = () => ({ fetch: loopbackFetch([echo.host], { API_KEY: SECRET }), log: true });

describe('secrets never reach the guest or the caller', () => {
  it('substitutes the real value for allowed requests, and scrubs the echoed value in all encodings', async () => {
    const src = `export default async (i, ctx) => {
      const key = ctx.secret('API_KEY');
      const r = await ctx.fetch(i.url + '/path?key=' + key, { headers: { Authorization: 'Bearer ' + key } });
      const body = await r.json();
      ctx.log('echo', body, r.headers.get('x-echo-auth'));
      return { placeholder: key, body, headers: [...r.headers.entries()] };
    }`;
    const r = await sandbox.run(src, { input: { url: echo.origin }, capabilities: caps() });
    expect(r.ok).toBe(true);
    const seen = echo.requests.at(-1)!;
    expect(seen.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(seen.url).toBe(`/path?key=${encodeURIComponent(SECRET)}`);
    assertNoSecret(r);
    if (r.ok) {
      const v = r.value as { placeholder: string; body: Record<string, string> };
      expect(v.placeholder).toMatch(/^[A-Za-z0-9_]+$/);
      expect(v.body.auth).toBe('Bearer [REDACTED]');
      expect(v.body.raw).toBe('[REDACTED]');
    }
  });

  it('scrubs secrets the guest smuggles into error messages', async () => {
    const src = `export default async (i, ctx) => {
      const r = await ctx.fetch(i.url, { headers: { Authorization: 'Bearer ' + ctx.secret('API_KEY') } });
      const body = await r.json();
      throw new Error('leak: ' + body.auth + ' ' + body.b64 + ' ' + body.hex + ' ' + body.basic);
    }`;
    const r = await sandbox.run(src, { input: { url: echo.origin }, capabilities: caps() });
    expect(r).toMatchObject({ ok: false, error: { code: 'GUEST_ERROR' } });
    if (!r.ok) expect(r.error.message).toContain('[REDACTED]');
    assertNoSecret(r);
  });

  it('placeholders are random per run and inert in the next run', async () => {
    const get = 'export default (i, ctx) => ctx.secret("API_KEY")';
    const a = await sandbox.run(get, { capabilities: caps() });
    const b = await sandbox.run(get, { capabilities: caps() });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.value).not.toBe(b.value);
    // Reusing the old placeholder in a new run sends it verbatim: no substitution.
    const reuse = `export default async (i, ctx) => (await ctx.fetch(i.url, { headers: { Authorization: i.old } })).status`;
    const r = await sandbox.run(reuse, { input: { url: echo.origin, old: a.value as string }, capabilities: caps() });
    expect(r.ok).toBe(true);
    expect(echo.requests.at(-1)!.headers.authorization).toBe(a.value);
  });

  it('undeclared or inherited secret names throw in the guest', async () => {
    const src = `export default (i, ctx) => ['OTHER', 'constructor', '__proto__', 'toString', 'hasOwnProperty'].map((n) => { try { ctx.secret(n); return 'returned' } catch (e) { return e instanceof TypeError } })`;
    const r = await sandbox.run(src, { capabilities: caps() });
    expect(r).toMatchObject({ ok: true, value: [true, true, true, true, true] });
  });

  it('the secret value is absent from the guest heap (no host object, no env fallback)', async () => {
    const src = `export default (i, ctx) => {
      const seen = [];
      const walk = (o, d) => { if (d > 3 || o === null || (typeof o !== 'object' && typeof o !== 'function')) return; for (const k of Reflect.ownKeys(o)) { try { const v = o[k]; if (typeof v === 'string') seen.push(v); else walk(v, d + 1); } catch {} } };
      walk(ctx, 0); walk(globalThis, 0);
      return { found: seen.some((s) => s.includes('CANARY')), hasProcess: typeof process, hasRequire: typeof require };
    }`;
    const r = await sandbox.run(src, { capabilities: caps() });
    expect(r).toMatchObject({ ok: true, value: { found: false, hasProcess: 'undefined', hasRequire: 'undefined' } });
  });

  it('scrubs secrets from logs and the returned value even when the guest assembles them from a response', async () => {
    const src = `export default async (i, ctx) => {
      const r = await ctx.fetch(i.url, { headers: { Authorization: 'Bearer ' + ctx.secret('API_KEY') } });
      const auth = r.headers.get('x-echo-auth');
      ctx.log.error(auth, r.headers.get('x-echo-b64'));
      return { auth, text: await r.text() };
    }`;
    const r = await sandbox.run(src, { input: { url: echo.origin }, capabilities: caps() });
    expect(r.ok).toBe(true);
    expect(r.logs.length).toBe(1);
    assertNoSecret(r);
  });
});
