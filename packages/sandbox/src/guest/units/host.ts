import type { IdnaUnit } from './idna.js';
import type { IpUnit } from './ip.js';
import type { GuestLoad } from './load.js';
import type { PercentUnit } from './percent.js';

/**
 * Guest unit `host`: the WHATWG host parser. Returns hosts already serialized; `null` means
 * failure. IP parsing (`ip`) and IDNA (`idna`) load only when a host needs them.
 * Runs inside the guest (see utf8.ts).
 */
export function hostUnit(load: GuestLoad) {
  const percent = load<PercentUnit>('percent');
  const ip = () => load<IpUnit>('ip');
  const FORBIDDEN_HOST = /[\u0000\t\n\r #/:<>?@[\\\]^|]/;
  const FORBIDDEN_DOMAIN = /[\u0000-\u001f #%/:<>?@[\\\]^|\u007f]/;
  const ASCII = /^[\u0000-\u007f]*$/;

  /** Whether the last label is a number (so the host must parse as IPv4). */
  function endsInNumber(s: string): boolean {
    const parts = s.split('.');
    if (parts[parts.length - 1] === '') {
      if (parts.length === 1) return false;
      parts.pop();
    }
    const last = parts[parts.length - 1];
    if (last === '') return false;
    const c = last.charCodeAt(0);
    if (c < 0x30 || c > 0x39) return false;
    if (/^[0-9]+$/.test(last)) return true;
    return ip().parseIPv4Number(last) !== null;
  }

  /** Parses and serializes a host; `opaque` for non-special schemes. `null` = failure. */
  function parseHost(input: string, opaque: boolean): string | null {
    if (input[0] === '[') {
      if (input[input.length - 1] !== ']') return null;
      const a = ip().parseIPv6(input.slice(1, -1));
      return a ? '[' + ip().serializeIPv6(a) + ']' : null;
    }
    if (opaque) return FORBIDDEN_HOST.test(input) ? null : percent.encode(input, percent.sets.C0);
    const domain = input.indexOf('%') < 0 ? input : percent.decode(input);
    const ascii = ASCII.test(domain) ? domain.toLowerCase() : load<IdnaUnit>('idna').domainToASCII(domain);
    if (ascii === null || ascii === '' || FORBIDDEN_DOMAIN.test(ascii)) return null;
    return endsInNumber(ascii) ? ip().parseIPv4(ascii) : ascii;
  }

  return { parseHost };
}

/** What the `host` unit exports inside the guest. */
export type HostUnit = ReturnType<typeof hostUnit>;
