/**
 * `validateDraft` against the real sandbox: static checks, compile/export checks, coverage,
 * and every offline case really run with its HTTP fixtures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '@graft/sandbox';
import type { BuildDeps } from '../src/build/deps.js';
import { MAX_CODE_BYTES } from '../src/limits.js';
import { EXAMPLE_MODULE } from '../src/build/generate/prompt-example.js';
import type { Draft, ModuleBundle, ModuleEvent } from '../src/types.js';
import { testSecretValue, validateDraft } from '../src/build/validate/validate.js';
import { checkExports, describeModule } from '../src/build/validate/exports.js';
import { loadClashRoyaleFixtures } from '../../../examples/shared/clash-royale/load.js';

let sandbox: Sandbox;
let runs = 0;
const events: ModuleEvent[] = [];

function deps(): BuildDeps {
  // Counts sandbox calls so tests can prove that nothing ran.
  const counting: Sandbox = {
    run: (s, o) => (runs++, sandbox.run(s, o)),
    runTests: (s, c, o) => (runs++, sandbox.runTests(s, c, o)),
    close: () => sandbox.close(),
    dispose: () => sandbox.close(),
    [Symbol.asyncDispose]: () => sandbox.close(),
  };
  return { sandbox: counting, emit: (e) => events.push(e), limits: { timeMs: 2_000 } };
}

function draft(bundle: ModuleBundle): Draft {
  return { bundle, request: 'test', round: 0 };
}

function clone(b: ModuleBundle): ModuleBundle {
  return structuredClone(b);
}

const fx = loadClashRoyaleFixtures();

beforeAll(async () => {
  sandbox = await createSandbox();
});
afterAll(async () => {
  await sandbox?.dispose();
});

describe('validateDraft', () => {
  it('passes the prompt’s example module: every offline case really ran and passed, live cases are not run', async () => {
    events.length = 0;
    const report = await validateDraft(deps(), draft(EXAMPLE_MODULE));
    expect(report.issues).toEqual([]);
    expect(report.passed).toBe(true);
    const offline = EXAMPLE_MODULE.tests.filter((t) => !t.live);
    expect(report.tests?.results.map((r) => r.name)).toEqual(offline.map((t) => t.name));
    expect(report.tests?.passed).toBe(offline.length);
    expect(report.bundleHash).toMatch(/^[0-9a-f]{64}$/);
    expect(events.map((e) => e.type)).toEqual(['module.validating', ...offline.map(() => 'module.test'), 'module.validated']);
  });

  it('passes the repaired Clash Royale module and fails the first draft on its real bug', async () => {
    const good = await validateDraft(deps(), draft(fx.fixed));
    expect(good.issues).toEqual([]);
    expect(good.passed).toBe(true);
    expect(good.tests).toMatchObject({ passed: 4, failed: 0 });

    const bad = await validateDraft(deps(), draft(fx.buggy));
    expect(bad.passed).toBe(false);
    const failed = bad.tests!.results.filter((r) => !r.passed).map((r) => r.name);
    expect(failed).toContain('getPlayer returns the stats of #8QJ2UYRC');
    expect(bad.issues.filter((i) => i.kind === 'test').map((i) => i.where)).toEqual(failed);
  });

  it('reports every manifest error with its field path', async () => {
    const b = clone(fx.fixed);
    (b.manifest as unknown as Record<string, unknown>).name = 'Clash Royale!';
    (b.manifest as unknown as Record<string, unknown>).version = 'one';
    const report = await validateDraft(deps(), draft(b));
    expect(report.passed).toBe(false);
    const manifestIssues = report.issues.filter((i) => i.kind === 'manifest');
    expect(manifestIssues.map((i) => i.where)).toEqual(expect.arrayContaining(['name', 'version']));
    expect(manifestIssues.find((i) => i.where === 'name')!.message).toMatch(/kebab-case/);
  });

  it('a module that exports nothing fails with an exports issue (and its tests cannot pass)', async () => {
    const b = clone(fx.fixed);
    b.code = 'const tools = {};\nfunction helper() { return 1; }\n';
    const report = await validateDraft(deps(), draft(b));
    expect(report.passed).toBe(false);
    expect(report.issues).toContainEqual(expect.objectContaining({ kind: 'exports', message: expect.stringMatching(/does not export `tools`/) }));
  });

  it('a syntax error is reported as such and no test runs', async () => {
    const b = clone(fx.fixed);
    b.code = 'export const tools = { getPlayer: { run(input, ctx) { return 1 ; } ';
    const before = runs;
    const report = await validateDraft(deps(), draft(b));
    expect(report.passed).toBe(false);
    expect(report.issues).toContainEqual(expect.objectContaining({ kind: 'syntax' }));
    expect(report.tests).toBeUndefined();
    expect(runs - before).toBe(1); // only the compile, no runTests
  });

  it('exports that differ from the manifest are reported both ways', async () => {
    const b = clone(fx.fixed);
    b.manifest.tools = [b.manifest.tools[0]!, { name: 'getClan', description: 'Get a clan.' }];
    const report = await validateDraft(deps(), draft(b));
    expect(report.passed).toBe(false);
    const messages = report.issues.filter((i) => i.kind === 'exports').map((i) => i.message);
    expect(messages.some((m) => m.includes('"getUpcomingChests" is exported but not listed'))).toBe(true);
    expect(messages.some((m) => m.includes('lists "getClan" but the code does not export it'))).toBe(true);
  });

  it('tests that reference unknown tools are errors; a tool without an offline case is untested', async () => {
    const b = clone(fx.fixed);
    b.tests = b.tests.filter((t) => !t.entry.includes('getUpcomingChests') || t.live);
    b.tests.push({ name: 'calls a tool that does not exist', entry: 'tools.getClan.run', input: {}, expect: 1 });
    const report = await validateDraft(deps(), draft(b));
    expect(report.passed).toBe(false);
    expect(report.untestedTools).toEqual(['getUpcomingChests']);
    expect(report.issues).toContainEqual(
      expect.objectContaining({ kind: 'coverage', where: 'calls a tool that does not exist', message: expect.stringMatching(/unknown tool "getClan"/) }),
    );
    expect(report.issues).toContainEqual(expect.objectContaining({ kind: 'coverage', where: 'getUpcomingChests' }));
    // The valid cases still ran, so the model gets their results too.
    expect(report.tests?.results.length).toBe(3);
  });

  it('a draft with no offline tests has not passed', async () => {
    const b = clone(fx.fixed);
    b.tests = b.tests.filter((t) => t.live);
    const report = await validateDraft(deps(), draft(b));
    expect(report.passed).toBe(false);
    expect(report.tests).toBeUndefined();
    expect(report.issues).toContainEqual(expect.objectContaining({ kind: 'coverage', message: expect.stringMatching(/no offline test case/) }));
  });

  it('reports eval / Function / import / require as forbidden', async () => {
    const b = clone(fx.fixed);
    b.code = b.code.replace(
      "const API = 'https://api.clashroyale.com/v1';",
      "const API = eval(\"'https://api.clashroyale.com/v1'\");\nconst f = new Function('return 1');",
    );
    const report = await validateDraft(deps(), draft(b));
    expect(report.passed).toBe(false);
    const forbidden = report.issues.filter((i) => i.kind === 'forbidden').map((i) => i.message);
    expect(forbidden.some((m) => m.includes('`eval`'))).toBe(true);
    expect(forbidden.some((m) => m.includes('`new Function`'))).toBe(true);

    const imp = clone(fx.fixed);
    imp.code = `import { x } from './helpers.js';\n${imp.code}`;
    const r2 = await validateDraft(deps(), draft(imp));
    expect(r2.passed).toBe(false);
    expect(r2.issues).toContainEqual(expect.objectContaining({ kind: 'forbidden', where: 'line 1' }));
  });

  it('a case that loops forever fails with TIMEOUT without hanging validation', async () => {
    const b = clone(fx.fixed);
    b.code = b.code.replace('async run(input, ctx) {\n      const data', 'async run(input, ctx) {\n      for (;;) {}\n      const data');
    const report = await validateDraft(deps(), draft(b));
    expect(report.passed).toBe(false);
    const chests = report.tests!.results.find((r) => r.name === 'getUpcomingChests lists the next chests')!;
    expect(chests.passed).toBe(false);
    expect(chests.error?.code).toBe('TIMEOUT');
    // The other cases still passed.
    expect(report.tests!.passed).toBe(3);
  });

  it('10 MB of code is a typed MODULE_TOO_LARGE error before any sandbox run', async () => {
    const b = clone(fx.fixed);
    b.code = `${b.code}\n//${'x'.repeat(10 * 1024 * 1024)}`;
    const before = runs;
    await expect(validateDraft(deps(), draft(b))).rejects.toMatchObject({ code: 'MODULE_TOO_LARGE', message: expect.stringContaining(String(MAX_CODE_BYTES)) });
    expect(runs).toBe(before);
  });

  it('a key sent in the query string is matched with the documented offline test value (and never a real one)', async () => {
    const b: ModuleBundle = {
      manifest: {
        name: 'weather-now',
        version: '1.0.0',
        description: 'Current weather.',
        category: 'weather',
        permissions: { hosts: ['api.openweathermap.org'] },
        credentials: [{ name: 'OPENWEATHER_KEY', description: 'API key', obtain: 'https://home.openweathermap.org/api_keys' }],
        tools: [{ name: 'current', description: 'Current temperature in a city.' }],
      },
      code: `export const tools = { current: { description: 'Current temperature in a city.', input: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        async run(input, ctx) {
          const url = 'https://api.openweathermap.org/data/2.5/weather?q=' + encodeURIComponent(input.city) + '&units=metric&appid=' + ctx.secret('OPENWEATHER_KEY');
          const res = await ctx.fetch(url);
          if (!res.ok) throw new Error('weather API error ' + res.status);
          const d = await res.json();
          return { city: d.name, tempC: d.main.temp };
        } } };`,
      tests: [
        {
          name: 'current weather in Paris',
          entry: 'tools.current.run',
          input: { city: 'Paris' },
          http: [
            {
              request: {
                method: 'GET',
                url: `https://api.openweathermap.org/data/2.5/weather?q=Paris&units=metric&appid=${testSecretValue('OPENWEATHER_KEY')}`,
              },
              response: { status: 200, json: { name: 'Paris', main: { temp: 12.5 } } },
            },
          ],
          expect: { city: 'Paris', tempC: 12.5 },
        },
        { name: 'live: Paris', entry: 'tools.current.run', input: { city: 'Paris' }, live: true, expect: { match: { city: 'Paris' } } },
      ],
    };
    expect(testSecretValue('OPENWEATHER_KEY')).toBe('graft-test-openweather-key');
    const report = await validateDraft(deps(), draft(b));
    expect(report.issues).toEqual([]);
    expect(report.passed).toBe(true);
  });

  it('malformed test cases are reported, not thrown', async () => {
    const b = clone(fx.fixed);
    (b.tests as unknown[]).push(null, 'case', { entry: 'tools.getPlayer.run' });
    const report = await validateDraft(deps(), draft(b));
    expect(report.passed).toBe(false);
    expect(report.issues.filter((i) => i.kind === 'coverage').map((i) => i.where)).toEqual(expect.arrayContaining(['tests[6]', 'tests[7]', 'tests[8]']));
    expect(report.tests?.passed).toBe(4);
  });

  it('a value that is not a bundle is a typed MODULE_INVALID_BUNDLE error', async () => {
    await expect(validateDraft(deps(), draft({ manifest: fx.fixed.manifest, code: 42, tests: [] } as unknown as ModuleBundle))).rejects.toMatchObject({
      code: 'MODULE_INVALID_BUNDLE',
    });
  });
});

describe('validateDraft: cases that cannot fail', () => {
  it('a case without any expectation is an issue and does not count as coverage', async () => {
    const b = clone(fx.fixed);
    delete (b.tests.find((t) => t.name === 'getUpcomingChests lists the next chests') as { expect?: unknown }).expect;
    const report = await validateDraft(deps(), draft(b));
    expect(report.passed).toBe(false);
    expect(report.issues).toContainEqual(
      expect.objectContaining({ kind: 'test', where: 'getUpcomingChests lists the next chests', message: expect.stringMatching(/asserts nothing/) }),
    );
    expect(report.untestedTools).toEqual(['getUpcomingChests']);
  });
});

describe('describeModule (compile and read exports in the sandbox)', () => {
  it('reads `export { local as tools }` and each tool’s description and input schema', async () => {
    const d = await describeModule(
      sandbox,
      `const t = { echo: { description: 'Echo', input: { type: 'object', properties: { a: { type: 'string' } } }, run(i) { return i; } } };\nexport { t as tools };`,
    );
    expect(d).toEqual({ ok: true, tools: { echo: { description: 'Echo', input: { type: 'object', properties: { a: { type: 'string' } } }, hasRun: true } } });
  });

  it('works whatever the exported binding is called (no shadowing by the describe helper)', async () => {
    for (const local of ['out', 'name', 'tool', 'input', 'ok', 't']) {
      const d = await describeModule(
        sandbox,
        `const ${local} = { echo: { description: 'Echo', input: { type: 'object' }, run(i) { return i; } } };\nexport { ${local} as tools };`,
      );
      expect(d, local).toMatchObject({ ok: true, tools: { echo: { hasRun: true } } });
    }
  });

  it('reports a module whose top-level code throws as an exports problem with the guest message', async () => {
    const d = await describeModule(sandbox, `throw new Error('top-level boom');\nexport const tools = {};`);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.issue).toMatchObject({ kind: 'exports', message: expect.stringContaining('top-level boom') });
  });

  it('reports `tools` that is not an object, and tools without run/description/input', async () => {
    const notObject = await describeModule(sandbox, `export const tools = 42;`);
    expect(notObject).toMatchObject({ ok: false, issue: { kind: 'exports', message: expect.stringMatching(/must be an object of tools, got number/) } });
    const d = await describeModule(sandbox, `export const tools = { a: { input: [] }, b: 3 };`);
    expect(d.ok).toBe(true);
    if (d.ok) {
      const issues = checkExports(d.tools, ['a', 'b']).map((i) => i.message);
      expect(issues).toEqual(
        expect.arrayContaining([
          'tool "a" has no `run(input, ctx)` function',
          'tool "a" has no `description` string',
          expect.stringMatching(/^tool "a" needs `input`/),
          'tool "b" has no `run(input, ctx)` function',
        ]),
      );
    }
  });
});
