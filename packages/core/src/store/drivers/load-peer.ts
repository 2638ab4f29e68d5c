/** Loads a backend's client library (an optional peer dependency) on first use. */
import { StoreError } from '../errors.js';

/**
 * `import(name)`, or `STORE_DRIVER_MISSING` telling which package to install. CommonJS
 * packages are unwrapped from their `default` export.
 */
export async function loadPeer<T>(name: string, install: string, backend: string): Promise<T> {
  let loaded: { default?: unknown };
  try {
    loaded = (await import(name)) as { default?: unknown };
  } catch (cause) {
    throw new StoreError(
      'STORE_DRIVER_MISSING',
      `The ${backend} store needs the optional package "${name}", which could not be loaded. Install it next to @graft/core: npm install ${install}`,
      { cause },
    );
  }
  return (loaded.default ?? loaded) as T;
}
