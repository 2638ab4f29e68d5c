/**
 * Guest unit `loader`: resolves a prelude global on its first read. Runs INSIDE the guest and is
 * itself compiled lazily, by the installer (see prelude.ts), on the first read of any global.
 * Like every unit it may reference only its parameters and ECMAScript built-ins.
 *
 * @param source - returns a unit's source text (an expression yielding `(load) => exports`), or
 *   `undefined` for an unknown name.
 * @param g - the guest's `globalThis`.
 * @param evaluate - the guest's own `eval`, captured when the installer ran, called indirectly.
 * @returns `resolve(name)`: loads the units behind global `name` (each compiled once per context),
 *   replaces the lazy accessor with a plain writable, non-enumerable value, and returns it.
 */
export function loaderUnit(source: (unit: string) => string | undefined, g: object, evaluate: (text: string) => unknown): (name: string) => unknown {
  const GLOBALS: Record<string, [string, string]> = {
    URL: ['url', 'URL'],
    URLSearchParams: ['searchParams', 'URLSearchParams'],
    TextEncoder: ['text', 'TextEncoder'],
    TextDecoder: ['text', 'TextDecoder'],
    atob: ['base64', 'atob'],
    btoa: ['base64', 'btoa'],
    structuredClone: ['clone', 'structuredClone'],
  };
  const cache: Record<string, Record<string, unknown>> = Object.create(null);
  const load = (name: string): Record<string, unknown> => {
    if (!(name in cache)) {
      const text = source(name);
      if (typeof text !== 'string') throw new Error('Graft guest prelude: unknown unit ' + name);
      cache[name] = (evaluate(text) as (l: typeof load) => Record<string, unknown>)(load);
    }
    return cache[name];
  };
  return function resolve(name: string): unknown {
    const entry = GLOBALS[name];
    const value = load(entry[0])[entry[1]];
    Object.defineProperty(g, name, { value, writable: true, configurable: true, enumerable: false });
    return value;
  };
}
