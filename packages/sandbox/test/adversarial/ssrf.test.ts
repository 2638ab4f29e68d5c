/**
 * SSRF: every refused request is proven by the target server's request counter staying at 0.
 * allowPrivateNetwork stays false unless a test says otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, isNonPublicAddress, type Sandbox } from '@graft/sandbox';
import { sendHop } from '../../src/host/http-hop.js';
import { loopbackFetch, startServer, type TestServer } from '../helpers/server.js';

let sandbox: Sandbox;
let target: TestServer;
let redirector: TestServer;

beforeAll(async () => {
  sandbox = await createSandbox();
  target = await startServer();
  redirector = await startServer((req, res) => {
    res.statusCode = 302;
    res.setHeader('location', req.url === '/to-loopback-name' ? `http://localhost:${target.port}/` : `${target.origin}/secret-admin`);
    res.end();
  });
});
afterAll(async () => {
  await sandbox.dispose();
  await target.close();
  await redirector.close();
});

const FETCH = 'export default async (i, ctx) => { const r = await ctx.fetch(i.url, i.init); return { status: r.status, body: await r.text() } }';

async function refused(url: string, allowHosts: string[], extra: Record<string, unknown> = {}, init?: Record<string, unknown>) {
  const before = target.requests.length;
  const r = await sandbox.run(FETCH, {
    input: { url, ...(init ? { init } : {}) } as never,
    capabilities: { fetch: { allowHosts, allowInsecureHttp: true, ...extra } },
  });
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.error.code).toBe('CAPABILITY_DENIED');
  expect(target.requests.length).toBe(before);
  return r;
}

describe('SSRF is refused on the host', () => {
  it('refuses a loopback IP literal even when the allowlist names it', async () => {
    await refused(`http://127.0.0.1:${target.port}/`, [`127.0.0.1:${target.port}`]);
  });

  it('refuses [::ffff:127.0.0.1] (IPv4-mapped IPv6) and [::1]', async () => {
    await refused(`http://[::ffff:127.0.0.1]:${target.port}/`, [`[::ffff:7f00:1]:${target.port}`, `[::ffff:127.0.0.1]:${target.port}`]);
    await refused(`http://[::1]:${target.port}/`, [`[::1]:${target.port}`]);
  });

  it('refuses decimal, octal and hex IPv4 spellings', async () => {
    for (const host of ['2130706433', '0177.0.0.1', '0x7f.0.0.1', '127.1']) {
      await refused(`http://${host}:${target.port}/`, [`${host}:${target.port}`, `127.0.0.1:${target.port}`]);
    }
  });

  it('refuses localhost and localhost. (they resolve to loopback)', async () => {
    await refused(`http://localhost:${target.port}/`, [`localhost:${target.port}`]);
    await refused(`http://localhost.:${target.port}/`, [`localhost.:${target.port}`]);
    await refused(`http://localhost.:${target.port}/`, [`localhost:${target.port}`]);
  });

  it('refuses cloud metadata and private addresses', async () => {
    await refused('http://169.254.169.254/latest/meta-data/', ['169.254.169.254']);
    await refused('http://10.0.0.1/', ['10.0.0.1']);
  });

  it('refuses http when only https is allowed, other schemes, and userinfo', async () => {
    await refused(`http://127.0.0.1:${target.port}/`, [`127.0.0.1:${target.port}`], { allowInsecureHttp: false, allowPrivateNetwork: true });
    await refused('file:///etc/passwd', ['etc']);
    await refused(`http://user:pass@127.0.0.1:${target.port}/`, [`127.0.0.1:${target.port}`], { allowPrivateNetwork: true });
  });

  it('refuses hosts or ports outside the allowlist', async () => {
    await refused(`http://127.0.0.1:${target.port}/`, [`127.0.0.1:${target.port + 1}`], { allowPrivateNetwork: true });
    await refused(`http://127.0.0.1:${target.port}/`, ['127.0.0.1'], { allowPrivateNetwork: true });
  });

  it('re-checks redirects: a redirect to a non-allowed port is refused, even with redirect: "follow"', async () => {
    const r = await refused(`${redirector.origin}/`, [redirector.host], { allowPrivateNetwork: true }, { redirect: 'follow' });
    expect(redirector.requests.length).toBeGreaterThan(0);
    if (!r.ok) expect(r.error.message).toContain('not in allowHosts');
  });

  it('re-checks redirects: a redirect to a different name is checked against the allowlist again', async () => {
    const before = target.requests.length;
    const r = await sandbox.run(FETCH, {
      input: { url: `${redirector.origin}/to-loopback-name` },
      capabilities: { fetch: { allowHosts: [redirector.host], allowInsecureHttp: true, allowPrivateNetwork: true } },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'CAPABILITY_DENIED' } });
    expect(target.requests.length).toBe(before);
  });

  it('a guest-supplied Authorization carrying a secret placeholder never reaches a non-allowed host', async () => {
    const before = target.requests.length;
    const src = `export default async (i, ctx) => ctx.fetch(i.url, { headers: { Authorization: 'Bearer ' + ctx.secret('KEY') } }).then(r => r.status)`;
    const r = await sandbox.run(src, {
      input: { url: `${target.origin}/` },
      capabilities: { fetch: { allowHosts: ['api.example.com'], secrets: { KEY: 'sk-canary-123456' }, allowInsecureHttp: true } },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'CAPABILITY_DENIED' } });
    expect(target.requests.length).toBe(before);
    expect(JSON.stringify(r)).not.toContain('sk-canary-123456');
  });

  it('an allowed loopback host works only with allowPrivateNetwork (control case)', async () => {
    const before = target.requests.length;
    const r = await sandbox.run(FETCH, { input: { url: `${target.origin}/` }, capabilities: { fetch: loopbackFetch([target.host]) } });
    expect(r).toMatchObject({ ok: true, value: { status: 200, body: 'ok' } });
    expect(target.requests.length).toBe(before + 1);
  });
});

describe('DNS rebinding', () => {
  it('the connection goes to the address the policy checked; DNS is not consulted again', async () => {
    // 'rebinding.invalid' cannot resolve at all: the request still reaches the pinned address,
    // which proves the socket never does its own lookup after the check.
    const before = target.requests.length;
    const res = await sendHop(
      { url: new URL(`http://rebinding.invalid:${target.port}/pinned`), method: 'GET', headers: {}, body: undefined },
      { address: '127.0.0.1', family: 4 },
      1024,
      new AbortController().signal,
    );
    expect(res.status).toBe(200);
    expect(target.requests.length).toBe(before + 1);
    expect(target.requests.at(-1)!.headers.host).toBe(`rebinding.invalid:${target.port}`);
  });
});

describe('isNonPublicAddress', () => {
  it('classifies loopback, private, link-local, metadata and mapped forms as non-public', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '[::ffff:169.254.169.254]',
      'fe80::1',
      'fd00:ec2::254',
      'fc00::1',
      '64:ff9b::7f00:1',
      '2002:7f00:1::',
      'ff02::1',
      'not-an-ip',
    ]) {
      expect(isNonPublicAddress(a), a).toBe(true);
    }
  });
  it('classifies public unicast addresses as public', () => {
    for (const a of ['93.184.216.34', '8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(isNonPublicAddress(a), a).toBe(false);
    }
  });
});
