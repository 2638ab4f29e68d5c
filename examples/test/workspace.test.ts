import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The workspace contract: every package builds to ESM, CJS and types (.d.ts and .d.cts),
// and its `exports` map points at files that exist and load in both module systems.
// Runs against the build output, so `.ci/run` builds before testing.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const packages = ['providers', 'sandbox', 'core', 'modules'];

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

  it('loads as ESM and as CJS with the same export names, in a plain Node process', () => {
    // A separate process: consumers load the build without the test runner's export conditions.
    for (const [entry] of entries) {
      const spec = entry === '.' ? pkg.name : `${pkg.name}/${entry.slice(2)}`;
      const script = `
        const cjs = Object.keys(require(${JSON.stringify(spec)})).sort();
        import(${JSON.stringify(spec)}).then((esm) => console.log(JSON.stringify({ cjs, esm: Object.keys(esm).sort() })));`;
      const r = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const { cjs, esm } = JSON.parse(r.stdout);
      expect(esm.filter((k: string) => k !== 'default')).toEqual(cjs);
      expect(cjs.length).toBeGreaterThan(0);
    }
  });
});
