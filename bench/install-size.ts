/**
 * Installed size of Graft for an app: the four packages (`providers`, `sandbox`, `core`,
 * `modules`) packed with `npm pack` (so exactly what would be published; build first) and
 * installed together from the tarballs into an empty project with the app's defaults
 * (production dependencies, optional peers not installed). Prints the size on disk, the
 * number of packages, and the largest packages. Needs the npm registry (or a warm npm cache).
 *
 * Target (issue 13): ≤ 80 MB for a user of the in-memory store.
 *
 *   npm run build && node --import tsx bench/install-size.ts [--keep]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TARGET_MB = 80;
const PACKAGES = ['providers', 'sandbox', 'core', 'modules'];
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Bytes of every file under `dir` (apparent size) and of the disk blocks they use. */
function sizeOf(dir: string): { bytes: number; disk: number } {
  let bytes = 0;
  let disk = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const s = sizeOf(path);
      bytes += s.bytes;
      disk += s.disk;
    } else if (entry.isFile()) {
      const st = statSync(path);
      bytes += st.size;
      disk += st.blocks * 512;
    }
  }
  return { bytes, disk };
}

/** Every installed package directory (`node_modules/x`, `node_modules/@s/x`, nested too). */
function packagesUnder(nodeModules: string, out: Array<{ name: string; dir: string }> = []) {
  if (!existsSync(nodeModules)) return out;
  for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const dirs = entry.name.startsWith('@')
      ? readdirSync(join(nodeModules, entry.name), { withFileTypes: true })
          .filter((e) => e.isDirectory())
          .map((e) => ({ name: `${entry.name}/${e.name}`, dir: join(nodeModules, entry.name, e.name) }))
      : [{ name: entry.name, dir: join(nodeModules, entry.name) }];
    for (const d of dirs) {
      if (!existsSync(join(d.dir, 'package.json'))) continue;
      out.push(d);
      packagesUnder(join(d.dir, 'node_modules'), out);
    }
  }
  return out;
}

function main() {
  for (const p of PACKAGES) {
    if (!existsSync(join(root, 'packages', p, 'dist'))) {
      console.log(`packages/${p}/dist is missing: run \`npm run build\` first.`);
      process.exit(1);
    }
  }
  const work = mkdtempSync(join(tmpdir(), 'graft-install-size-'));
  try {
    const tarballs = PACKAGES.map((p) => {
      const out = execFileSync(npm, ['pack', '--json', '--pack-destination', work], { cwd: join(root, 'packages', p), encoding: 'utf8' });
      const [info] = JSON.parse(out) as Array<{ filename: string; size: number; unpackedSize: number }>;
      return { pkg: p, file: join(work, info!.filename), size: info!.size, unpacked: info!.unpackedSize };
    });
    const app = join(work, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'graft-install-size-probe', version: '0.0.0', private: true, type: 'module' }, null, 2));
    const started = performance.now();
    execFileSync(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--omit=dev', ...tarballs.map((t) => t.file)], {
      cwd: app,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const installSeconds = (performance.now() - started) / 1000;
    const nodeModules = join(app, 'node_modules');
    const total = sizeOf(nodeModules);
    const pkgs = packagesUnder(nodeModules).map((p) => ({ ...p, ...sizeOf(p.dir) }));
    // a package's own size excludes the packages nested in its node_modules
    const own = pkgs.map((p) => {
      const nested = existsSync(join(p.dir, 'node_modules')) ? sizeOf(join(p.dir, 'node_modules')) : { bytes: 0, disk: 0 };
      return { name: p.name, disk: p.disk - nested.disk };
    });
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    console.log('Graft installed from its four tarballs into an empty project (npm install, production dependencies):');
    for (const t of tarballs) console.log(`  @graft/${t.pkg.padEnd(10)} tarball ${mb(t.size).padStart(5)} MB, unpacked ${mb(t.unpacked).padStart(5)} MB`);
    console.log(
      `node_modules on disk: ${mb(total.disk)} MB (files ${mb(total.bytes)} MB), ${pkgs.length} packages, installed in ${installSeconds.toFixed(0)} s   target ≤ ${TARGET_MB} MB`,
    );
    console.log('largest packages (on disk, without their nested node_modules):');
    for (const p of own.sort((a, b) => b.disk - a.disk).slice(0, 12)) console.log(`  ${mb(p.disk).padStart(6)} MB  ${p.name}`);
  } finally {
    if (process.argv.includes('--keep')) console.log(`(kept ${work})`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main();
