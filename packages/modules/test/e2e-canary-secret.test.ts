/**
 * The canary: a full build → approve → credentials → live test → install → use → fail →
 * uninstall cycle through the Agent, with a secret holding `'"\%+&=/` and spaces, OpenTelemetry
 * spans recorded in memory, a real SQLite file, and a careless API that echoes the key back in
 * every encoding (body, headers, status text, redirect). The module reads `Response.url`,
 * decodes and reverses it, logs everything and throws it in an error. Not one encoding of the
 * secret the host produces may appear in model requests, events, spans, logs, errors, run
 * results, the stored thread or the SQLite files. LangChain tracing is switched on in the
 * environment (`LANGSMITH_TRACING=true`, as many LangGraph users have it) against a local
 * capture server standing in for LangSmith: nothing of the run may arrive there either.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { otel, sdk } from './helpers/otel-cjs.js';
import { Agent, createStore, unspotlight, type GraftStore, type InputInterrupt, type RunResult } from '@graft/core';
import { recordEvents } from '@graft/core/testing';
import { openaiCompatible } from '@graft/providers';
import { createMockServer, reply, type MockReply, type MockServer, type RecordedRequest } from '@graft/providers/testing';
import { createSandbox, type Sandbox } from '@graft/sandbox';
import { ModuleManager } from '../src/manager/manager.js';
import { createMetaTools, APPROVAL_INPUT_TYPE, CREDENTIALS_INPUT_TYPE } from '../src/agent/meta-tools.js';
import type { ModuleEvent } from '../src/types.js';
import { findEncodings } from './helpers/secret-encodings.js';

const SECRET = `ca'n"a\\ry %2B+&=/ k3y ${randomUUID().slice(0, 8)}`;
const MODULE = 'canary-echo';

/** A careless API: checks the key (query, header, Basic), then echoes it in every encoding it can. */
async function startEchoApi(key: string) {
  const requests: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push({ url: req.url ?? '/', headers: req.headers });
    const ok =
      url.searchParams.get('key') === key &&
      req.headers['x-api-key'] === key &&
      req.headers.authorization === `Basic ${Buffer.from(`user:${key}`).toString('base64')}`;
    if (!ok) {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'bad key', got: req.url }));
      return;
    }
    if (url.pathname === '/start') {
      res.writeHead(302, { location: `/echo${url.search}` });
      res.end();
      return;
    }
    const body = {
      raw: key,
      uri: encodeURIComponent(key),
      form: new URLSearchParams({ key }).toString(),
      b64: Buffer.from(key).toString('base64'),
      b64url: Buffer.from(key).toString('base64url'),
      hex: Buffer.from(key).toString('hex'),
      basic: req.headers.authorization,
      receivedUrl: req.url,
      nested: JSON.stringify({ key }),
    };
    const text = JSON.stringify(body);
    res.writeHead(200, `OK ${encodeURIComponent(key)}`, {
      'content-type': 'application/json',
      'x-echo-uri': encodeURIComponent(key),
      'x-echo-b64': Buffer.from(key).toString('base64'),
    });
    res.end(text);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

function moduleCode(origin: string): string {
  return `const BASE = ${JSON.stringify(origin)};
async function call(ctx) {
  const key = ctx.secret('ECHO_KEY');
  const res = await ctx.fetch(BASE + '/start?key=' + encodeURIComponent(key), { headers: { 'x-api-key': key, authorization: 'Basic ' + btoa('user:' + key) } });
  const text = await res.text();
  let decoded = res.url;
  try { decoded = decodeURIComponent(res.url); } catch {}
  const reversed = [...decoded].reverse().join('');
  const echo = res.headers.get('x-echo-uri');
  let echoDecoded = echo;
  try { echoDecoded = decodeURIComponent(echo ?? ''); } catch {}
  ctx.log('probe', res.status, res.statusText, res.url, decoded, reversed, text, echo, echoDecoded);
  return { status: res.status, statusText: res.statusText, url: res.url, decoded, reversed, text, echo, echoDecoded, b64: res.headers.get('x-echo-b64') };
}
export const tools = {
  probe: { description: 'Probe the echo API', input: { type: 'object', properties: {} }, async run(input, ctx) { return call(ctx); } },
  fail: { description: 'Probe, then fail with what came back', input: { type: 'object', properties: {} }, async run(input, ctx) { const r = await call(ctx); throw new Error('upstream said ' + JSON.stringify(r)); } },
};
`;
}

function bundleFor(origin: string) {
  const offlineKey = 'graft-test-echo-key';
  const q = `?key=${offlineKey}`;
  const http = [
    { request: { method: 'GET', url: `${origin}/start${q}` }, response: { status: 302, headers: { location: `${origin}/echo${q}` } } },
    { request: { method: 'GET', url: `${origin}/echo${q}` }, response: { status: 200, json: { raw: offlineKey } } },
  ];
  return {
    manifest: {
      name: MODULE,
      version: '1.0.0',
      description: 'Echo API probe.',
      category: 'utility',
      permissions: { hosts: [new URL(origin).host] },
      credentials: [{ name: 'ECHO_KEY', description: 'The echo API key', obtain: 'Ask the echo API admin.' }],
      tools: [
        { name: 'probe', description: 'Probe the echo API' },
        { name: 'fail', description: 'Probe, then fail with what came back' },
      ],
    },
    code: moduleCode(origin),
    tests: [
      { name: 'probe follows the redirect', entry: 'tools.probe.run', input: {}, http, expect: { match: { status: 200 } } },
      { name: 'fail reports upstream', entry: 'tools.fail.run', input: {}, http, expectError: { message: 'upstream said' } },
      { name: 'live: probe', entry: 'tools.probe.run', input: {}, live: true, expect: { match: { status: 200 } } },
    ],
  };
}

type WireMessage = { role: string; content?: string | null };

/** A model that builds the module, calls its tools when asked, and repeats every tool result verbatim. */
function modelScript(origin: string) {
  return (req: RecordedRequest): MockReply => {
    const messages: WireMessage[] = req.body?.messages ?? [];
    const tools: string[] = (req.body?.tools ?? []).map((t: { function: { name: string } }) => t.function.name);
    const last = messages.at(-1);
    if (tools.includes('submit_module')) {
      const b = bundleFor(origin);
      return reply.toolCall('submit_module', { manifest: b.manifest, code: b.code, tests: b.tests });
    }
    if (last?.role === 'user') {
      const text = String(last.content ?? '').toLowerCase();
      if (text.includes('uninstall')) return reply.toolCall('uninstall_module', { name: MODULE });
      if (text.includes('build')) return reply.toolCall('build_module', { request: String(last.content) });
      if (text.includes('probe')) return reply.toolCall(`${MODULE}__probe`, {});
      if (text.includes('fail')) return reply.toolCall(`${MODULE}__fail`, {});
    }
    return reply.text(`The tool said: ${String(last?.content ?? '')}`);
  };
}

describe('canary secret: build → approve → credentials → live test → install → use → uninstall', () => {
  const dir = mkdtempSync(join(tmpdir(), 'graft-canary-'));
  const sqlite = join(dir, 'graft.sqlite');
  const moduleEvents: ModuleEvent[] = [];
  /** The events of every agent the test creates (recorded by `recordEvents`). */
  const agentEvents: unknown[][] = [];
  const logs: string[] = [];
  const errors: unknown[] = [];
  const results: RunResult[] = [];
  const track = <T extends RunResult>(r: T): T => (results.push(r), r);
  const exporter = new sdk.InMemorySpanExporter();
  const tracerProvider = new sdk.BasicTracerProvider({ spanProcessors: [new sdk.SimpleSpanProcessor(exporter)] });
  const consoleSpies: Array<{ mockRestore(): void }> = [];
  let api: Awaited<ReturnType<typeof startEchoApi>>;
  let model: MockServer;
  let sandbox: Sandbox;
  let store: GraftStore;
  let manager: ModuleManager;
  let agent: Agent;
  const threadId = `t-${randomUUID()}`;

  const traced: string[] = [];
  let tracing: Server;
  const savedEnv: Record<string, string | undefined> = {};

  beforeAll(async () => {
    tracing = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let body = Buffer.concat(chunks);
        if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
        traced.push(`${req.method} ${req.url}\n${body.toString('utf8')}`);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(req.url?.startsWith('/info') ? JSON.stringify({ version: 'test', instance_flags: {} }) : '{}');
      });
    });
    await new Promise<void>((r) => tracing.listen(0, '127.0.0.1', r));
    const env = {
      LANGSMITH_TRACING: 'true',
      LANGSMITH_API_KEY: 'x',
      LANGCHAIN_CALLBACKS_BACKGROUND: 'false',
      LANGSMITH_ENDPOINT: `http://127.0.0.1:${(tracing.address() as AddressInfo).port}`,
    };
    for (const [k, v] of Object.entries(env)) {
      savedEnv[k] = process.env[k];
      process.env[k] = v;
    }
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[level].bind(console);
      consoleSpies.push(
        vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
          logs.push(args.map((a) => (typeof a === 'string' ? a : (JSON.stringify(a) ?? String(a)))).join(' '));
          original(...args);
        }),
      );
    }
    api = await startEchoApi(SECRET);
    model = await createMockServer({ script: modelScript(api.origin) });
    sandbox = await createSandbox();
    store = await createStore({ sqlite });
    manager = new ModuleManager({
      store,
      sandbox,
      provider: openaiCompatible({ baseURL: model.url, apiKey: 'mock-key', model: 'mock-coder', maxRetries: 0 }),
      vault: { key: randomBytes(32) },
      sandboxCapabilities: { allowInsecureHttp: true, allowPrivateNetwork: true },
    });
    manager.on('event', (e) => moduleEvents.push(e));
    agent = new Agent({
      provider: openaiCompatible({ baseURL: model.url, apiKey: 'mock-key', model: 'mock-chat', maxRetries: 0 }),
      store,
      tracer: tracerProvider.getTracer('canary'),
      tools: createMetaTools(manager),
      toolSources: [manager.toolSource()],
    });
    agentEvents.push(recordEvents(agent).events);
  });

  afterAll(async () => {
    await store?.close().catch(() => undefined);
    await sandbox?.dispose();
    await model?.close();
    await api?.close();
    otel.trace.disable();
    for (const s of consoleSpies) s.mockRestore();
    rmSync(dir, { recursive: true, force: true });
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await new Promise((r) => tracing?.close(r));
  });

  it('runs the whole cycle; the API really received the secret', async () => {
    const asked = track(await agent.run('Build me an echo API module', { threadId }));
    expect(asked.status).toBe('interrupted');
    const approval = (asked as { interrupt: InputInterrupt }).interrupt;
    expect(approval.request.type).toBe(APPROVAL_INPUT_TYPE);
    const bundleHash = (approval.request.data as { bundleHash: string }).bundleHash;
    const creds = track(await agent.resume(threadId, { id: approval.id, type: 'input', value: { approved: true, by: 'alice', bundleHash } }));
    expect(creds.status).toBe('interrupted');
    const credsInterrupt = (creds as { interrupt: InputInterrupt }).interrupt;
    expect(credsInterrupt.request.type).toBe(CREDENTIALS_INPUT_TYPE);
    const installed = track(await agent.resume(threadId, { id: credsInterrupt.id, type: 'input', value: { values: { ECHO_KEY: SECRET } } }));
    expect(installed.status, JSON.stringify(installed).slice(0, 2000)).toBe('done');
    expect(await manager.get(MODULE)).toMatchObject({ status: 'installed' });
    const liveRequests = api.requests.length;
    expect(liveRequests).toBeGreaterThanOrEqual(2); // the live test: /start, then /echo

    const used = track(await agent.run('probe the API', { threadId }));
    expect(used.status).toBe('done');
    const result = used.messages.find((m) => m.role === 'tool' && m.name === `${MODULE}__probe`)!;
    const value = JSON.parse(unspotlight(result.content)) as { status: number; url: string; text: string };
    expect(value.status).toBe(200);
    // the guest saw its own URL back, with the placeholder where the secret went
    expect.soft(value.url).toMatch(new RegExp(`^${api.origin}/echo\\?key=GRAFT_SECRET_[0-9a-f]+$`));
    expect(value.text).toContain('[REDACTED]');

    const failed = track(await agent.run('fail please', { threadId }));
    expect(failed.status).toBe('done');
    const failure = failed.messages.find((m) => m.role === 'tool' && m.name === `${MODULE}__fail`)!;
    expect(failure.content).toContain('upstream said');
    await manager.callTool(MODULE, 'fail', {}).catch((e: unknown) => errors.push(e));
    expect(errors).toHaveLength(1);

    const u = `t-${randomUUID()}`;
    const uninstall = track(await agent.run('Please uninstall the echo module', { threadId: u }));
    expect(uninstall.status).toBe('interrupted');
    const ui = (uninstall as { interrupt: { id: string } }).interrupt;
    expect(track(await agent.resume(u, { id: ui.id, type: 'approve' })).status).toBe('done');
    expect(await manager.get(MODULE)).toBeUndefined();

    // not vacuous: the API received the real secret in the query, a header and Basic credentials
    const seen = api.requests.filter((r) => new URL(r.url, 'http://x').searchParams.get('key') === SECRET);
    expect(seen.length).toBeGreaterThanOrEqual(6);
    expect(seen.every((r) => r.headers['x-api-key'] === SECRET)).toBe(true);
    expect(exporter.getFinishedSpans().length).toBeGreaterThan(5);
  });

  it('finds no encoding of the secret in model requests, events, spans, logs, errors, results, the thread or the SQLite files', async () => {
    const spans = exporter.getFinishedSpans().map((s) => ({ name: s.name, attributes: s.attributes, events: s.events, status: s.status, links: s.links }));
    const haystacks: Array<[string, string]> = [
      ['model requests', model.requests.map((r) => r.rawBody + JSON.stringify(r.headers)).join('\n')],
      ['module events', JSON.stringify(moduleEvents)],
      ['agent events', JSON.stringify(agentEvents)],
      ['spans', JSON.stringify(spans)],
      ['logs', logs.join('\n')],
      ['errors', errors.map((e) => `${String(e)} ${(e as Error).stack ?? ''} ${JSON.stringify(e)}`).join('\n')],
      ['run results', JSON.stringify(results)],
      ['stored thread', JSON.stringify(await agent.getThread(threadId))],
      ['LangSmith endpoint', traced.join('\n')],
    ];
    await store.close();
    for (const f of readdirSync(dir)) haystacks.push([`file ${f}`, readFileSync(join(dir, f)).toString('latin1')]);
    expect(haystacks.some(([w]) => w.startsWith('file graft.sqlite'))).toBe(true);
    expect(model.requests.length).toBeGreaterThan(5);
    expect(moduleEvents.length).toBeGreaterThan(5);
    const leaks = haystacks.map(([where, text]) => [where, findEncodings(text, SECRET)] as const).filter(([, found]) => found.length > 0);
    expect(leaks).toEqual([]);
    // Tracing is on in the environment, yet the agent's runs are not traced by default at all.
    expect(traced.filter((t) => t.includes(threadId) || t.includes(MODULE))).toEqual([]);
    // the scan itself finds a planted secret
    expect(findEncodings(`x${encodeURIComponent(SECRET).replace(/'/g, '%27')}y`, SECRET)).not.toEqual([]);
  });
});
