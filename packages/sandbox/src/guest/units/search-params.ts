import type { GuestLoad } from './load.js';
import type { PercentUnit } from './percent.js';
import type { UrlRecord } from './url-record.js';

/** The holder a `URL` shares with its `searchParams`, so each sees the other's edits. */
export interface UrlLink {
  record: UrlRecord;
}

/**
 * Guest unit `searchParams`: `URLSearchParams`, optionally linked to a URL record (the URL's
 * `searchParams` object is live). Runs inside the guest (see utf8.ts).
 */
export function searchParamsUnit(load: GuestLoad) {
  const percent = load<PercentUnit>('percent');
  interface State {
    list: [string, string][];
    link: UrlLink | null;
  }
  const states = new WeakMap<object, State>();
  const usv = (v: unknown): string => (String(v) as unknown as { toWellFormed(): string }).toWellFormed();
  const state = (self: object): State => {
    const s = states.get(self);
    if (!s) throw new TypeError('Value of "this" must be of type URLSearchParams');
    return s;
  };
  const need = (args: IArguments, n: number, what: string) => {
    if (args.length < n) throw new TypeError('The "' + what + '" argument must be specified');
  };

  /** Removes trailing spaces from an opaque path once it can no longer be followed by `?`/`#`. */
  function stripOpaquePath(r: UrlRecord) {
    if (typeof r.path === 'string' && r.fragment === null && r.query === null) r.path = r.path.replace(/ +$/, '');
  }

  function update(s: State) {
    if (!s.link) return;
    const q = percent.serializeForm(s.list);
    s.link.record.query = q === '' ? null : q;
    if (q === '') stripOpaquePath(s.link.record);
  }

  const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  const iterators = new WeakMap<object, { s: State; kind: number; i: number }>();
  const URLSearchParamsIterator = Object.create(iteratorPrototype, {
    next: {
      writable: true,
      configurable: true,
      value: function next(this: object) {
        const it = iterators.get(this);
        if (!it) throw new TypeError('Value of "this" must be of type URLSearchParamsIterator');
        if (it.i >= it.s.list.length) return { value: undefined, done: true };
        const pair = it.s.list[it.i++];
        return { value: it.kind === 0 ? pair[0] : it.kind === 1 ? pair[1] : [pair[0], pair[1]], done: false };
      },
    },
    [Symbol.toStringTag]: { configurable: true, value: 'URLSearchParams Iterator' },
  });
  const iterate = (s: State, kind: number) => {
    const it = Object.create(URLSearchParamsIterator);
    iterators.set(it, { s, kind, i: 0 });
    return it;
  };

  class URLSearchParams {
    constructor(init?: unknown) {
      const s: State = { list: [], link: null };
      states.set(this, s);
      if (init === undefined || init === null) return;
      if ((typeof init === 'object' && init !== null) || typeof init === 'function') {
        const obj = init as Record<string | symbol, unknown>;
        const iter = obj[Symbol.iterator];
        if (iter !== undefined && iter !== null) {
          if (typeof iter !== 'function') throw new TypeError('Query pairs must be iterable');
          for (const pair of obj as unknown as Iterable<unknown>) {
            if ((typeof pair !== 'object' || pair === null) && typeof pair !== 'function') {
              throw new TypeError('Each query pair must be an iterable [name, value] tuple');
            }
            const kv = Array.from(pair as Iterable<unknown>);
            if (kv.length !== 2) throw new TypeError('Each query pair must be an iterable [name, value] tuple');
            s.list.push([usv(kv[0]), usv(kv[1])]);
          }
        } else {
          const keys = Reflect.ownKeys(obj);
          for (let i = 0; i < keys.length; i++) {
            const key = keys[i];
            const desc = Reflect.getOwnPropertyDescriptor(obj, key);
            if (desc === undefined || !desc.enumerable) continue;
            if (typeof key !== 'string') throw new TypeError('Cannot convert a Symbol value to a string');
            s.list.push([usv(key), usv(obj[key])]);
          }
        }
        return;
      }
      let str = usv(init);
      if (str[0] === '?') str = str.slice(1);
      s.list = percent.parseForm(str);
    }
    get size(): number {
      return state(this).list.length;
    }
    append(name: string, value: string): void {
      need(arguments, 2, arguments.length ? 'value' : 'name');
      const s = state(this);
      s.list.push([usv(name), usv(value)]);
      update(s);
    }
    delete(name: string, value?: string): void {
      need(arguments, 1, 'name');
      const s = state(this);
      const n = usv(name);
      const v = value === undefined ? undefined : usv(value);
      s.list = s.list.filter((p) => !(p[0] === n && (v === undefined || p[1] === v)));
      update(s);
    }
    get(name: string): string | null {
      need(arguments, 1, 'name');
      const n = usv(name);
      const pair = state(this).list.find((p) => p[0] === n);
      return pair ? pair[1] : null;
    }
    getAll(name: string): string[] {
      need(arguments, 1, 'name');
      const n = usv(name);
      return state(this)
        .list.filter((p) => p[0] === n)
        .map((p) => p[1]);
    }
    has(name: string, value?: string): boolean {
      need(arguments, 1, 'name');
      const n = usv(name);
      const v = value === undefined ? undefined : usv(value);
      return state(this).list.some((p) => p[0] === n && (v === undefined || p[1] === v));
    }
    set(name: string, value: string): void {
      need(arguments, 2, arguments.length ? 'value' : 'name');
      const s = state(this);
      const n = usv(name);
      const v = usv(value);
      const i = s.list.findIndex((p) => p[0] === n);
      if (i < 0) s.list.push([n, v]);
      else {
        s.list[i][1] = v;
        s.list = s.list.filter((p, j) => j <= i || p[0] !== n);
      }
      update(s);
    }
    sort(): void {
      const s = state(this);
      s.list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      update(s);
    }
    forEach(callback: (value: string, name: string, params: URLSearchParams) => void, thisArg?: unknown): void {
      const s = state(this);
      if (typeof callback !== 'function') throw new TypeError('The "callback" argument must be of type function');
      for (let i = 0; i < s.list.length; i++) callback.call(thisArg, s.list[i][1], s.list[i][0], this);
    }
    keys(): IterableIterator<string> {
      return iterate(state(this), 0);
    }
    values(): IterableIterator<string> {
      return iterate(state(this), 1);
    }
    entries(): IterableIterator<[string, string]> {
      return iterate(state(this), 2);
    }
    toString(): string {
      return percent.serializeForm(state(this).list);
    }
  }
  const proto = URLSearchParams.prototype as unknown as Record<PropertyKey, unknown>;
  Object.defineProperty(proto, Symbol.iterator, {
    writable: true,
    configurable: true,
    value: proto.entries,
  });
  Object.defineProperty(proto, Symbol.toStringTag, { configurable: true, value: 'URLSearchParams' });

  /** Creates the live `searchParams` object of a URL. */
  function attach(link: UrlLink): URLSearchParams {
    const params = new URLSearchParams();
    const s = state(params);
    s.link = link;
    s.list = link.record.query === null ? [] : percent.parseForm(link.record.query);
    return params;
  }

  /** Replaces a linked object's list after the URL's query changed. */
  function reset(params: URLSearchParams, query: string | null): void {
    state(params).list = query === null ? [] : percent.parseForm(query);
  }

  return { URLSearchParams, attach, reset };
}

/** What the `searchParams` unit exports inside the guest. */
export type SearchParamsUnit = ReturnType<typeof searchParamsUnit>;
