/**
 * The QuickJS WebAssembly module, compiled once per process and shared with every worker.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

let compiled: Promise<WebAssembly.Module> | undefined;

/** The compiled `@jitl/quickjs-wasmfile-release-sync` module (cached). */
export function quickjsWasmModule(): Promise<WebAssembly.Module> {
  compiled ??= (async () => {
    const require = createRequire(import.meta.url);
    const path = require.resolve('@jitl/quickjs-wasmfile-release-sync/wasm');
    return WebAssembly.compile(await readFile(path));
  })();
  return compiled;
}
