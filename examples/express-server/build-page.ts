/**
 * Bundles the example page (`page/main.tsx`: React, `useChat` from `@ai-sdk/react`, marked and
 * DOMPurify) into one script with esbuild, so the page loads nothing from a CDN. `npm run build`
 * runs it (`node --import tsx examples/express-server/build-page.ts`); the server and the
 * browser test build on start.
 */
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Where the bundle is written (served at `/build`; not committed). */
export const PAGE_BUNDLE_DIR = join(here, '.page-build');

/** The page's entry point. */
export const PAGE_ENTRY = join(here, 'page', 'main.tsx');

/** Browsers the bundle targets. */
export const PAGE_TARGET = ['chrome111', 'firefox114', 'safari16.4'];

/**
 * The `ai` package that `@ai-sdk/react` itself uses (it pins its own version): the page's
 * `DefaultChatTransport` import resolves there too, so one copy of `ai` goes into the bundle.
 */
function aiOfReact(): string | undefined {
  const reactDir = dirname(createRequire(import.meta.url).resolve('@ai-sdk/react/package.json'));
  const nested = join(reactDir, 'node_modules', 'ai');
  return existsSync(nested) ? nested : undefined;
}

/** Bundles the page into `PAGE_BUNDLE_DIR/app.js` (minified, production React). Returns the file's path. */
export async function buildPage(): Promise<string> {
  const outfile = join(PAGE_BUNDLE_DIR, 'app.js');
  await build({
    entryPoints: [PAGE_ENTRY],
    outfile,
    bundle: true,
    format: 'esm',
    minify: process.env.GRAFT_PAGE_DEBUG ? false : true,
    target: PAGE_TARGET,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'linked',
    logLevel: 'warning',
    ...(aiOfReact() ? { alias: { ai: aiOfReact()! } } : {}),
  });
  return outfile;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = await buildPage();
  console.log(`page bundled: ${file}`);
}
