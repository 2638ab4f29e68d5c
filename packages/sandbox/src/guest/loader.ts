/**
 * The prelude's entry point, run INSIDE the guest (its source text is embedded by prelude.ts, so
 * it may reference only its parameters and ECMAScript built-ins).
 *
 * For every global it defines a configurable, non-enumerable getter on `globalThis`. The first
 * read compiles the unit that implements it (with the `evaluate` captured when the prelude ran),
 * then replaces the getter with a plain writable, non-enumerable value. Assigning the global
 * first simply replaces it. Units load each other through `load`, compiled once per context.
 *
 * @param g - the guest's `globalThis`.
 * @param evaluate - the guest's own `eval`, called indirectly (global scope).
 * @param source - returns, for a unit name, the source text of an expression that yields the unit's
 *   factory `(load) => exports` (or `undefined` for an unknown name).
 * @param globals - global name to `[unit name, export name]`.
 */
export function installGuestGlobals(
  g: object,
  evaluate: (source: string) => unknown,
  source: (unit: string) => string | undefined,
  globals: Record<string, [string, string]>,
): void {
  const cache: Record<string, Record<string, unknown>> = Object.create(null);
  const load = (name: string): Record<string, unknown> => {
    if (!(name in cache)) {
      const text = source(name);
      if (typeof text !== 'string') throw new Error('Graft guest prelude: unknown unit ' + name);
      const factory = evaluate(text) as (l: typeof load) => Record<string, unknown>;
      cache[name] = factory(load);
    }
    return cache[name];
  };
  const define = (name: string, value: unknown) =>
    Object.defineProperty(g, name, { value, writable: true, configurable: true, enumerable: false });
  const lazy = (name: string, unit: string, key: string) =>
    Object.defineProperty(g, name, {
      configurable: true,
      enumerable: false,
      get() {
        const value = load(unit)[key];
        define(name, value);
        return value;
      },
      set(value: unknown) {
        define(name, value);
      },
    });
  for (const name in globals) lazy(name, globals[name][0], globals[name][1]);
}
