import type { QuickJSContext } from 'quickjs-emscripten-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inGuest, inNode, newGuest } from './harness.js';

/** Snippets shaped like model-written integration code, run in the guest and in Node alike. */
const SNIPPETS: Record<string, string> = {
  'Basic auth header': "'Basic ' + btoa('user@example.com' + ':' + 'p@ss:wörd'.replace(/ö/g, 'o'))",
  'Basic auth header from UTF-8 bytes': "'Basic ' + btoa(String.fromCharCode.apply(null, Array.from(new TextEncoder().encode('jürgen:секрет'))))",
  'query string from an options object': `(function(){
    var opts = {q: 'coffee & cake', limit: 20, tags: ['a', 'b'], empty: '', skip: undefined};
    var u = new URL('https://api.example.com/v2/search');
    Object.keys(opts).forEach(function(k){ if (opts[k] !== undefined) u.searchParams.set(k, opts[k]); });
    return u.toString();
  })()`,
  'pagination via a Link header': `(function(){
    var link = '<https://api.example.com/items?page=3&per_page=50>; rel="next", <https://api.example.com/items?page=9&per_page=50>; rel="last"';
    var next = /<([^>]+)>;\\s*rel="next"/.exec(link)[1];
    var u = new URL(next);
    return [u.pathname, u.searchParams.get('page'), Number(u.searchParams.get('per_page'))];
  })()`,
  'JWT payload decoding (base64url)': `(function(){
    var part = btoa(String.fromCharCode.apply(null, Array.from(new TextEncoder().encode(JSON.stringify({sub: 'ü-42', exp: 1700000000})))))
      .replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
    var b64 = part.replace(/-/g, '+').replace(/_/g, '/');
    while (b64.length % 4) b64 += '=';
    var bin = atob(b64);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return JSON.parse(new TextDecoder().decode(bytes));
  })()`,
  'form-encoded POST body':
    "new URLSearchParams({grant_type: 'client_credentials', scope: 'read write', redirect_uri: 'https://app.example/cb?x=1'}).toString()",
  'parsing a form-encoded response': "Object.fromEntries(new URLSearchParams('access_token=abc%2F123&token_type=bearer&expires_in=3600'))",
  'resolving relative hrefs from an API':
    "['../users/7', '/v1/orgs?id=2', 'https://cdn.example.com/x.png', '?page=2'].map(function(h){ return new URL(h, 'https://api.example.com/v1/teams/5/').href })",
  'deep copy of a response before editing': `(function(){
    var resp = {items: [{id: 1, at: new Date(0)}], meta: {next: null}};
    var copy = structuredClone(resp);
    copy.items[0].id = 2;
    return [resp.items[0].id, copy.items[0].id, copy.items[0].at instanceof Date, copy.items[0].at.toISOString()];
  })()`,
  'hostname checks':
    "['https://API.Example.COM:443/x', 'http://sub.example.com.', 'https://[::1]:8443'].map(function(s){ var u = new URL(s); return [u.hostname, u.port, u.origin] })",
};

describe('integration-style snippets behave as in Node', () => {
  let guest: QuickJSContext;
  beforeAll(async () => {
    guest = await newGuest();
  });
  afterAll(() => guest.dispose());

  it.each(Object.entries(SNIPPETS))('%s', (_name, code) => {
    const node = inNode(code);
    expect('ok' in node).toBe(true);
    expect(inGuest(guest, code)).toEqual(node);
  });
});
