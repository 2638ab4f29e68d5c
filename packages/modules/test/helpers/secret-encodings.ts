/**
 * Every encoding of a secret the host itself produces (WHATWG URL serialization, form encoding,
 * JSON escaping, base64/base64url/hex, Basic and Bearer credentials), and a scanner that reports
 * which of them occur in a text. Leak tests search every sink for all of them.
 */

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');
const reverse = (s: string) => [...s].reverse().join('');

/** The secret in every encoding the host produces, by name (plus the reversed value a guest could build). */
export function hostEncodings(secret: string): Record<string, string> {
  const uri = encodeURIComponent(secret);
  const inQuery = new URL(`http://h/p?k=${uri}`).search.slice(3);
  const rawQuery = new URL(`http://h/p?k=${secret.replace(/#/g, '%23')}`).search.slice(3);
  const rawPath = new URL(`http://h/${secret.replace(/[?#]/g, (c) => encodeURIComponent(c))}`).pathname.slice(1);
  const json = JSON.stringify(secret).slice(1, -1);
  // base64 of a wrapped secret: only the part that depends on the secret alone (away from the edges)
  const inner = (encoded: string) => encoded.slice(12, -8);
  return {
    raw: secret,
    reversed: reverse(secret),
    reversedJson: JSON.stringify(reverse(secret)).slice(1, -1),
    reversedJsonTwice: JSON.stringify(JSON.stringify(reverse(secret)).slice(1, -1)).slice(1, -1),
    encodeURIComponent: uri,
    lowerHexEscapes: uri.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    encodeURI: encodeURI(secret),
    whatwgQueryOfEncoded: inQuery,
    whatwgQueryOfRaw: rawQuery,
    whatwgPathOfRaw: rawPath,
    formUrlEncoded: new URLSearchParams({ k: secret }).toString().slice(2),
    json,
    jsonTwice: JSON.stringify(json).slice(1, -1),
    jsonOfQuery: JSON.stringify(inQuery).slice(1, -1),
    base64: b64(secret),
    base64url: b64url(secret),
    hex: hex(secret),
    hexUpper: hex(secret).toUpperCase(),
    basic: inner(b64(`user:${secret}`)),
    bearerBase64: inner(b64(`Bearer ${secret}`)),
  };
}

/** The names of the encodings of `secret` found in `text`. */
export function findEncodings(text: string, secret: string): string[] {
  return Object.entries(hostEncodings(secret))
    .filter(([, form]) => text.includes(form))
    .map(([name]) => name);
}
