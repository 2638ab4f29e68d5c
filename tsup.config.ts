import type { Options } from 'tsup';

/**
 * Shared tsup options for every @graft package: ESM + CJS + .d.ts/.d.cts from src/index.ts
 * (and any extra entries a package names, such as its /testing entry).
 */
export function graftTsup(entry: Record<string, string> = { index: 'src/index.ts' }): Options {
  return {
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    splitting: false,
    treeshake: true,
    // the packages ship src/ beside dist/, so the maps point at it instead of embedding a copy
    esbuildOptions(options) {
      options.sourcesContent = false;
    },
  };
}
