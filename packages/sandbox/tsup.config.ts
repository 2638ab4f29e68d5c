import { defineConfig } from 'tsup';
import { graftTsup } from '../../tsup.config';

// Two entries: the public API and the worker-thread script it spawns (dist/worker.js / .cjs).
// `shims` provides import.meta.url in the CJS build, which locates the worker and the wasm file.
export default defineConfig({
  ...graftTsup({ index: 'src/index.ts', worker: 'src/worker/entry.ts' }),
  shims: true,
});
