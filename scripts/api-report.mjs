#!/usr/bin/env node
// The public API report: one `api/<package>[.<entry>].api.md` per public entry of every package,
// written by API Extractor from the built `.d.ts`. `npm run api` checks the reports (CI: a
// change of public surface without an updated report fails); `npm run api -- --local` rewrites
// them, so a change of public API is a visible diff in review. Run `npm run build` first.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const local = process.argv.includes('--local');
const reportFolder = join(root, 'api');
mkdirSync(reportFolder, { recursive: true });
const tempFolder = join(root, 'node_modules/.cache/api-extractor');
mkdirSync(tempFolder, { recursive: true });

let failed = 0;
for (const name of ['providers', 'sandbox', 'core', 'modules']) {
  const dir = join(root, 'packages', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const [entry, target] of Object.entries(pkg.exports)) {
    const types = join(dir, target.import.types);
    if (!existsSync(types)) {
      console.error(`${types} is missing: run npm run build first`);
      process.exit(1);
    }
    const reportName = entry === '.' ? name : `${name}.${entry.slice(2)}`;
    const config = ExtractorConfig.prepare({
      configObject: {
        projectFolder: dir,
        mainEntryPointFilePath: types,
        compiler: {
          overrideTsconfig: {
            compilerOptions: {
              target: 'es2022',
              module: 'nodenext',
              moduleResolution: 'nodenext',
              lib: ['es2023', 'esnext.disposable', 'dom'],
              types: ['node'],
              skipLibCheck: true,
              strict: true,
            },
          },
        },
        apiReport: { enabled: true, reportFolder, reportTempFolder: tempFolder, reportFileName: `${reportName}.api.md` },
        docModel: { enabled: false },
        dtsRollup: { enabled: false },
        tsdocMetadata: { enabled: false },
        messages: {
          compilerMessageReporting: { default: { logLevel: 'none' } },
          extractorMessageReporting: { default: { logLevel: 'none' } },
          tsdocMessageReporting: { default: { logLevel: 'none' } },
        },
      },
      configObjectFullPath: join(dir, 'api-extractor.json'),
      packageJsonFullPath: join(dir, 'package.json'),
    });
    const result = Extractor.invoke(config, { localBuild: local, showVerboseMessages: false, messageCallback: (m) => (m.handled = true) });
    const changed = result.apiReportChanged;
    console.log(
      `${reportName}: ${result.succeeded ? (changed ? 'report updated' : 'unchanged') : 'PUBLIC API CHANGED (run npm run api -- --local and commit api/)'}`,
    );
    if (!result.succeeded) failed++;
  }
}
process.exit(failed ? 1 : 0);
