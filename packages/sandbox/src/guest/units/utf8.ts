/**
 * Guest unit `utf8`: UTF-8 encoding and the WHATWG UTF-8 decoder, shared by `TextEncoder`,
 * `TextDecoder` and the URL code.
 *
 * Every `*Unit` function in this folder runs INSIDE the guest: the prelude embeds its source text
 * (`Function.prototype.toString`) and compiles it on first use. So a unit may reference only its
 * parameters, its own locals and ECMAScript built-ins, never anything from this module's scope.
 */
export function utf8Unit() {
  const fromCharCode = String.fromCharCode;

  /** Encodes a string to UTF-8 bytes; lone surrogates become U+FFFD (as a USVString would). */
  function encode(input: string): number[] {
    const out: number[] = [];
    const n = input.length;
    for (let i = 0; i < n; i++) {
      let c = input.charCodeAt(i);
      if (c < 0x80) {
        out.push(c);
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = c <= 0xdbff && i + 1 < n ? input.charCodeAt(i + 1) : 0;
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        } else c = 0xfffd;
      }
      if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return out;
  }

  /** Turns UTF-16 code units into a string, in chunks so huge inputs do not overflow `apply`. */
  function unitsToString(units: number[]): string {
    if (units.length < 8192) return fromCharCode.apply(null, units);
    let s = '';
    for (let i = 0; i < units.length; i += 8192) s += fromCharCode.apply(null, units.slice(i, i + 8192));
    return s;
  }

  /**
   * A WHATWG UTF-8 decoder with state kept across `stream` calls. Invalid sequences become U+FFFD
   * per maximal subpart (what Node and browsers do), or throw a `TypeError` when `fatal`.
   */
  function createDecoder(fatal: boolean) {
    let needed = 0;
    let seen = 0;
    let cp = 0;
    let lower = 0x80;
    let upper = 0xbf;
    const reset = () => {
      needed = seen = cp = 0;
      lower = 0x80;
      upper = 0xbf;
    };
    const fail = (units: number[]) => {
      if (fatal) {
        reset();
        const err = new TypeError('The encoded data was not valid for encoding utf-8');
        (err as { code?: string }).code = 'ERR_ENCODING_INVALID_ENCODED_DATA';
        throw err;
      }
      units.push(0xfffd);
    };
    return function decode(bytes: ArrayLike<number>, stream: boolean): string {
      const units: number[] = [];
      const n = bytes.length;
      for (let i = 0; i < n; i++) {
        const b = bytes[i];
        if (needed === 0) {
          if (b < 0x80) units.push(b);
          else if (b >= 0xc2 && b <= 0xdf) {
            needed = 1;
            cp = b & 0x1f;
          } else if (b >= 0xe0 && b <= 0xef) {
            if (b === 0xe0) lower = 0xa0;
            if (b === 0xed) upper = 0x9f;
            needed = 2;
            cp = b & 0xf;
          } else if (b >= 0xf0 && b <= 0xf4) {
            if (b === 0xf0) lower = 0x90;
            if (b === 0xf4) upper = 0x8f;
            needed = 3;
            cp = b & 7;
          } else fail(units);
          continue;
        }
        if (b < lower || b > upper) {
          reset();
          fail(units);
          i--; // the byte starts over as the first byte of the next sequence
          continue;
        }
        lower = 0x80;
        upper = 0xbf;
        cp = (cp << 6) | (b & 0x3f);
        if (++seen !== needed) continue;
        if (cp > 0xffff) units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
        else units.push(cp);
        needed = seen = cp = 0;
      }
      if (!stream && needed !== 0) {
        reset();
        fail(units);
      }
      return unitsToString(units);
    };
  }

  const lenient = createDecoder(false);
  /** Decodes UTF-8 bytes, replacing invalid sequences with U+FFFD; a BOM is kept. */
  function decode(bytes: ArrayLike<number>): string {
    return lenient(bytes, false);
  }

  return { encode, decode, createDecoder, unitsToString };
}

/** What the `utf8` unit exports inside the guest. */
export type Utf8Unit = ReturnType<typeof utf8Unit>;
