import type { GuestLoad } from './load.js';
import type { PercentUnit } from './percent.js';
import type { SearchParamsUnit, UrlLink } from './search-params.js';
import type { UrlParserUnit } from './url-parser.js';
import type { UrlRecord } from './url-record.js';

/**
 * Guest unit `url`: the `URL` class (WHATWG URL API) over the parser in url-parser.ts, with the
 * URL serializer and origin. Runs inside the guest (see utf8.ts).
 */
export function urlUnit(load: GuestLoad) {
  const parser = load<UrlParserUnit>('urlParser');
  const percent = load<PercentUnit>('percent');
  let spExports: SearchParamsUnit | undefined;
  /** The `searchParams` unit, loaded on first use of `searchParams` (or a query edit after it). */
  const sp = () => (spExports ??= load<SearchParamsUnit>('searchParams'));
  const st = parser.states;
  interface State {
    link: UrlLink;
    /** Created on first read of `searchParams` (indistinguishable from eager creation). */
    params: InstanceType<SearchParamsUnit['URLSearchParams']> | null;
  }
  const states = new WeakMap<object, State>();
  const usv = (v: unknown): string => (String(v) as unknown as { toWellFormed(): string }).toWellFormed();
  const rec = (self: object): UrlRecord => {
    const s = states.get(self);
    if (!s) throw new TypeError('Value of "this" must be of type URL');
    return s.link.record;
  };
  const invalid = (input: string) => {
    const err = new TypeError('Invalid URL') as TypeError & { code: string; input: string };
    err.code = 'ERR_INVALID_URL';
    err.input = input;
    return err;
  };
  /** Removes trailing spaces from an opaque path once it can no longer be followed by `?`/`#`. */
  const stripOpaquePath = (r: UrlRecord) => {
    if (typeof r.path === 'string' && r.fragment === null && r.query === null) r.path = r.path.replace(/ +$/, '');
  };
  const cannotHaveCredentials = (r: UrlRecord) => r.host === null || r.host === '' || r.scheme === 'file';

  function serialize(u: UrlRecord, excludeFragment?: boolean): string {
    let out = u.scheme + ':';
    if (u.host !== null) {
      out += '//';
      if (parser.includesCredentials(u)) out += u.username + (u.password !== '' ? ':' + u.password : '') + '@';
      out += u.host;
      if (u.port !== null) out += ':' + u.port;
    }
    if (typeof u.path === 'string') out += u.path;
    else {
      if (u.host === null && u.path.length > 1 && u.path[0] === '') out += '/.';
      for (let i = 0; i < u.path.length; i++) out += '/' + u.path[i];
    }
    if (u.query !== null) out += '?' + u.query;
    if (!excludeFragment && u.fragment !== null) out += '#' + u.fragment;
    return out;
  }

  function origin(u: UrlRecord): string {
    if (u.scheme === 'blob') {
      const inner = parser.parse(typeof u.path === 'string' ? u.path : u.path.join('/'));
      return inner && (inner.scheme === 'http' || inner.scheme === 'https') ? origin(inner) : 'null';
    }
    if (u.scheme === 'file' || !parser.isSpecialScheme(u.scheme)) return 'null';
    return u.scheme + '://' + u.host + (u.port !== null ? ':' + u.port : '');
  }

  function parseWithBase(url: unknown, base: unknown): UrlRecord | null {
    let b: UrlRecord | null = null;
    if (base !== undefined) {
      b = parser.parse(usv(base));
      if (!b) return null;
    }
    return parser.parse(usv(url), b);
  }

  class URL {
    constructor(url: string, base?: string) {
      if (arguments.length === 0) throw new TypeError('The "url" argument must be specified');
      const r = parseWithBase(url, base);
      if (!r) throw invalid(String(url));
      const link: UrlLink = { record: r };
      states.set(this, { link, params: null });
    }
    static canParse(url: string, base?: string): boolean {
      if (arguments.length === 0) throw new TypeError('The "url" argument must be specified');
      return parseWithBase(url, base) !== null;
    }
    static parse(url: string, base?: string): URL | null {
      if (arguments.length === 0) throw new TypeError('The "url" argument must be specified');
      return parseWithBase(url, base) === null ? null : new URL(url, base);
    }
    get href(): string {
      return serialize(rec(this));
    }
    set href(value: string) {
      const s = states.get(this);
      if (!s) throw new TypeError('Value of "this" must be of type URL');
      const r = parser.parse(usv(value));
      if (!r) throw invalid(String(value));
      s.link.record = r;
      if (s.params) sp().reset(s.params, r.query);
    }
    get origin(): string {
      return origin(rec(this));
    }
    get protocol(): string {
      return rec(this).scheme + ':';
    }
    set protocol(value: string) {
      parser.parse(usv(value) + ':', null, rec(this), st.SCHEME_START);
    }
    get username(): string {
      return rec(this).username;
    }
    set username(value: string) {
      const r = rec(this);
      if (!cannotHaveCredentials(r)) r.username = percent.encode(usv(value), percent.sets.USERINFO);
    }
    get password(): string {
      return rec(this).password;
    }
    set password(value: string) {
      const r = rec(this);
      if (!cannotHaveCredentials(r)) r.password = percent.encode(usv(value), percent.sets.USERINFO);
    }
    get host(): string {
      const r = rec(this);
      if (r.host === null) return '';
      return r.port === null ? r.host : r.host + ':' + r.port;
    }
    set host(value: string) {
      const r = rec(this);
      if (typeof r.path !== 'string') parser.parse(usv(value), null, r, st.HOST);
    }
    get hostname(): string {
      const h = rec(this).host;
      return h === null ? '' : h;
    }
    set hostname(value: string) {
      const r = rec(this);
      if (typeof r.path !== 'string') parser.parse(usv(value), null, r, st.HOSTNAME);
    }
    get port(): string {
      const p = rec(this).port;
      return p === null ? '' : String(p);
    }
    set port(value: string) {
      const r = rec(this);
      if (cannotHaveCredentials(r)) return;
      const v = usv(value);
      if (v === '') r.port = null;
      else parser.parse(v, null, r, st.PORT);
    }
    get pathname(): string {
      const p = rec(this).path;
      return typeof p === 'string' ? p : p.length ? '/' + p.join('/') : '';
    }
    set pathname(value: string) {
      const r = rec(this);
      if (typeof r.path === 'string') return;
      r.path = [];
      parser.parse(usv(value), null, r, st.PATH_START);
    }
    get search(): string {
      const q = rec(this).query;
      return q === null || q === '' ? '' : '?' + q;
    }
    set search(value: string) {
      const r = rec(this);
      const s = states.get(this) as State;
      const v = usv(value);
      if (v === '') {
        r.query = null;
        if (s.params) sp().reset(s.params, null);
        stripOpaquePath(r);
        return;
      }
      const input = v[0] === '?' ? v.slice(1) : v;
      r.query = '';
      parser.parse(input, null, r, st.QUERY);
      if (s.params) sp().reset(s.params, input);
    }
    get hash(): string {
      const f = rec(this).fragment;
      return f === null || f === '' ? '' : '#' + f;
    }
    set hash(value: string) {
      const r = rec(this);
      const v = usv(value);
      if (v === '') {
        r.fragment = null;
        stripOpaquePath(r);
        return;
      }
      r.fragment = '';
      parser.parse(v[0] === '#' ? v.slice(1) : v, null, r, st.FRAGMENT);
    }
    get searchParams(): InstanceType<SearchParamsUnit['URLSearchParams']> {
      rec(this);
      const s = states.get(this) as State;
      if (!s.params) s.params = sp().attach(s.link);
      return s.params;
    }
    toString(): string {
      return serialize(rec(this));
    }
    toJSON(): string {
      return serialize(rec(this));
    }
  }
  const proto = URL.prototype as unknown as object;
  const names = Object.getOwnPropertyNames(proto);
  for (let i = 0; i < names.length; i++) {
    if (names[i] !== 'constructor') Object.defineProperty(proto, names[i], { enumerable: true });
  }
  Object.defineProperty(proto, Symbol.toStringTag, { configurable: true, value: 'URL' });
  return { URL };
}

/** What the `url` unit exports inside the guest. */
export type UrlUnit = ReturnType<typeof urlUnit>;
