/**
 * sandbox.runTests: declarative cases with fetch answered from fixtures by the host, per-case
 * reports, expectations (deep equality, subset match, expected errors) and clear failures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox, type TestCase } from '@graft/sandbox';

const MODULE = `
export const tools = {
  getPlayer: {
    async run(input, ctx) {
      const r = await ctx.fetch('https://api.game.example/v1/players/' + encodeURIComponent(input.tag), {
        headers: { Authorization: 'Bearer ' + ctx.secret('GAME_KEY') },
      });
      if (!r.ok) throw new Error('player lookup failed: HTTP ' + r.status);
      const p = await r.json();
      return { name: p.name, trophies: p.trophies, clan: p.clan ? p.clan.name : null };
    },
  },
  add: { run: (input) => input.a + input.b },
  spin: { run: () => { for (;;) {} } },
};
`;

const player = (tag: string, status = 200, json: unknown = { name: 'Ana', trophies: 5100, clan: { name: 'Wolves', id: 7 }, extra: 1 }) => ({
  request: { method: 'GET', url: `https://api.game.example/v1/players/${encodeURIComponent(tag)}` },
  response: { status, json: json as never },
});

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
});
afterAll(async () => {
  await sandbox.dispose();
});

describe('runTests', () => {
  it('passes cases answered from fixtures, with deep-equal and subset expectations', async () => {
    const cases: TestCase[] = [
      {
        name: 'deep equal',
        entry: 'tools.getPlayer.run',
        input: { tag: '#ABC' },
        http: [player('#ABC')],
        expect: { name: 'Ana', trophies: 5100, clan: 'Wolves' },
      },
      { name: 'subset', entry: 'tools.getPlayer.run', input: { tag: '#ABC' }, http: [player('#ABC')], expect: { match: { name: 'Ana' } } },
      { name: 'pure', entry: 'tools.add.run', input: { a: 2, b: 3 }, expect: 5 },
      {
        name: 'http error throws',
        entry: 'tools.getPlayer.run',
        input: { tag: '#X' },
        http: [player('#X', 404, { reason: 'notFound' })],
        expectError: { message: 'HTTP 404' },
      },
    ];
    const report = await sandbox.runTests(MODULE, cases, { secrets: { GAME_KEY: 'k-123' } });
    expect(report.results.map((r) => [r.name, r.passed, r.error?.message])).toEqual(cases.map((c) => [c.name, true, undefined]));
    expect(report).toMatchObject({ passed: 4, failed: 0 });
    expect(report.results[0]).toMatchObject({ actual: { name: 'Ana', trophies: 5100, clan: 'Wolves' }, expected: cases[0].expect });
    for (const r of report.results) expect(r.durationMs).toBeGreaterThan(0);
  });

  it('reports a wrong value with EXPECTATION_FAILED, actual and expected', async () => {
    const report = await sandbox.runTests(
      MODULE,
      [
        { name: 'wrong', entry: 'tools.add.run', input: { a: 1, b: 1 }, expect: 3 },
        { name: 'subset wrong', entry: 'tools.getPlayer.run', input: { tag: '#A' }, http: [player('#A')], expect: { match: { clan: 'Bears' } } },
        { name: 'no throw', entry: 'tools.add.run', input: { a: 1, b: 1 }, expectError: true },
      ],
      { secrets: { GAME_KEY: 'k' } },
    );
    expect(report).toMatchObject({ passed: 0, failed: 3 });
    expect(report.results[0]).toMatchObject({ passed: false, actual: 2, expected: 3, error: { code: 'EXPECTATION_FAILED' } });
    expect(report.results[1].error?.code).toBe('EXPECTATION_FAILED');
    expect(report.results[2].error?.message).toContain('expected the call to throw');
  });

  it('an unmatched request fails the case, naming the request and the fixtures available', async () => {
    const report = await sandbox.runTests(
      MODULE,
      [{ name: 'unmatched', entry: 'tools.getPlayer.run', input: { tag: '#NOPE' }, http: [player('#ABC')], expect: { match: {} } }],
      { secrets: { GAME_KEY: 'k' } },
    );
    const r = report.results[0];
    expect(r.passed).toBe(false);
    expect(r.error?.code).toBe('UNMATCHED_REQUEST');
    expect(r.error?.message).toContain('GET https://api.game.example/v1/players/%23NOPE');
    expect(r.error?.message).toContain('GET https://api.game.example/v1/players/%23ABC');
  });

  it('fixtures get the same allowlist semantics as live: a non-allowed host is refused', async () => {
    const report = await sandbox.runTests(
      MODULE,
      [{ name: 'not allowed', entry: 'tools.getPlayer.run', input: { tag: '#ABC' }, http: [player('#ABC')], expect: { match: {} } }],
      { secrets: { GAME_KEY: 'k' }, allowHosts: ['other.example'] },
    );
    expect(report.results[0]).toMatchObject({ passed: false, error: { code: 'CAPABILITY_DENIED' } });
  });

  it('secrets are substituted before matching, and scrubbed from what comes back', async () => {
    const src = `export default async (i, ctx) => { const r = await ctx.fetch('https://api.x.example/q?key=' + ctx.secret('K')); return r.json() }`;
    const report = await sandbox.runTests(
      src,
      [
        {
          name: 'key in url',
          entry: 'default',
          http: [{ request: { url: 'https://api.x.example/q?key=s3cr3t-value' }, response: { status: 200, json: { echoed: 's3cr3t-value' } } }],
          expect: { echoed: '[REDACTED]' },
        },
      ],
      { secrets: { K: 's3cr3t-value' } },
    );
    expect(report.results[0]).toMatchObject({ passed: true });
    expect(JSON.stringify(report)).not.toContain('s3cr3t-value');
  });

  it('limits still apply to cases, and each case runs in a fresh context', async () => {
    const src = `let calls = 0; export const count = () => ++calls; export const spin = () => { for (;;) {} }`;
    const report = await sandbox.runTests(
      src,
      [
        { name: 'first', entry: 'count', expect: 1 },
        { name: 'second', entry: 'count', expect: 1 },
        { name: 'spin', entry: 'spin', expect: null },
      ],
      { limits: { timeMs: 200 } },
    );
    expect(report.results.map((r) => r.passed)).toEqual([true, true, false]);
    expect(report.results[2].error?.code).toBe('TIMEOUT');
  });
});
