/**
 * Shared fixtures of the modules package's tests (engineer A's suites).
 */
import type { KeyValueStore } from '../src/index.js';

/** An in-memory KeyValueStore exposing its map (unit tests of pure logic only). */
export function memoryStore(): KeyValueStore & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return {
    map,
    async get(k) {
      const v = map.get(k);
      return v === undefined ? undefined : structuredClone(v);
    },
    async set(k, v) {
      map.set(k, structuredClone(v));
    },
    async delete(k) {
      return map.delete(k);
    },
  };
}

/** Wraps a store so that the `n`th `set` or `update` (1-based, counted from now) throws. */
export function failingOnNthSet<S extends KeyValueStore>(store: S, n: number): S & { arm(n: number): void; sets: number } {
  let remaining = n;
  const wrapper = Object.create(store) as S & { arm(n: number): void; sets: number };
  wrapper.sets = 0;
  wrapper.arm = (k: number) => {
    remaining = k;
  };
  wrapper.set = async (key: string, value: unknown) => {
    wrapper.sets++;
    remaining--;
    if (remaining === 0) throw new Error(`disk full (injected failure on set of ${key})`);
    return store.set(key, value);
  };
  wrapper.get = (key: string) => store.get(key);
  wrapper.delete = (key: string) => store.delete(key);
  // An atomic update is a write too: it fails the same way.
  const update = store.update?.bind(store);
  if (update) {
    wrapper.update = async <T>(key: string, fn: (current: T | undefined) => T | undefined) => {
      if (key.includes('/lock/')) return update<T>(key, fn); // the install lock is not registry data
      wrapper.sets++;
      remaining--;
      if (remaining === 0) throw new Error(`disk full (injected failure on update of ${key})`);
      return update<T>(key, fn);
    };
  }
  return wrapper;
}

// ---------------------------------------------------------------------------------------------
// Real dependencies: SQLite store, sandbox, local HTTP "APIs".

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createStore, type GraftStore } from '@graft/core';
import { createSandbox, type Sandbox } from '@graft/sandbox';
import { ModuleManager, type Draft, type ModuleBundle, type ModuleEvent, type ModuleManagerOptions } from '../src/index.js';

/** The real QuickJS/WASM sandbox. */
export function testSandbox(): Promise<Sandbox> {
  return createSandbox();
}

/** A temp directory holding a SQLite file; `cleanup()` removes it. */
export function tempDb(): { dir: string; file: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'graft-modules-'));
  return { dir, file: join(dir, 'graft.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A real SQLite-backed core store. */
export function sqliteStore(file: string): GraftStore {
  return createStore({ sqlite: file });
}

/** A fixed master key for a test file (so a restarted manager can decrypt). */
export const TEST_MASTER_KEY = randomBytes(32).toString('base64');

/** A manager on real dependencies, collecting its events. */
export function makeManager(
  store: ModuleManagerOptions['store'],
  sandbox: Sandbox,
  extra: Partial<ModuleManagerOptions> = {},
): { manager: ModuleManager; events: ModuleEvent[] } {
  const manager = new ModuleManager({
    store,
    sandbox,
    vault: { key: TEST_MASTER_KEY },
    sandboxCapabilities: { allowInsecureHttp: true, allowPrivateNetwork: true },
    ...extra,
  });
  const events: ModuleEvent[] = [];
  manager.on('event', (e) => events.push(e));
  return { manager, events };
}

/** A local HTTP server on 127.0.0.1 with a request log. */
export interface LocalApi {
  host: string;
  url: string;
  requests: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }>;
  close(): Promise<void>;
}

/** Starts a local "API" answering with `handler`. */
export async function localApi(
  handler: (req: { method: string; url: string; headers: IncomingMessage['headers']; body: string }) => { status: number; json?: unknown; body?: string },
): Promise<LocalApi> {
  const requests: LocalApi['requests'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(entry);
      const out = handler(entry);
      res.writeHead(out.status, { 'content-type': out.json !== undefined ? 'application/json' : 'text/plain' });
      res.end(out.json !== undefined ? JSON.stringify(out.json) : (out.body ?? ''));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A Clash-Royale-like API: `GET /v1/players/{tag}` needs `Authorization: Bearer <token>`. */
export function statsApi(token: string): Promise<LocalApi> {
  return localApi((req) => {
    if (req.headers.authorization !== `Bearer ${token}`) return { status: 403, json: { reason: 'accessDenied' } };
    const m = /^\/v1\/players\/%23(\w+)$/.exec(req.url);
    if (!m) return { status: 404, json: { reason: 'notFound' } };
    return { status: 200, json: { tag: `#${m[1]}`, name: 'Ada', trophies: 6123, bestTrophies: 6500, wins: 1200, losses: 800 } };
  });
}

/** Code of the stats module: one tool `getPlayer` calling the stats API at `base`. */
export function statsCode(base: string, variant = ''): string {
  return `const BASE = ${JSON.stringify(base)};
export const tools = {
  getPlayer: {
    description: 'Get a player by tag${variant}',
    input: { type: 'object', properties: { tag: { type: 'string' } }, required: ['tag'], additionalProperties: false },
    async run(input, ctx) {
      const res = await ctx.fetch(BASE + '/v1/players/' + encodeURIComponent(input.tag), { headers: { Authorization: 'Bearer ' + ctx.secret('STATS_TOKEN') } });
      if (!res.ok) throw new Error('stats API error ' + res.status);
      const p = await res.json();
      return { name: p.name, trophies: p.trophies, winRate: Math.round((p.wins / (p.wins + p.losses)) * 100)${variant ? `, variant: ${JSON.stringify(variant)}` : ''} };
    },
  },
};
`;
}

/** A complete stats module draft for an API at `api` (host `127.0.0.1:<port>`). */
export function statsDraft(api: { host: string; url: string }, version = '1.0.0', variant = ''): Draft {
  const bundle: ModuleBundle = {
    manifest: {
      name: 'stats',
      version,
      description: 'Player statistics.',
      category: 'games',
      permissions: { hosts: [api.host] },
      credentials: [{ name: 'STATS_TOKEN', description: 'API token', obtain: 'https://developer.example.com/keys' }],
      tools: [{ name: 'getPlayer', description: 'Get a player by tag' }],
    },
    code: statsCode(api.url, variant),
    tests: [
      {
        name: 'getPlayer returns name, trophies and win rate',
        entry: 'tools.getPlayer.run',
        input: { tag: '#ABC' },
        http: [
          {
            request: { method: 'GET', url: `${api.url}/v1/players/%23ABC` },
            response: { status: 200, json: { name: 'Ada', trophies: 6123, wins: 1200, losses: 800 } },
          },
        ],
        expect: { name: 'Ada', trophies: 6123, winRate: 60, ...(variant ? { variant } : {}) },
      },
      { name: 'live: my player', entry: 'tools.getPlayer.run', input: { tag: '#ABC' }, live: true, expect: { match: { name: 'Ada' } } },
    ],
  };
  return { bundle, request: 'show my stats', round: 0 };
}

/** A module with no hosts and no credentials: `<name>__echo` returns its input tagged with the module name. */
export function echoDraft(name: string, version = '1.0.0', body = `return { module: ${JSON.stringify(name)}, text: input.text };`): Draft {
  return {
    request: `echo ${name}`,
    round: 0,
    bundle: {
      manifest: {
        name,
        version,
        description: `Echo module ${name}.`,
        category: 'utility',
        permissions: { hosts: [] },
        credentials: [],
        tools: [{ name: 'echo', description: 'Echo the text' }],
      },
      code: `export const tools = {
  echo: {
    description: 'Echo the text',
    input: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
    async run(input, ctx) { ${body} },
  },
};
`,
      tests: [{ name: 'echo hi', entry: 'tools.echo.run', input: { text: 'hi' }, expect: { module: name, text: 'hi' } }],
    },
  };
}

/** A module whose tool throws when `input.fail` is true, else answers `{ ok: <name> }`. */
export function flakyDraft(name: string): Draft {
  return echoDraft(name, '1.0.0', `if (input.fail) throw new Error('upstream exploded'); return { module: ${JSON.stringify(name)}, text: input.text };`);
}

/**
 * What a host does to install a draft: validate it (the manager records the passing report),
 * approve it, install it. Throws when validation fails, so a test cannot install a broken draft
 * by accident.
 */
export async function approveAndInstall(manager: ModuleManager, draft: Draft, by = 'u'): Promise<import('../src/index.js').ModuleRecord> {
  const report = await manager.validate(draft);
  if (!report.passed) throw new Error(`fixture draft failed validation: ${JSON.stringify(report.issues)}`);
  return manager.install(draft, await manager.approve(draft, { by }));
}

/** Installs a draft without validation, explicitly (`dangerouslySkipValidation`), for hostile-module tests. */
export async function installUnvalidated(manager: ModuleManager, draft: Draft, by = 'u'): Promise<import('../src/index.js').ModuleRecord> {
  return manager.install(draft, await manager.approve(draft, { by, dangerouslySkipValidation: true }), { dangerouslySkipValidation: true });
}
