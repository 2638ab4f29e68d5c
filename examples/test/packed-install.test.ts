/**
 * What a user of the published packages gets: every package is packed with `npm pack`, the four
 * tarballs are installed into an empty project (dependencies from the registry, like a user's
 * `npm install`), and then:
 * - each entry loads as ESM and as CJS in a plain Node process;
 * - a TypeScript consumer type-checks with `skipLibCheck: false` although neither optional peer
 *   (`@opentelemetry/api`, `prom-client`) is installed.
 * Runs on the build output (`npm run build` first, as `.ci/run` does).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const packages = ['providers', 'sandbox', 'core', 'modules'];
const built = packages.every((p) => existsSync(join(root, 'packages', p, 'dist/index.js')));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const tsc = join(root, 'node_modules/typescript/bin/tsc');
/** A registry install of every dependency: generous, it is network and disk bound. */
const INSTALL_TIMEOUT_MS = 300_000;
/** Two strict type-checks of LangChain-heavy declarations: slow on a loaded 2-core machine. */
const TYPECHECK_TIMEOUT_MS = 300_000;

/** Every public entry (`@graft/core`, `@graft/core/testing`, …) of the four packages. */
function entries(): string[] {
  return packages.flatMap((p) => {
    const pkg = JSON.parse(readFileSync(join(root, 'packages', p, 'package.json'), 'utf8'));
    return Object.keys(pkg.exports).map((e) => (e === '.' ? pkg.name : `${pkg.name}/${e.slice(2)}`));
  });
}

describe('the packed packages, installed into an empty project', () => {
  const dir = mkdtempSync(join(tmpdir(), 'graft-consumer-'));

  beforeAll(() => {
    if (!built) throw new Error('Build the packages first: npm run build (this test packs their dist/ output).');
    const packed = join(dir, 'tarballs');
    mkdirSync(packed);
    execFileSync(npm, ['pack', '--silent', '--pack-destination', packed, ...packages.flatMap((p) => ['-w', `packages/${p}`])], {
      cwd: root,
      stdio: 'pipe',
      env: { ...process.env, npm_config_loglevel: 'error' },
    });
    const tarballs = readdirSync(packed).map((f) => join(packed, f));
    expect(tarballs).toHaveLength(packages.length);
    const app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '1.0.0' }));
    // --ignore-scripts: nothing of ours needs an install script; native addons are optional peers.
    execFileSync(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--loglevel=error', ...tarballs, '@types/node@20'], {
      cwd: app,
      stdio: 'pipe',
      timeout: INSTALL_TIMEOUT_MS,
    });
  }, INSTALL_TIMEOUT_MS + 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }), 120_000);

  it('installs the four packages from their tarballs, without the optional peers', () => {
    const modulesDir = join(dir, 'app/node_modules');
    for (const p of packages) expect(existsSync(join(modulesDir, '@graft', p, 'dist/index.js')), p).toBe(true);
    expect(existsSync(join(modulesDir, '@opentelemetry/api'))).toBe(false);
    expect(existsSync(join(modulesDir, 'prom-client'))).toBe(false);
    // the providers talk HTTP through fetch: no `openai` client (≈ 19 MB) comes with them
    expect(existsSync(join(modulesDir, 'openai'))).toBe(false);
  });

  it('turns a zod 3 tool schema into JSON Schema from the ESM and the CJS build (zod-to-json-schema is loaded on use)', () => {
    const body = `const tool = defineTool({ name: 't', description: 'd', input: z.object({ city: z.string() }), execute: () => 1 });
      console.log(JSON.stringify(tool.parameters));`;
    const esm = `import { defineTool } from '@graft/core'; import { z } from 'zod/v3'; ${body}`;
    const cjs = `const { defineTool } = require('@graft/core'); const { z } = require('zod/v3'); ${body}`;
    for (const [label, args] of [
      ['esm', ['--input-type=module', '-e', esm]],
      ['cjs', ['-e', cjs]],
    ] as const) {
      const r = spawnSync(process.execPath, args, { cwd: join(dir, 'app'), encoding: 'utf8' });
      expect(r.status, `${label}: ${r.stderr}`).toBe(0);
      const schema = JSON.parse(r.stdout);
      expect(schema.type, label).toBe('object');
      expect(schema.properties.city, label).toEqual({ type: 'string' });
      expect(schema.required, label).toEqual(['city']);
    }
  });

  it('loads every entry as ESM and as CJS', () => {
    for (const spec of entries()) {
      const script = `
        const cjs = Object.keys(require(${JSON.stringify(spec)})).sort();
        import(${JSON.stringify(spec)}).then((esm) => console.log(JSON.stringify({ cjs, esm: Object.keys(esm).filter((k) => k !== 'default').sort() })));`;
      const r = spawnSync(process.execPath, ['-e', script], { cwd: join(dir, 'app'), encoding: 'utf8' });
      expect(r.status, `${spec}: ${r.stderr}`).toBe(0);
      const { cjs, esm } = JSON.parse(r.stdout);
      expect(esm, spec).toEqual(cjs);
      expect(cjs.length, spec).toBeGreaterThan(0);
    }
  });

  it(
    'type-checks a strict consumer with skipLibCheck: false, ESM and CJS',
    () => {
      const app = join(dir, 'app');
      const imports = entries()
        .map((spec, i) => `import * as m${i} from '${spec}';\nexport const k${i} = Object.keys(m${i});`)
        .join('\n');
      const usage = `
import { Agent, defineTool, createStore } from '@graft/core';
import { openaiCompatible } from '@graft/providers';
import { ModuleManager } from '@graft/modules';
import { z } from 'zod';
const provider = openaiCompatible({ baseURL: 'http://127.0.0.1:1/v1', model: 'm' });
const tool = defineTool({ name: 't', description: 'd', input: z.object({ a: z.string() }), execute: async ({ a }) => a.length });
export const agent = new Agent({ provider, tools: [tool] });
export const store = createStore();
export type M = ModuleManager;
`;
      for (const [module, ext] of [
        ['nodenext', 'mts'],
        ['nodenext', 'cts'],
      ] as const) {
        const src = ext === 'cts' ? imports.replace(/^import \* as (\w+) from '([^']+)';$/gm, "import $1 = require('$2');") : `${imports}\n${usage}`;
        writeFileSync(join(app, `consumer.${ext}`), src);
        writeFileSync(
          join(app, `tsconfig.${ext}.json`),
          JSON.stringify({
            compilerOptions: { strict: true, skipLibCheck: false, noEmit: true, module, moduleResolution: module, target: 'es2022', types: ['node'] },
            files: [`consumer.${ext}`],
          }),
        );
        const r = spawnSync(process.execPath, [tsc, '-p', `tsconfig.${ext}.json`], { cwd: app, encoding: 'utf8' });
        expect(r.status, `${ext}:\n${r.stdout}${r.stderr}`).toBe(0);
      }
    },
    TYPECHECK_TIMEOUT_MS,
  );
});
