/**
 * Guest unit `clone`: `structuredClone` (the HTML structured serialize/deserialize pair, in one
 * pass). Uncloneable values throw an `Error` named `DataCloneError` with `code` 25, like Node's
 * DOMException. Runs inside the guest (see utf8.ts).
 */
export function cloneUnit() {
  type Getter = (this: unknown) => unknown;
  const getter = (proto: object, key: PropertyKey) => (Object.getOwnPropertyDescriptor(proto, key) as PropertyDescriptor).get as Getter;
  const is = (fn: (this: any, ...a: any[]) => unknown, v: unknown, ...args: unknown[]) => {
    try {
      fn.apply(v, args);
      return true;
    } catch {
      return false;
    }
  };
  const typedArrayProto = Object.getPrototypeOf(Uint8Array.prototype) as object;
  const typedArrayTag = getter(typedArrayProto, Symbol.toStringTag);
  const mapSize = getter(Map.prototype, 'size');
  const setSize = getter(Set.prototype, 'size');
  const bufferLength = getter(ArrayBuffer.prototype, 'byteLength');
  const viewLength = getter(DataView.prototype, 'byteLength');
  const regexpSource = getter(RegExp.prototype, 'source');
  const g = globalThis as unknown as Record<string, new (...a: unknown[]) => unknown>;
  const ERROR_NAMES = ['Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError'];
  const UNCLONEABLE_TAGS = ['[object Promise]', '[object WeakRef]', '[object FinalizationRegistry]', '[object Generator]', '[object AsyncGenerator]'];
  const toTag = (v: unknown) => Object.prototype.toString.call(v);

  const dataCloneError = (message: string) => {
    const err = new Error(message) as Error & { code: number };
    err.name = 'DataCloneError';
    err.code = 25;
    return err;
  };
  const typeError = (message: string, code: string) => {
    const err = new TypeError(message) as TypeError & { code: string };
    err.code = code;
    return err;
  };
  const describe = (v: unknown) => {
    if (typeof v === 'symbol' || typeof v === 'function') return String(v);
    const ctor = (v as { constructor?: { name?: string } }).constructor;
    return '#<' + (ctor && typeof ctor.name === 'string' ? ctor.name : 'Object') + '>';
  };

  function structuredClone(value: unknown, options?: { transfer?: unknown[] }): unknown {
    if (arguments.length === 0) throw new TypeError('The "value" argument must be specified');
    const memory = new Map<unknown, unknown>();
    const list = options === undefined || options === null ? undefined : options.transfer;
    if (list !== undefined && (typeof list !== 'object' || list === null || typeof (list as unknown as Iterable<unknown>)[Symbol.iterator] !== 'function')) {
      throw typeError('Optional transferList argument must be an iterable', 'ERR_INVALID_ARG_TYPE');
    }
    const transfer = list === undefined ? [] : Array.from(list);
    for (let i = 0; i < transfer.length; i++) {
      const t = transfer[i] as ArrayBuffer;
      // Node reports these as TypeErrors (the HTML standard says DataCloneError).
      if (!is(bufferLength, t)) throw typeError('Found invalid object in transferList', 'ERR_INVALID_TRANSFER_OBJECT');
      if (memory.has(t)) throw dataCloneError('Duplicate transferable in the transfer list');
      memory.set(t, null);
    }
    for (let i = 0; i < transfer.length; i++) {
      const t = transfer[i] as ArrayBuffer & { transfer?: () => ArrayBuffer };
      memory.set(t, typeof t.transfer === 'function' ? t.transfer() : t.slice(0));
    }

    const clone = (v: unknown): unknown => {
      if (typeof v === 'symbol' || typeof v === 'function') throw dataCloneError(describe(v) + ' could not be cloned.');
      if (v === null || typeof v !== 'object') return v;
      if (memory.has(v)) return memory.get(v);
      let out: unknown;
      const o = v as Record<string, unknown>;
      if (is(Boolean.prototype.valueOf, v)) out = Object(Boolean.prototype.valueOf.call(v));
      else if (is(Number.prototype.valueOf, v)) out = Object(Number.prototype.valueOf.call(v));
      else if (is(String.prototype.valueOf, v)) out = Object(String.prototype.valueOf.call(v));
      else if (is(BigInt.prototype.valueOf, v)) out = Object(BigInt.prototype.valueOf.call(v));
      else if (is(Date.prototype.getTime, v)) out = new Date(Date.prototype.getTime.call(v));
      else if (v !== RegExp.prototype && is(regexpSource, v)) out = new RegExp(regexpSource.call(v) as string, (v as RegExp).flags);
      else if (is(bufferLength, v)) out = ArrayBuffer.prototype.slice.call(v, 0);
      else if (typedArrayTag.call(v) !== undefined) {
        const ta = v as Uint8Array;
        const buffer = clone(ta.buffer) as ArrayBuffer;
        out = new g[typedArrayTag.call(v) as string](buffer, ta.byteOffset, ta.length);
      } else if (is(viewLength, v)) {
        const dv = v as DataView;
        out = new DataView(clone(dv.buffer) as ArrayBuffer, dv.byteOffset, dv.byteLength);
      } else if (is(mapSize, v)) {
        const map = new Map();
        memory.set(v, map);
        const entries = Array.from(Map.prototype.entries.call(v as Map<unknown, unknown>));
        for (let i = 0; i < entries.length; i++) map.set(clone(entries[i][0]), clone(entries[i][1]));
        return map;
      } else if (is(setSize, v)) {
        const set = new Set();
        memory.set(v, set);
        const values = Array.from(Set.prototype.values.call(v as Set<unknown>));
        for (let i = 0; i < values.length; i++) set.add(clone(values[i]));
        return set;
      } else if (toTag(v) === '[object Error]') {
        const name = String(o.name);
        const err = new g[ERROR_NAMES.indexOf(name) >= 0 ? name : 'Error']() as Record<string, unknown>;
        memory.set(v, err);
        const msg = Object.getOwnPropertyDescriptor(v, 'message');
        if (msg && 'value' in msg) Object.defineProperty(err, 'message', { value: String(msg.value), writable: true, configurable: true });
        if (typeof o.stack === 'string') Object.defineProperty(err, 'stack', { value: o.stack, writable: true, configurable: true });
        if (Object.prototype.hasOwnProperty.call(v, 'cause')) {
          Object.defineProperty(err, 'cause', { value: clone(o.cause), writable: true, configurable: true });
        }
        return err;
      } else if (Array.isArray(v)) {
        const arr = new Array((v as unknown[]).length) as unknown as Record<string, unknown>;
        memory.set(v, arr);
        const keys = Object.keys(v);
        for (let i = 0; i < keys.length; i++) arr[keys[i]] = clone(o[keys[i]]);
        return arr;
      } else if (is(WeakMap.prototype.has, v, {}) || is(WeakSet.prototype.has, v, {}) || UNCLONEABLE_TAGS.indexOf(toTag(v)) >= 0) {
        throw dataCloneError(describe(v) + ' could not be cloned.');
      } else {
        const obj: Record<string, unknown> = {};
        memory.set(v, obj);
        const keys = Object.keys(v);
        for (let i = 0; i < keys.length; i++) obj[keys[i]] = clone(o[keys[i]]);
        return obj;
      }
      memory.set(v, out);
      return out;
    };
    return clone(value);
  }

  return { structuredClone };
}

/** What the `clone` unit exports inside the guest. */
export type CloneUnit = ReturnType<typeof cloneUnit>;
