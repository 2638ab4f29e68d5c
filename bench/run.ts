/**
 * Runs every `bench/*.bench.ts` (or the ones named on the command line) in its own Node
 * process, one after another, so one benchmark's heap and JIT state never skew another's.
 *
 * Packages resolve to their BUILT output (`packages/*\/dist`): what an app installs and runs. The
 * runner builds first when any package's sources are newer than its build. A bench whose first
 * line is {@link SOURCES_MARKER} needs package internals and runs on the TypeScript sources (the
 * `@graft/source` condition, through tsx); `--sources` runs every bench that way (quicker while
 * editing, but tsx wraps each function made at run time in a `__name` call, which the build does
 * not: about 10 extra calls per agent turn, so ratios read a few percent high).
 *
 *   npm run bench [-- [--sources] [name…]]
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** First line of a bench that must run on the sources. */
const SOURCES_MARKER = '// bench: sources';
const PACKAGES = ['providers', 'sandbox', 'core', 'modules'];

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const args = process.argv.slice(2);
const allSources = args.includes('--sources');
const wanted = args.filter((a) => a !== '--sources');
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

/** Newest modification time of the files under `dir` (0 when it does not exist). */
function newest(dir: string): number {
  let latest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    latest = Math.max(latest, e.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const onSources = (file: string) => allSources || readFileSync(join(here, file), 'utf8').startsWith(SOURCES_MARKER);
if (files.some((f) => !onSources(f))) {
  const stale = PACKAGES.filter((p) => {
    const built = newest(join(root, 'packages', p, 'dist'));
    return built === 0 || newest(join(root, 'packages', p, 'src')) > built;
  });
  if (stale.length) {
    console.log(`building (sources newer than the build: ${stale.join(', ')})`);
    const b = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (b.status !== 0) process.exit(b.status ?? 1);
  }
}

let failed = 0;
for (const file of files) {
  const sources = onSources(file);
  console.log(`\n=== ${file} (${sources ? 'TypeScript sources' : 'built packages'})`);
  const flags = sources ? ['--conditions=@graft/source'] : [];
  const r = spawnSync(process.execPath, [...flags, '--expose-gc', '--import', 'tsx', join(here, file)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
if (files.length === 0) console.log('no benchmarks matched');
process.exit(failed ? 1 : 0);
