/**
 * Locates the worker script: `dist/worker.js` / `dist/worker.cjs` next to the built entry, or,
 * when running from TypeScript sources (tests, benchmarks), a bundle of `src/worker/entry.ts`
 * made once with esbuild and cached under `node_modules/.cache/graft-sandbox/`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface EsbuildLike {
  build(options: Record<string, unknown>): Promise<{ outputFiles: Array<{ text: string }> }>;
}

let devBundle: Promise<URL> | undefined;

/** An esbuild plugin marking every bare import external except `@graft/*`. */
const externalExceptGraft = {
  name: 'external-except-graft',
  setup(build: { onResolve(o: { filter: RegExp }, cb: (a: { path: string }) => { external: boolean } | undefined): void }) {
    build.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@graft/') ? undefined : { external: true }));
  },
};

async function bundleFromSource(here: string): Promise<URL> {
  const specifier = 'esbuild';
  const esbuild = (await import(specifier)) as EsbuildLike;
  const entry = fileURLToPath(new URL('../worker/entry.ts', here));
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Graft's own packages are bundled from their TypeScript sources (the `@graft/source`
    // condition); every other package stays external, as in the published build.
    conditions: ['@graft/source'],
    plugins: [externalExceptGraft],
    write: false,
  });
  const text = result.outputFiles[0].text;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const dir = join(dirname(fileURLToPath(here)), '..', '..', 'node_modules', '.cache', 'graft-sandbox');
  const file = join(dir, `worker-${hash}.mjs`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  }
  return pathToFileURL(file);
}

/** The URL of the worker script for the current build (or source tree). */
export function workerScriptUrl(): Promise<URL> {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return (devBundle ??= bundleFromSource(here));
  return Promise.resolve(new URL(here.endsWith('.cjs') ? './worker.cjs' : './worker.js', here));
}
