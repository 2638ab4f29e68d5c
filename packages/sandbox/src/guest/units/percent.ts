import type { GuestLoad } from './load.js';
import type { Utf8Unit } from './utf8.js';

/**
 * Guest unit `percent`: the WHATWG percent-encode sets, percent-decoding and the
 * `application/x-www-form-urlencoded` parser and serializer. Runs inside the guest (see utf8.ts).
 */
export function percentUnit(load: GuestLoad) {
  let utf8Exports: Utf8Unit | undefined;
  /** The `utf8` unit, loaded only once a non-ASCII character or a `%` needs it. */
  const utf8 = () => (utf8Exports ??= load<Utf8Unit>('utf8'));
  const HEX = '0123456789ABCDEF';
  // One bit per percent-encode set; each set includes the previous ones (WHATWG URL §1.3).
  const FRAGMENT = 1;
  const QUERY = 2;
  const SPECIAL_QUERY = 4;
  const PATH = 8;
  const USERINFO = 16;
  const COMPONENT = 32;
  const FORM = 64;
  const table = new Uint8Array(128);
  const mark = (chars: string, bits: number) => {
    for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] |= bits;
  };
  mark('`', FRAGMENT);
  mark(' "<>', FRAGMENT | QUERY | SPECIAL_QUERY | PATH | USERINFO | COMPONENT | FORM);
  mark('#', QUERY | SPECIAL_QUERY | PATH | USERINFO | COMPONENT | FORM);
  mark("'", SPECIAL_QUERY);
  mark('?`{}', PATH | USERINFO | COMPONENT | FORM);
  // Node 20 (ada) leaves ^ unencoded in paths, as the URL Standard did until 2024.
  mark('/:;=@[\\]^|', USERINFO | COMPONENT | FORM);
  mark('$%&+,', COMPONENT | FORM);
  mark("!'()~", FORM);

  const hexByte = (b: number) => '%' + HEX[b >> 4] + HEX[b & 15];

  /**
   * UTF-8 percent-encodes `s` with the set `bit` (0 = the C0 control set). With `plus`, a space
   * becomes `+` (form serialization).
   */
  function encode(s: string, bit: number, plus?: boolean): string {
    let out = '';
    let start = 0; // start of the pending run of characters that stay as they are
    const n = s.length;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80 && c >= 0x20 && c !== 0x7f && (table[c] & bit) === 0 && !(plus && c === 0x20)) continue;
      out += s.slice(start, i);
      if (c < 0x80) out += plus && c === 0x20 ? '+' : hexByte(c);
      else {
        let j = i + 1;
        if (c >= 0xd800 && c <= 0xdbff && j < n) {
          const d = s.charCodeAt(j);
          if (d >= 0xdc00 && d <= 0xdfff) j++;
        }
        const bytes = utf8().encode(s.slice(i, j));
        for (let k = 0; k < bytes.length; k++) out += hexByte(bytes[k]);
        i = j - 1;
      }
      start = i + 1;
    }
    return start === 0 ? s : out + s.slice(start);
  }

  const isHex = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
  const hexVal = (b: number) => (b <= 0x39 ? b - 0x30 : (b | 0x20) - 0x57);

  /** Percent-decodes `s` (as UTF-8 bytes) into bytes; malformed `%` sequences stay literal. */
  function decodeBytes(s: string): number[] {
    const bytes = utf8().encode(s);
    if (s.indexOf('%') < 0) return bytes;
    const out: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === 0x25 && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
        out.push(hexVal(bytes[i + 1]) * 16 + hexVal(bytes[i + 2]));
        i += 2;
      } else out.push(b);
    }
    return out;
  }

  /** Percent-decodes `s` and decodes the bytes as UTF-8 (invalid sequences become U+FFFD). */
  function decode(s: string): string {
    // Without a %, decoding is the identity on a well-formed string (lone surrogates become U+FFFD).
    if (s.indexOf('%') < 0) return (s as unknown as { toWellFormed(): string }).toWellFormed();
    return utf8().decode(decodeBytes(s));
  }

  /** Parses `application/x-www-form-urlencoded` text into name/value pairs. */
  function parseForm(input: string): [string, string][] {
    const list: [string, string][] = [];
    const parts = input.split('&');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (part === '') continue;
      const eq = part.indexOf('=');
      const name = eq < 0 ? part : part.slice(0, eq);
      const value = eq < 0 ? '' : part.slice(eq + 1);
      list.push([decode(name.replace(/\+/g, ' ')), decode(value.replace(/\+/g, ' '))]);
    }
    return list;
  }

  /** Serializes name/value pairs as `application/x-www-form-urlencoded` (space as `+`). */
  function serializeForm(list: [string, string][]): string {
    let out = '';
    for (let i = 0; i < list.length; i++) {
      if (i > 0) out += '&';
      out += encode(list[i][0], FORM, true) + '=' + encode(list[i][1], FORM, true);
    }
    return out;
  }

  return {
    encode,
    decode,
    decodeBytes,
    parseForm,
    serializeForm,
    sets: { C0: 0, FRAGMENT, QUERY, SPECIAL_QUERY, PATH, USERINFO, COMPONENT, FORM },
  };
}

/** What the `percent` unit exports inside the guest. */
export type PercentUnit = ReturnType<typeof percentUnit>;
