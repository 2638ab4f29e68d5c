/**
 * Guest unit `base64`: `atob` and `btoa` (WHATWG forgiving-base64). Errors are `Error`s named
 * `InvalidCharacterError` with `code` 5, like Node's DOMException. Runs inside the guest (see utf8.ts).
 */
export function base64Unit() {
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const lookup = new Int16Array(128).fill(-1);
  for (let i = 0; i < 64; i++) lookup[ALPHABET.charCodeAt(i)] = i;

  const invalid = (message: string) => {
    const err = new Error(message) as Error & { code: number };
    err.name = 'InvalidCharacterError';
    err.code = 5;
    return err;
  };
  const missing = () => {
    const err = new TypeError('The "input" argument must be specified') as TypeError & { code: string };
    err.code = 'ERR_MISSING_ARGS';
    return err;
  };

  function btoa(data: string): string {
    if (arguments.length === 0) throw missing();
    const s = String(data);
    let out = '';
    const n = s.length;
    for (let i = 0; i < n; i++) if (s.charCodeAt(i) > 0xff) throw invalid('Invalid character');
    for (let i = 0; i < n; i += 3) {
      const a = s.charCodeAt(i);
      const b = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      const c = i + 2 < n ? s.charCodeAt(i + 2) : 0;
      out += ALPHABET[a >> 2] + ALPHABET[((a & 3) << 4) | (b >> 4)];
      out += i + 1 < n ? ALPHABET[((b & 15) << 2) | (c >> 6)] : '=';
      out += i + 2 < n ? ALPHABET[c & 63] : '=';
    }
    return out;
  }

  function atob(data: string): string {
    if (arguments.length === 0) throw missing();
    let s = String(data).replace(/[\t\n\f\r ]+/g, '');
    if (s.length % 4 === 0) s = s.replace(/==?$/, '');
    if (s.length % 4 === 1) throw invalid('The string to be decoded is not correctly encoded.');
    const codes: number[] = [];
    let acc = 0;
    let bits = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const v = c < 128 ? lookup[c] : -1;
      if (v < 0) throw invalid('Invalid character');
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        codes.push((acc >> bits) & 0xff);
      }
    }
    let out = '';
    for (let i = 0; i < codes.length; i += 8192) out += String.fromCharCode.apply(null, codes.slice(i, i + 8192));
    return out;
  }

  return { atob, btoa };
}

/** What the `base64` unit exports inside the guest. */
export type Base64Unit = ReturnType<typeof base64Unit>;
