/**
 * `Response.url` never hands the guest a substituted secret: the guest gets back the URL it
 * asked for (with the placeholder), also as the final URL of a redirect chain, even when the
 * secret holds every character the host re-serializes (`'"\%+&=/` and spaces). A guest that
 * decodes, reverses or re-encodes what it reads cannot reconstruct the secret from it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunResult, type Sandbox } from '@graft/sandbox';
import { loopbackFetch, startServer, type TestServer } from '../helpers/server.js';

const SECRET = `p'a"s\\s%w+o&r=d/ x y`;
const reverse = (s: string) => [...s].reverse().join('');

let sandbox: Sandbox;
let server: TestServer;

beforeAll(async () => {
  sandbox = await createSandbox();
  server = await startServer((req, res) => {
    if (req.url?.startsWith('/hop')) {
      // a redirect that carries the query (and so the secret, as the server received it) along
      res.statusCode = 302;
      res.setHeader('location', `/landed${req.url.slice('/hop'.length)}`);
      res.end();
      return;
    }
    res.end('ok');
  });
});
afterAll(async () => {
  await sandbox.dispose();
  await server.close();
});

/** The guest reads `res.url` and returns every decoding of it it can think of, reversed too. */
const READ_URL = `export default async (input, ctx) => {
  const key = ctx.secret('API_KEY');
  const r = await ctx.fetch(input.base + '?q=' + encodeURIComponent(key) + '&raw=' + key + '&p=' + encodeURIComponent(key) + 'z', {});
  const url = r.url;
  let decoded = url;
  try { decoded = decodeURIComponent(url); } catch {}
  const form = new URLSearchParams(url.split('?')[1] ?? '');
  const values = [...form.values()];
  const rev = (s) => [...s].reverse().join('');
  return { url, key, decoded, rev: rev(decoded), values, revValues: values.map(rev), hasKey: url.includes(key) };
}`;

function everything(r: RunResult): string {
  return JSON.stringify(r);
}

function assertSecretAbsent(r: RunResult) {
  const text = everything(r);
  const parsed = JSON.parse(text) as unknown;
  const strings: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(parsed);
  for (const s of strings) {
    expect(s).not.toContain(SECRET);
    expect(s).not.toContain(reverse(SECRET));
    expect(s).not.toContain(encodeURIComponent(SECRET));
    expect(s).not.toContain(encodeURIComponent(SECRET).replace(/'/g, '%27'));
  }
}

describe('Response.url', () => {
  it('is the URL the guest asked for, with the placeholder, not the substituted secret', async () => {
    const r = await sandbox.run(READ_URL, {
      input: { base: `${server.origin}/direct` },
      capabilities: { fetch: loopbackFetch([server.host], { API_KEY: SECRET }) },
    });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    // the server did receive the real secret
    const seen = server.requests.at(-1)!;
    expect(new URL(seen.url, server.origin).searchParams.get('q')).toBe(SECRET);
    const value = (r as unknown as { value: { url: string; key: string; hasKey: boolean } }).value;
    expect(value.key).toMatch(/^GRAFT_SECRET_/);
    expect(value.hasKey).toBe(true);
    assertSecretAbsent(r);
  });

  it('is the final URL of a redirect chain with the placeholder back in place of the secret', async () => {
    const r = await sandbox.run(READ_URL, {
      input: { base: `${server.origin}/hop` },
      capabilities: { fetch: loopbackFetch([server.host], { API_KEY: SECRET }) },
    });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const seen = server.requests.at(-1)!;
    expect(seen.url.startsWith('/landed?')).toBe(true);
    expect(new URL(seen.url, server.origin).searchParams.get('q')).toBe(SECRET);
    const value = (r as unknown as { value: { url: string; key: string } }).value;
    expect(value.url.startsWith(`${server.origin}/landed?`)).toBe(true);
    expect(value.url).toContain(value.key);
    assertSecretAbsent(r);
  });
});
