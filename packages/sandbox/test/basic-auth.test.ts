/**
 * HTTP Basic credentials the guest encodes itself (`'Basic ' + btoa(user + ':' + ctx.secret(K))`):
 * the allowed server receives the real credentials; the guest and the result never see them; a
 * host outside the allowlist never gets them. Also: `init.headers` as a Map.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunResult, type Sandbox } from '@graft/sandbox';
import { substitute, substituteHeaderValue } from '../src/host/substitute.js';
import { loopbackFetch, startServer, type TestServer } from './helpers/server.js';

const SECRET = 'sk-basic-CANARY-4b3c2d1e0f';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const FORBIDDEN = [SECRET, b64(`ana:${SECRET}`), b64(SECRET), b64(`ana:${SECRET}`).slice(4, -4)];

let sandbox: Sandbox;
let echo: TestServer;
let other: TestServer;

beforeAll(async () => {
  sandbox = await createSandbox();
  const handler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
    const auth = String(req.headers.authorization ?? '');
    if (req.url === '/hop') {
      res.statusCode = 302;
      res.setHeader('location', `${other.origin}/landed`);
      res.end();
      return;
    }
    res.setHeader('x-echo-auth', auth);
    res.setHeader('content-type', 'application/json');
    const decoded = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString('utf8') : '';
    res.end(JSON.stringify({ auth, decoded, token: req.headers['x-token'] ?? null, extra: req.headers['x-extra'] ?? null }));
  };
  echo = await startServer(handler);
  other = await startServer(handler);
});
afterAll(async () => {
  await sandbox.dispose();
  await echo.close();
  await other.close();
});

function assertNoSecret(r: RunResult) {
  const everything = JSON.stringify(r);
  for (const form of FORBIDDEN) expect(everything, `leaked form ${form}`).not.toContain(form);
}

const BASIC = `export default async (input, ctx) => {
  const key = ctx.secret('API_KEY');
  const r = await ctx.fetch(input.url, { headers: { Authorization: 'Basic ' + btoa('ana:' + key) } });
  const body = await r.json();
  return { status: r.status, body, header: r.headers.get('x-echo-auth'), sawPlaceholder: key.startsWith('GRAFT_SECRET_') };
}`;

describe('Basic credentials encoded by the guest', () => {
  it('the allowed server receives the real credentials; the guest and the result do not', async () => {
    const r = await sandbox.run(BASIC, {
      input: { url: `${echo.origin}/me` },
      capabilities: { fetch: loopbackFetch([echo.host], { API_KEY: SECRET }), log: true },
    });
    expect(r.ok).toBe(true);
    const seen = echo.requests.at(-1)!;
    expect(seen.url).toBe('/me');
    expect(seen.headers.authorization).toBe(`Basic ${b64(`ana:${SECRET}`)}`);
    const value = (r as unknown as { value: { body: { decoded: string }; sawPlaceholder: boolean } }).value;
    expect(value.sawPlaceholder).toBe(true);
    expect(value.body.decoded).toBe('ana:[REDACTED]');
    assertNoSecret(r);
  });

  it('a host outside the allowlist never gets them', async () => {
    const before = other.requests.length;
    const r = await sandbox.run(BASIC, {
      input: { url: `${other.origin}/steal` },
      capabilities: { fetch: loopbackFetch([echo.host], { API_KEY: SECRET }) },
    });
    expect(r.ok ? undefined : r.error.code).toBe('CAPABILITY_DENIED');
    expect(other.requests.length).toBe(before);
    assertNoSecret(r);
  });

  it('a redirect to another origin drops the substituted credentials', async () => {
    const r = await sandbox.run(BASIC, {
      input: { url: `${echo.origin}/hop` },
      capabilities: { fetch: loopbackFetch([echo.host, other.host], { API_KEY: SECRET }) },
    });
    expect(r.ok).toBe(true);
    const landed = other.requests.at(-1)!;
    expect(landed.url).toBe('/landed');
    expect(landed.headers.authorization).toBeUndefined();
    expect(JSON.stringify(other.requests)).not.toContain(b64(`ana:${SECRET}`).slice(4, -4));
    assertNoSecret(r);
  });

  it('Basic credentials without a placeholder pass unchanged; base64 placeholders elsewhere are not substituted', async () => {
    const r = await sandbox.run(
      `export default async (input, ctx) => {
        const r = await ctx.fetch(input.url, { headers: [['Authorization', 'Basic ' + btoa('ana:plain')], ['X-Token', btoa(ctx.secret('API_KEY'))]] });
        return r.json();
      }`,
      { input: { url: `${echo.origin}/plain` }, capabilities: { fetch: loopbackFetch([echo.host], { API_KEY: SECRET }) } },
    );
    expect(r.ok).toBe(true);
    const seen = echo.requests.at(-1)!;
    expect(seen.headers.authorization).toBe(`Basic ${b64('ana:plain')}`);
    // only `Basic` credentials are decoded: the server sees the base64 of the placeholder
    expect(Buffer.from(String(seen.headers['x-token']), 'base64').toString()).toMatch(/^GRAFT_SECRET_[0-9a-f]{24}$/);
    assertNoSecret(r);
  });

  it('the harness substitutes inside Basic credentials before matching fixtures', async () => {
    const report = await sandbox.runTests(
      `export const tools = { me: { async run(input, ctx) {
        const r = await ctx.fetch('https://api.example.com/me', { headers: { Authorization: 'Basic ' + btoa('ana:' + ctx.secret('API_KEY')) } });
        return r.json();
      } } }`,
      [
        {
          name: 'me',
          entry: 'tools.me.run',
          http: [{ request: { url: 'https://api.example.com/me' }, response: { status: 200, json: { name: 'Ana' } } }],
          expect: { name: 'Ana' },
        },
      ],
      { secrets: { API_KEY: SECRET } },
    );
    expect(report.passed).toBe(1);
  });
});

describe('init.headers as a Map or another iterable', () => {
  it('a Map is sent, with placeholders substituted', async () => {
    const r = await sandbox.run(
      `export default async (input, ctx) => {
        const h = new Map([['X-Token', ctx.secret('API_KEY')], ['X-Extra', 'yes']]);
        return (await ctx.fetch(input.url, { headers: h })).json();
      }`,
      { input: { url: `${echo.origin}/map` }, capabilities: { fetch: loopbackFetch([echo.host], { API_KEY: SECRET }) } },
    );
    expect(r).toMatchObject({ ok: true, value: { token: '[REDACTED]', extra: 'yes' } });
    const seen = echo.requests.at(-1)!;
    expect(seen.headers['x-token']).toBe(SECRET);
    expect(seen.headers['x-extra']).toBe('yes');
    assertNoSecret(r);
  });

  it('a Set (or any other iterable that is not an array or a Map) is a GUEST_ERROR, never silently dropped', async () => {
    const before = echo.requests.length;
    const r = await sandbox.run(`export default async (input, ctx) => (await ctx.fetch(input.url, { headers: new Set([['X-Extra', 'yes']]) })).text()`, {
      input: { url: `${echo.origin}/set` },
      capabilities: { fetch: loopbackFetch([echo.host]) },
    });
    expect(r.ok).toBe(false);
    expect(r.ok ? undefined : r.error).toMatchObject({ code: 'GUEST_ERROR', message: expect.stringContaining('a Map or an array of [name, value] pairs') });
    expect(echo.requests.length).toBe(before);
  });
});

describe('substituteHeaderValue (pure)', () => {
  const placeholders = new Map([['GRAFT_SECRET_aaaaaaaaaaaaaaaaaaaaaaaa', 'p@ss:wörd']]);
  const token = (s: string) => Buffer.from(s, 'utf8').toString('base64');

  it('re-encodes a Basic credential holding a placeholder, in any case of the scheme, beside other text', () => {
    const v = `basic ${token('u:GRAFT_SECRET_aaaaaaaaaaaaaaaaaaaaaaaa')}, Bearer x`;
    expect(substituteHeaderValue(v, placeholders)).toEqual({ text: `basic ${token('u:p@ss:wörd')}, Bearer x`, used: true });
  });

  it('leaves other tokens, non-canonical base64 and plain values alone', () => {
    expect(substituteHeaderValue(`Basic ${token('u:p')}`, placeholders)).toEqual({ text: `Basic ${token('u:p')}`, used: false });
    expect(substituteHeaderValue('Basic not*base64', placeholders).used).toBe(false);
    expect(substituteHeaderValue('Basic GRAFT_SECRET_aaaaaaaaaaaaaaaaaaaaaaaa', placeholders)).toEqual({ text: 'Basic p@ss:wörd', used: true });
    expect(substitute('a GRAFT_SECRET_aaaaaaaaaaaaaaaaaaaaaaaa', placeholders, true).text).toBe(`a ${encodeURIComponent('p@ss:wörd')}`);
  });
});
