import type { HostUnit } from './host.js';
import type { GuestLoad } from './load.js';
import type { PercentUnit } from './percent.js';
import type { UrlRecord } from './url-record.js';

/**
 * Guest unit `urlParser`: the WHATWG basic URL parser (a state machine, with state overrides for
 * the setters). Runs inside the guest (see utf8.ts).
 */
export function urlParserUnit(load: GuestLoad) {
  const percent = load<PercentUnit>('percent');
  const host = load<HostUnit>('host');
  const sets = percent.sets;
  const DEFAULT_PORTS: Record<string, number | null> = { ftp: 21, file: null, http: 80, https: 443, ws: 80, wss: 443 };
  const isSpecialScheme = (s: string) => Object.prototype.hasOwnProperty.call(DEFAULT_PORTS, s);
  const defaultPort = (s: string) => (isSpecialScheme(s) ? DEFAULT_PORTS[s] : null);
  // States of the basic URL parser.
  const SCHEME_START = 1,
    SCHEME = 2,
    NO_SCHEME = 3,
    SPECIAL_RELATIVE_OR_AUTHORITY = 4,
    PATH_OR_AUTHORITY = 5;
  const RELATIVE = 6,
    RELATIVE_SLASH = 7,
    SPECIAL_AUTHORITY_SLASHES = 8,
    SPECIAL_AUTHORITY_IGNORE_SLASHES = 9;
  const AUTHORITY = 10,
    HOST = 11,
    HOSTNAME = 12,
    PORT = 13,
    FILE = 14,
    FILE_SLASH = 15,
    FILE_HOST = 16;
  const PATH_START = 17,
    PATH = 18,
    OPAQUE_PATH = 19,
    QUERY = 20,
    FRAGMENT = 21;

  // Sticky regexes for the runs of characters a state appends without looking at them.
  const RUN_SCHEME = /[a-zA-Z0-9+\-.]*/y;
  const RUN_AUTHORITY = /[^@/?#]*/y;
  const RUN_AUTHORITY_SPECIAL = /[^@/\\?#]*/y;
  const RUN_HOST = /[^:/?#[\]]*/y;
  const RUN_HOST_SPECIAL = /[^:/\\?#[\]]*/y;
  const RUN_FILE_HOST = /[^/\\?#]*/y;
  const RUN_DIGITS = /[0-9]*/y;
  const RUN_PATH = /[^/?#]*/y;
  const RUN_PATH_SPECIAL = /[^/\\?#]*/y;
  const RUN_PATH_OVERRIDE = /[^/]*/y;
  const RUN_PATH_SPECIAL_OVERRIDE = /[^/\\]*/y;
  const RUN_OPAQUE_PATH = /[^?#]*/y;
  const RUN_QUERY = /[^#]*/y;
  const RUN_REST = /[\s\S]*/y;
  const isAlpha = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
  const isSchemeChar = (c: string | undefined) => isAlpha(c) || (c !== undefined && ((c >= '0' && c <= '9') || c === '+' || c === '-' || c === '.'));
  const isDriveLetter = (s: string) => s.length === 2 && isAlpha(s[0]) && (s[1] === ':' || s[1] === '|');
  const isNormalizedDriveLetter = (s: string) => isDriveLetter(s) && s[1] === ':';
  const startsWithDriveLetter = (cps: string, p: number) =>
    cps.length - p >= 2 && isDriveLetter(cps[p] + cps[p + 1]) && (cps.length - p === 2 || '/\\?#'.indexOf(cps[p + 2]) >= 0);
  const isSingleDot = (s: string) => s === '.' || s.toLowerCase() === '%2e';
  const isDoubleDot = (s: string) => {
    const l = s.toLowerCase();
    return l === '..' || l === '.%2e' || l === '%2e.' || l === '%2e%2e';
  };
  const includesCredentials = (u: UrlRecord) => u.username !== '' || u.password !== '';

  function copyAuthority(u: UrlRecord, b: UrlRecord) {
    u.username = b.username;
    u.password = b.password;
    u.host = b.host;
    u.port = b.port;
  }

  function shortenPath(u: UrlRecord) {
    const path = u.path as string[];
    if (u.scheme === 'file' && path.length === 1 && isNormalizedDriveLetter(path[0])) return;
    path.pop();
  }

  function newRecord(): UrlRecord {
    return { scheme: '', username: '', password: '', host: null, port: null, path: [], query: null, fragment: null };
  }

  /**
   * The basic URL parser. Without `url`, returns a new record or `null` on failure. With `url`
   * and `override` (a setter), edits `url` in place; the return value is then only informative.
   */
  function parse(input: string, base?: UrlRecord | null, url?: UrlRecord, override?: number): UrlRecord | null {
    if (!url) {
      url = newRecord();
      input = input.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
    }
    input = input.replace(/[\t\n\r]/g, '');
    // Walk UTF-16 code units; states take runs of ordinary characters at once (see `take`).
    const cps = input;
    const len = cps.length;
    let state = override || SCHEME_START;
    let buffer = '';
    let atSignSeen = false;
    let insideBrackets = false;
    let passwordTokenSeen = false;
    let special = isSpecialScheme(url.scheme);
    let p = 0;
    /**
     * Consumes the run of characters from `p` that `re` (sticky) matches, leaving `p` on its last
     * one, and returns it. States use this for characters that would only be appended one by one.
     */
    const take = (re: RegExp) => {
      re.lastIndex = p;
      re.test(cps);
      const end = re.lastIndex > p ? re.lastIndex : p + 1;
      const text = cps.slice(p, end);
      p = end - 1;
      return text;
    };
    for (; ; p++) {
      const c = cps[p]; // undefined is EOF
      switch (state) {
        case SCHEME_START:
          if (isAlpha(c)) {
            buffer += (c as string).toLowerCase();
            state = SCHEME;
          } else if (!override) {
            state = NO_SCHEME;
            p--;
          } else return null;
          break;
        case SCHEME:
          if (isSchemeChar(c)) buffer += take(RUN_SCHEME).toLowerCase();
          else if (c === ':') {
            if (override) {
              if (isSpecialScheme(url.scheme) !== isSpecialScheme(buffer)) return url;
              if ((includesCredentials(url) || url.port !== null) && buffer === 'file') return url;
              if (url.scheme === 'file' && url.host === '') return url;
            }
            url.scheme = buffer;
            special = isSpecialScheme(buffer);
            if (override) {
              if (url.port === defaultPort(url.scheme)) url.port = null;
              return url;
            }
            buffer = '';
            if (url.scheme === 'file') state = FILE;
            else if (special && base && base.scheme === url.scheme) state = SPECIAL_RELATIVE_OR_AUTHORITY;
            else if (special) state = SPECIAL_AUTHORITY_SLASHES;
            else if (cps[p + 1] === '/') {
              state = PATH_OR_AUTHORITY;
              p++;
            } else {
              url.path = '';
              state = OPAQUE_PATH;
            }
          } else if (!override) {
            buffer = '';
            state = NO_SCHEME;
            p = -1;
          } else return null;
          break;
        case NO_SCHEME:
          if (!base || (typeof base.path === 'string' && c !== '#')) return null;
          if (typeof base.path === 'string') {
            url.scheme = base.scheme;
            url.path = base.path;
            url.query = base.query;
            url.fragment = '';
            state = FRAGMENT;
          } else {
            state = base.scheme !== 'file' ? RELATIVE : FILE;
            p--;
          }
          special = isSpecialScheme(url.scheme);
          break;
        case SPECIAL_RELATIVE_OR_AUTHORITY:
          if (c === '/' && cps[p + 1] === '/') {
            state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
            p++;
          } else {
            state = RELATIVE;
            p--;
          }
          break;
        case PATH_OR_AUTHORITY:
          if (c === '/') state = AUTHORITY;
          else {
            state = PATH;
            p--;
          }
          break;
        case RELATIVE: {
          const b = base as UrlRecord;
          url.scheme = b.scheme;
          special = isSpecialScheme(url.scheme);
          if (c === '/' || (special && c === '\\')) state = RELATIVE_SLASH;
          else {
            copyAuthority(url, b);
            url.path = (b.path as string[]).slice();
            url.query = b.query;
            if (c === '?') {
              url.query = '';
              state = QUERY;
            } else if (c === '#') {
              url.fragment = '';
              state = FRAGMENT;
            } else if (c !== undefined) {
              url.query = null;
              shortenPath(url);
              state = PATH;
              p--;
            }
          }
          break;
        }
        case RELATIVE_SLASH:
          if (special && (c === '/' || c === '\\')) state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
          else if (c === '/') state = AUTHORITY;
          else {
            copyAuthority(url, base as UrlRecord);
            state = PATH;
            p--;
          }
          break;
        case SPECIAL_AUTHORITY_SLASHES:
          state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
          if (c === '/' && cps[p + 1] === '/') p++;
          else p--;
          break;
        case SPECIAL_AUTHORITY_IGNORE_SLASHES:
          if (c !== '/' && c !== '\\') {
            state = AUTHORITY;
            p--;
          }
          break;
        case AUTHORITY:
          if (c === '@') {
            if (atSignSeen) buffer = '%40' + buffer;
            atSignSeen = true;
            const colon = passwordTokenSeen ? -1 : buffer.indexOf(':');
            if (passwordTokenSeen) url.password += percent.encode(buffer, sets.USERINFO);
            else if (colon < 0) url.username += percent.encode(buffer, sets.USERINFO);
            else {
              passwordTokenSeen = true;
              url.username += percent.encode(buffer.slice(0, colon), sets.USERINFO);
              url.password += percent.encode(buffer.slice(colon + 1), sets.USERINFO);
            }
            buffer = '';
          } else if (c === undefined || c === '/' || c === '?' || c === '#' || (special && c === '\\')) {
            if (atSignSeen && buffer === '') return null;
            p -= buffer.length + 1;
            buffer = '';
            state = HOST;
          } else buffer += take(special ? RUN_AUTHORITY_SPECIAL : RUN_AUTHORITY);
          break;
        case HOST:
        case HOSTNAME:
          if (override && url.scheme === 'file') {
            p--;
            state = FILE_HOST;
          } else if (c === ':' && !insideBrackets) {
            if (buffer === '') return null;
            if (override === HOSTNAME) return null;
            const h = host.parseHost(buffer, !special);
            if (h === null) return null;
            url.host = h;
            buffer = '';
            state = PORT;
          } else if (c === undefined || c === '/' || c === '?' || c === '#' || (special && c === '\\')) {
            p--;
            if (special && buffer === '') return null;
            if (override && buffer === '' && (includesCredentials(url) || url.port !== null)) return null;
            const h = host.parseHost(buffer, !special);
            if (h === null) return null;
            url.host = h;
            buffer = '';
            state = PATH_START;
            if (override) return url;
          } else {
            if (c === '[' || c === ']') {
              insideBrackets = c === '[';
              buffer += c;
            } else buffer += take(special ? RUN_HOST_SPECIAL : RUN_HOST);
          }
          break;
        case PORT:
          if (c !== undefined && c >= '0' && c <= '9') buffer += take(RUN_DIGITS);
          else if (c === undefined || c === '/' || c === '?' || c === '#' || (special && c === '\\') || override) {
            if (buffer !== '') {
              const port = parseInt(buffer, 10);
              if (port > 65535) return null;
              url.port = port === defaultPort(url.scheme) ? null : port;
              buffer = '';
              if (override) return url;
            }
            if (override) return null;
            state = PATH_START;
            p--;
          } else return null;
          break;
        case FILE:
          url.scheme = 'file';
          special = true;
          url.host = '';
          if (c === '/' || c === '\\') state = FILE_SLASH;
          else if (base && base.scheme === 'file') {
            url.host = base.host;
            url.path = (base.path as string[]).slice();
            url.query = base.query;
            if (c === '?') {
              url.query = '';
              state = QUERY;
            } else if (c === '#') {
              url.fragment = '';
              state = FRAGMENT;
            } else if (c !== undefined) {
              url.query = null;
              if (!startsWithDriveLetter(cps, p)) shortenPath(url);
              else url.path = [];
              state = PATH;
              p--;
            }
          } else {
            state = PATH;
            p--;
          }
          break;
        case FILE_SLASH:
          if (c === '/' || c === '\\') state = FILE_HOST;
          else {
            if (base && base.scheme === 'file') {
              url.host = base.host;
              const bp = base.path as string[];
              if (!startsWithDriveLetter(cps, p) && bp.length > 0 && isNormalizedDriveLetter(bp[0])) {
                (url.path as string[]).push(bp[0]);
              }
            }
            state = PATH;
            p--;
          }
          break;
        case FILE_HOST:
          if (c === undefined || c === '/' || c === '\\' || c === '?' || c === '#') {
            p--;
            if (!override && isDriveLetter(buffer)) state = PATH;
            else if (buffer === '') {
              url.host = '';
              if (override) return url;
              state = PATH_START;
            } else {
              let h = host.parseHost(buffer, !special);
              if (h === null) return null;
              if (h === 'localhost') h = '';
              url.host = h;
              if (override) return url;
              buffer = '';
              state = PATH_START;
            }
          } else buffer += take(RUN_FILE_HOST);
          break;
        case PATH_START:
          if (special) {
            state = PATH;
            if (c !== '/' && c !== '\\') p--;
          } else if (!override && c === '?') {
            url.query = '';
            state = QUERY;
          } else if (!override && c === '#') {
            url.fragment = '';
            state = FRAGMENT;
          } else if (c !== undefined) {
            state = PATH;
            if (c !== '/') p--;
          } else if (override && url.host === null) (url.path as string[]).push('');
          break;
        case PATH:
          if (c === undefined || c === '/' || (special && c === '\\') || (!override && (c === '?' || c === '#'))) {
            const slash = c === '/' || (special && c === '\\');
            const path = url.path as string[];
            if (isDoubleDot(buffer)) {
              shortenPath(url);
              if (!slash) path.push('');
            } else if (isSingleDot(buffer) && !slash) path.push('');
            else if (!isSingleDot(buffer)) {
              if (url.scheme === 'file' && path.length === 0 && isDriveLetter(buffer)) buffer = buffer[0] + ':';
              path.push(buffer);
            }
            buffer = '';
            if (c === '?') {
              url.query = '';
              state = QUERY;
            } else if (c === '#') {
              url.fragment = '';
              state = FRAGMENT;
            }
          } else
            buffer += percent.encode(
              take(override ? (special ? RUN_PATH_SPECIAL_OVERRIDE : RUN_PATH_OVERRIDE) : special ? RUN_PATH_SPECIAL : RUN_PATH),
              sets.PATH,
            );
          break;
        case OPAQUE_PATH:
          if (c === '?') {
            url.query = '';
            state = QUERY;
          } else if (c === '#') {
            url.fragment = '';
            state = FRAGMENT;
          } else if (c !== undefined) url.path += percent.encode(take(RUN_OPAQUE_PATH), sets.C0);
          break;
        case QUERY:
          if ((!override && c === '#') || c === undefined) {
            url.query += percent.encode(buffer, special ? sets.SPECIAL_QUERY : sets.QUERY);
            buffer = '';
            if (c === '#') {
              url.fragment = '';
              state = FRAGMENT;
            }
          } else buffer += take(override ? RUN_REST : RUN_QUERY);
          break;
        case FRAGMENT:
          if (c !== undefined) url.fragment += percent.encode(take(RUN_REST), sets.FRAGMENT);
          break;
      }
      if (p >= len) break;
    }
    return url;
  }

  return {
    parse,
    isSpecialScheme,
    includesCredentials,
    states: { SCHEME_START, HOST, HOSTNAME, PORT, PATH_START, QUERY, FRAGMENT },
  };
}

/** What the `urlParser` unit exports inside the guest. */
export type UrlParserUnit = ReturnType<typeof urlParserUnit>;
