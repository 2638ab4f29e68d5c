import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// The workspace contract: every package builds to ESM, CJS and types (.d.ts and .d.cts),
// and its `exports` map points at files that exist and load in both module systems.
// Runs against the build output, so `.ci/run` builds before testing.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const packages = ['providers', 'sandbox', 'core', 'modules'];
const require = createRequire(import.meta.url);

describe.each(packages)('@graft/%s build output', (name) => {
  const dir = join(root, 'packages', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const entries = Object.entries(pkg.exports as Record<string, Record<string, { types: string; default: string }>>);

  it('names every entry with types/import/require files that exist', () => {
    expect(pkg.name).toBe(`@graft/${name}`);
    for (const [, target] of entries) {
      for (const kind of ['import', 'require'] as const) {
        expect(existsSync(join(dir, target[kind].types)), `${name} ${kind} types`).toBe(true);
        expect(existsSync(join(dir, target[kind].default)), `${name} ${kind} code`).toBe(true);
      }
    }
  });

  it('loads as ESM and as CJS with the same export names', async () => {
    for (const [, target] of entries) {
      const esm = await import(pathToFileURL(join(dir, target.import.default)).href);
      const cjs = require(join(dir, target.require.default));
      expect(Object.keys(esm).sort()).toEqual(Object.keys(cjs).sort());
    }
  });
});
