/**
 * Loads the Clash Royale fixtures (plain JSON/JS files beside this one), optionally pointing
 * the module at a local stand-in of the API instead of https://api.clashroyale.com.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModuleBundle, ModuleManifest, ModuleTestCase } from '@graft/modules';

/** Folder of the fixtures. */
export const CLASH_ROYALE_FIXTURES_DIR = dirname(fileURLToPath(import.meta.url));

/** The real API origin the fixtures are written for. */
export const CLASH_ROYALE_ORIGIN = 'https://api.clashroyale.com';

function read(name: string): string {
  return readFileSync(join(CLASH_ROYALE_FIXTURES_DIR, name), 'utf8');
}

/** The fixtures, parsed. */
export interface ClashRoyaleFixtures {
  /** A full `GET /v1/players/%23TAG` response body. */
  player: Record<string, any>;
  /** A `GET /v1/players/%23TAG/upcomingchests` response body. */
  upcomingChests: { items: Array<{ index: number; name: string }> };
  notFound: Record<string, unknown>;
  accessDenied: Record<string, unknown>;
  /** The first draft: tag not percent-encoded (the "#" becomes a URL fragment). */
  buggy: ModuleBundle;
  /** The repaired module. */
  fixed: ModuleBundle;
}

/**
 * Loads every fixture. With `origin` (e.g. `http://127.0.0.1:4567`), the modules' code, test
 * URLs and allowed host are rewritten to that origin, so they run against a local stand-in.
 */
export function loadClashRoyaleFixtures(origin?: string): ClashRoyaleFixtures {
  const rewrite = (text: string) => (origin ? text.split(CLASH_ROYALE_ORIGIN).join(origin) : text);
  const manifest = JSON.parse(read('manifest.json')) as ModuleManifest;
  if (origin) manifest.permissions.hosts = [new URL(origin).host];
  const tests = JSON.parse(rewrite(read('tests.json'))) as ModuleTestCase[];
  const bundle = (file: string): ModuleBundle => ({ manifest: structuredClone(manifest), code: rewrite(read(file)), tests: structuredClone(tests) });
  return {
    player: JSON.parse(read('player.json')),
    upcomingChests: JSON.parse(read('upcoming-chests.json')),
    notFound: JSON.parse(read('not-found.json')),
    accessDenied: JSON.parse(read('access-denied.json')),
    buggy: bundle('module.buggy.js'),
    fixed: bundle('module.fixed.js'),
  };
}
