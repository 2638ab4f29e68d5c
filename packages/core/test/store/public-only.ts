/** Test helper: a store the checkpointer can only reach through its public operations. */
import type { GraftStore } from '@graft/core';

/** The same store behind a plain object: the checkpointer can only use the public operations (no driver fast paths). */
export function publicOnly(store: GraftStore): GraftStore {
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'namespace') return (name: string) => publicOnly(target.namespace(name));
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
    getPrototypeOf: () => Object.prototype,
  });
}
