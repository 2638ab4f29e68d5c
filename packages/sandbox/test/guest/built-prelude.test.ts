import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build as tsup } from 'tsup';
import { afterAll, describe, expect, it } from 'vitest';
import { graftTsup } from '../../../../tsup.config.js';
import { USE_ALL_GLOBALS, evalIn, quickjs, useAllGlobalsInNode } from './harness.js';

const ENTRY = fileURLToPath(new URL('../../src/guest/prelude.ts', import.meta.url));

interface PreludeExports {
  GUEST_PRELUDE_SOURCE: string;
  GUEST_INSTALLER_SOURCE: string;
}

async function works(prelude: string): Promise<unknown> {
  const context = (await quickjs()).newContext();
  try {
    evalIn(context, prelude, 'prelude.js');
    return evalIn(context, USE_ALL_GLOBALS);
  } finally {
    context.dispose();
  }
}

/**
 * The prelude is built from `Function.prototype.toString()` of the unit functions, so what the
 * package ships must still produce working guest source after tsup (ESM and CJS) and after an
 * esbuild transform with `keepNames` (what tsx does), which injects `__name(...)` calls.
 */
describe('the prelude survives the build', () => {
  const dir = mkdtempSync(join(tmpdir(), 'graft-prelude-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('from the tsup ESM and CJS output', async () => {
    await tsup({ ...graftTsup({ prelude: ENTRY }), outDir: dir, dts: false, sourcemap: false, silent: true, config: false });
    const esm = (await import(pathToFileURL(join(dir, 'prelude.js')).href)) as PreludeExports;
    const cjs = createRequire(import.meta.url)(join(dir, 'prelude.cjs')) as PreludeExports;
    expect(await works(esm.GUEST_PRELUDE_SOURCE)).toBe(useAllGlobalsInNode());
    expect(await works(cjs.GUEST_PRELUDE_SOURCE)).toBe(useAllGlobalsInNode());
  }, 60_000);

  it('from an esbuild bundle with keepNames', async () => {
    const out = await esbuild({ entryPoints: [ENTRY], bundle: true, format: 'esm', keepNames: true, write: false, platform: 'node' });
    const file = join(dir, 'kept-names.mjs');
    writeFileSync(file, out.outputFiles[0].text);
    const mod = (await import(pathToFileURL(file).href)) as PreludeExports;
    expect(mod.GUEST_PRELUDE_SOURCE).toContain('__name(');
    expect(await works(mod.GUEST_PRELUDE_SOURCE)).toBe(useAllGlobalsInNode());
  }, 60_000);
});
