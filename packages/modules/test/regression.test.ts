/**
 * Recorded live exchanges replayed as a regression suite: a real recording run (the module
 * fetches a local stand-in API with a real secret in its query string), then offline replays
 * of that recording against the same code (reproduced), against a changed version (the
 * differences are reported) and against code that calls an endpoint the recording never saw.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type HttpFixture, type JSONValue, type Sandbox } from '@graft/sandbox';
import { RECORD_ENTRY, recordingSource, type RecordedRun } from '../src/credentials/live-record.js';
import { replayRecorded } from '../src/install/regression.js';
import type { ModuleBundle, ModuleTestCase } from '../src/types.js';

const SECRET = `real-'"\\%+&=/ key-${Date.now()}`;

const moduleCode = (shape: 'count' | 'names' | 'other-endpoint') => `
export const tools = {
  list_items: {
    description: 'List items',
    inputSchema: { type: 'object', properties: { q: { type: 'string' } } },
    async run(input, ctx) {
      const path = ${shape === 'other-endpoint' ? "'/v2/items'" : "'/v1/items'"};
      const res = await ctx.fetch(ctx.origin + path + '?q=' + encodeURIComponent(input.q) + '&key=' + ctx.secret('ITEMS_KEY'));
      const body = await res.json();
      return ${shape === 'names' ? 'body.items.map((i) => i.name)' : '{ count: body.items.length }'};
    },
  },
};`;

describe('recorded live exchanges as regression tests', () => {
  let api: Server;
  let origin: string;
  let host: string;
  let sandbox: Sandbox;
  const seen: string[] = [];

  beforeAll(async () => {
    api = createServer((req, res) => {
      seen.push(req.url!);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ items: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] }));
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    host = `127.0.0.1:${(api.address() as AddressInfo).port}`;
    origin = `http://${host}`;
    sandbox = await createSandbox();
  });
  afterAll(async () => {
    await sandbox.dispose();
    await new Promise((r) => api.close(r));
  });

  const bundleOf = (shape: 'count' | 'names' | 'other-endpoint'): ModuleBundle => ({
    manifest: { name: 'items', version: '1.0.0', permissions: { hosts: [host] }, credentials: [{ name: 'ITEMS_KEY', description: 'key' }] } as never,
    code: moduleCode(shape).replaceAll('ctx.origin', JSON.stringify(origin)),
    tests: [],
  });

  async function record(): Promise<ModuleTestCase> {
    const source = recordingSource(bundleOf('count').code)!;
    const r = await sandbox.run(source, {
      entry: RECORD_ENTRY,
      input: { tool: 'list_items', input: { q: 'x y' }, secretNames: ['ITEMS_KEY'] },
      capabilities: { fetch: { allowHosts: [host], secrets: { ITEMS_KEY: SECRET }, allowInsecureHttp: true, allowPrivateNetwork: true } },
    });
    expect(r.ok).toBe(true);
    const rec = (r as { value: JSONValue }).value as unknown as RecordedRun;
    // The live API really received the secret; the recording holds only the stable marker.
    expect(decodeURIComponent(seen.at(-1)!.split('key=')[1]!)).toBe(SECRET);
    expect(JSON.stringify(rec)).not.toContain(SECRET);
    expect(JSON.stringify(rec)).not.toContain(encodeURIComponent(SECRET));
    expect(rec.exchanges[0]!.request.url).toContain('key=GRAFT_RECORDED_SECRET(ITEMS_KEY)');
    return { name: 'list (recorded)', entry: 'tools.list_items.run', input: { q: 'x y' }, http: rec.exchanges as HttpFixture[], expect: rec.value };
  }

  it('the same code reproduces the recorded output offline, with no request reaching the API', async () => {
    const recorded = await record();
    const before = seen.length;
    const report = await replayRecorded(
      sandbox,
      { moduleName: 'items', version: '1.0.0', bundle: bundleOf('count') },
      { version: '1.0.0', recorded: [recorded] },
      { capabilities: { allowInsecureHttp: true, allowPrivateNetwork: true } },
    );
    expect(report).toMatchObject({ moduleName: 'items', version: '1.0.0', total: 1, failed: 0, passed: true });
    expect(report.results[0]).toMatchObject({ passed: true, expected: { count: 3 }, actual: { count: 3 } });
    expect(seen.length).toBe(before);
  });

  it('a version that changes the output fails, with the recorded and the new output side by side', async () => {
    const recorded = await record();
    const report = await replayRecorded(
      sandbox,
      { moduleName: 'items', version: '1.1.0', bundle: bundleOf('names') },
      { version: '1.0.0', recorded: [recorded] },
      { capabilities: { allowInsecureHttp: true, allowPrivateNetwork: true } },
    );
    expect(report).toMatchObject({ version: '1.1.0', total: 1, failed: 1, passed: false });
    expect(report.results[0]).toMatchObject({ passed: false, expected: { count: 3 }, actual: ['a', 'b', 'c'], error: { code: 'EXPECTATION_FAILED' } });
  });

  it('a version that calls an endpoint the recording never saw fails as UNMATCHED_REQUEST', async () => {
    const recorded = await record();
    const report = await replayRecorded(
      sandbox,
      { moduleName: 'items', version: '2.0.0', bundle: bundleOf('other-endpoint') },
      { version: '1.0.0', recorded: [recorded] },
      { capabilities: { allowInsecureHttp: true, allowPrivateNetwork: true } },
    );
    expect(report.passed).toBe(false);
    expect(report.results[0]!.error?.code).toBe('UNMATCHED_REQUEST');
  });

  it('nothing recorded is an empty, passing report', async () => {
    expect(await replayRecorded(sandbox, { moduleName: 'items', version: '1.0.0', bundle: bundleOf('count') }, { version: '1.0.0', recorded: [] })).toEqual({
      moduleName: 'items',
      version: '1.0.0',
      baselineVersion: '1.0.0',
      total: 0,
      failed: 0,
      passed: true,
      results: [],
    });
  });
});
