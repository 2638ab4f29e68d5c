import type { QuickJSContext } from 'quickjs-emscripten-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparable, inGuest, inNode, newGuest } from './harness.js';

/** Every observable component of a URL, the same function in Node and in the guest. */
const DESCRIBE =
  'function(u){return {href:u.href,origin:u.origin,protocol:u.protocol,username:u.username,password:u.password,' +
  'host:u.host,hostname:u.hostname,port:u.port,pathname:u.pathname,search:u.search,hash:u.hash,' +
  'json:u.toJSON(),str:String(u),params:Array.from(u.searchParams)}}';
const parseCase = (input: string, base?: string) =>
  '(' +
  DESCRIBE +
  ')(' +
  (base === undefined ? 'new URL(' + JSON.stringify(input) + ')' : 'new URL(' + JSON.stringify(input) + ',' + JSON.stringify(base) + ')') +
  ')';

const ABSOLUTE: string[] = [
  'https://example.com',
  'HTTPS://EXAMPLE.COM/Path',
  'http://example.com:80/',
  'http://example.com:8080/',
  'https://example.com:443/x',
  'https://example.com:0443/x',
  'ws://example.com:80/chat',
  'wss://example.com:443',
  'ftp://ftp.example.com:21/file.txt',
  'http://example.com:65535/',
  'http://example.com:65536/',
  'http://example.com:-1/',
  'http://example.com:/',
  'http://example.com:8a/',
  'http://user:pass@example.com/',
  'http://user@example.com/',
  'http://:pass@example.com/',
  'http://us er:p@ss:w@example.com/',
  'http://a@b@example.com/',
  'http://user%40x:p%3A@example.com/',
  'https://example.com/a/./b/../c',
  'https://example.com/a/%2e/b/%2E%2E/c',
  'https://example.com/a/b/..',
  'https://example.com/..',
  'https://example.com/a/b/.',
  'http://example.com/a b',
  'http://example.com/ü?ü#ü',
  'http://example.com/"<>`{}^|',
  'http://example.com/?q="<>`{}\'|',
  "foo://example.com/?q='",
  'http://example.com/#"<>`{} x',
  'http://example.com/?a=1&b=2#h',
  'http://example.com?',
  'http://example.com#',
  'http://example.com/?#',
  'http://example.com\\a\\b',
  'foo://example.com\\a',
  '  http://example.com/ \t\n',
  'http://exa\tmple.com/p\na\rth',
  'http://EXAMPLE.com.',
  'http://[::1]/',
  'http://[::1]:3000/',
  'http://[2001:DB8::1]/',
  'http://[2001:db8:0:0:0:0:2:1]/',
  'http://[2001:db8::0:1:0:0:1]/',
  'http://[::ffff:192.168.0.1]/',
  'http://[1:0:0:1:0:0:0:1]/',
  'http://[0:0:0:0:0:0:0:0]/',
  'http://[::1/',
  'http://[:::1]/',
  'http://[1:2:3:4:5:6:7:8:9]/',
  'http://[g::1]/',
  'http://192.168.0.1/',
  'http://0x7f.1/',
  'http://127.1/',
  'http://2130706433/',
  'http://0300.0250.0.1/',
  'http://256.0.0.1/',
  'http://1.2.3.4.5/',
  'http://1.2.3.09/',
  'http://example.123/',
  'http://foo.0x/',
  'http://1.2.3.4./',
  'http://exa%41mple.com/',
  'http://ex%00ample.com/',
  'http://a<b.com/',
  'http://a b.com/',
  'http://münchen.de/',
  'http://xn--mnchen-3ya.de/',
  'http://ÉXAMPLE.com/',
  'http:/example.com/',
  'http:example.com/',
  'https:///example.com/',
  'http:',
  'http://',
  'http://@/',
  'http://user@/',
  'https://ex ample.com',
  '//example.com',
  '',
  'not a url',
  'file:///C:/path/to/file.txt',
  'file:///home/user/a.txt',
  'file://localhost/etc/hosts',
  'file://server/share',
  'file:c:\\foo\\bar',
  'mailto:user@example.com',
  'data:text/plain,hello world',
  'javascript:alert(1)',
  'urn:isbn:0451450523',
  'blob:https://example.com/uuid',
  'foo://host:99/path?q#f',
  'foo://Host/',
  'foo:/path/../x',
  'foo://',
  'non-spec:/.//p',
  'git+ssh://git@github.com/x/y.git',
  'http://example.com/%zz%',
  'http://example.com/\u{1F600}',
  'http://example.com/\uD800x',
  'https://api.example.com/v1/items?limit=10&cursor=abc%3D%3D&q=a+b',
  'http://u^:p@x.com/',
  'sc:a b #c',
  'sc:a b ',
  'sc:\u0001ö?\u0001ö#\u0001ö',
  'HTTP://[::FFFF:1.2.3.4]:0080/',
  'http://😀:😀@x.com/😀?😀#😀',
  'sc:😀?😀#😀',
  'http://x.com/a\uDC00b#c\uD800',
];

/** RFC 3986 §5.4 reference resolution examples, against their base. */
const RFC_BASE = 'http://a/b/c/d;p?q';
const RFC_REFS = [
  'g:h',
  'g',
  './g',
  'g/',
  '/g',
  '//g',
  '?y',
  'g?y',
  '#s',
  'g#s',
  'g?y#s',
  ';x',
  'g;x',
  'g;x?y#s',
  '',
  '.',
  './',
  '..',
  '../',
  '../g',
  '../..',
  '../../',
  '../../g',
  '../../../g',
  '../../../../g',
  '/./g',
  '/../g',
  'g.',
  '.g',
  'g..',
  '..g',
  './../g',
  './g/.',
  'g/./h',
  'g/../h',
  'g;x=1/./y',
  'g;x=1/../y',
  'g?y/./x',
  'g?y/../x',
  'g#s/./x',
  'g#s/../x',
  'http:g',
];

const RELATIVE: [string, string][] = [
  ['\\\\other.com\\path', 'https://example.com/dir/file?x#y'],
  ['/\\x', 'https://example.com/dir/file'],
  ['HTTP://other.com', 'https://example.com/dir/file'],
  ['https:foo', 'https://example.com/dir/file'],
  ['wss:foo', 'https://example.com/dir/file'],
  ['#frag', 'mailto:x'],
  ['y', 'mailto:x'],
  ['../../..', 'file:///C:/a/b'],
  ['x', 'not a base'],
  ['/v2/users?id=7', 'https://api.example.com/v1/'],
  ['users/7', 'https://api.example.com/v1/'],
  ['?page=2', 'https://api.example.com/v1/items?page=1#top'],
  ['//cdn.example.com/a.js', 'https://example.com/'],
  ['', 'https://example.com/a?b#c'],
  ['  /x  ', 'https://example.com/a'],
];

const SETTERS: [string, string, string][] = [
  ['https://example.com/a', 'protocol', 'http'],
  ['https://example.com/a', 'protocol', 'foo'],
  ['foo://x/a', 'protocol', 'bar'],
  ['foo://x/a', 'protocol', 'https'],
  ['https://example.com:8080/', 'protocol', 'http:'],
  ['http://example.com:443/', 'protocol', 'https'],
  ['https://example.com/', 'protocol', '1bad'],
  ['https://example.com/', 'username', 'us er@'],
  ['https://example.com/', 'password', 'p:w/ö'],
  ['file:///x', 'username', 'u'],
  ['https://example.com/', 'host', 'other.org:81'],
  ['https://example.com/', 'host', 'bad host'],
  ['https://example.com/', 'host', '[::1]:8080'],
  ['https://example.com:99/', 'hostname', 'new.com:100'],
  ['http://example.com/', 'hostname', ''],
  ['foo://example.com/', 'hostname', ''],
  ['https://example.com/', 'port', '8443'],
  ['https://example.com/', 'port', '443'],
  ['https://example.com:8080/', 'port', ''],
  ['https://example.com/', 'port', '12ab'],
  ['https://example.com/', 'port', 'ab'],
  ['https://example.com/', 'port', '99999'],
  ['https://example.com/x', 'pathname', '/a b/../c'],
  ['https://example.com/x', 'pathname', 'no-slash'],
  ['mailto:x', 'pathname', 'y'],
  ['https://example.com/', 'search', 'a=1&b=2 3'],
  ['https://example.com/?a', 'search', ''],
  ['https://example.com/', 'search', '??x'],
  ['https://example.com/', 'hash', 'frag ment'],
  ['https://example.com/#x', 'hash', ''],
  ['https://example.com/', 'hash', '##x'],
  ['https://example.com/', 'href', 'http://other.com/?q=1'],
  ['https://example.com/', 'href', 'invalid'],
  ['sc:a b ?q', 'search', ''],
  ['sc:a b #q', 'hash', ''],
  ['http://example.com/', 'username', '\u{1F600}:@'],
];

const SCENARIOS: Record<string, string> = {
  'searchParams edits write through to the URL':
    "(function(){var u=new URL('https://x.com/p?a=1&b=2');u.searchParams.append('c','3 4');u.searchParams.delete('a');return [u.href,u.search]})()",
  'search setter is visible through the same searchParams object':
    "(function(){var u=new URL('https://x.com/?a=1');var sp=u.searchParams;u.search='?z=9&y=8';return [sp===u.searchParams,Array.from(sp)]})()",
  'href setter refreshes searchParams':
    "(function(){var u=new URL('https://x.com/?a=1');var sp=u.searchParams;u.href='https://y.com/?k=v';return sp.get('k')})()",
  'emptying searchParams drops the ?': "(function(){var u=new URL('https://x.com/?a=1#f');u.searchParams.delete('a');return [u.href,u.search]})()",
  'sort through the URL': "(function(){var u=new URL('https://x.com/?c=3&a=1&b=2&a=0');u.searchParams.sort();return u.href})()",
  canParse: "[URL.canParse('x'),URL.canParse('x','https://a/'),URL.canParse('https://a/'),URL.canParse('http://[::1')]",
  'string and JSON forms': "[String(new URL('http://a/b')),JSON.stringify({u:new URL('http://a/b')}),new URL('http://a')+'']",
  'toStringTag and instanceof': "[Object.prototype.toString.call(new URL('http://a')),new URL('http://a') instanceof URL]",
  'no own enumerable properties': "Object.keys(new URL('http://a'))",
  'invalid URL error shape': "(function(){try{new URL('nope')}catch(e){return [e instanceof TypeError,e.code,e.input]}})()",
  'prototype getter without an instance throws': 'URL.prototype.href',
  'URL without arguments throws': 'new URL()',
  'object with toString as input': "new URL({toString:function(){return 'https://obj.example/'}}).href",
  'URL as base': "new URL('x', new URL('https://b.example/dir/')).href",
  'building an API URL the way modules do':
    "(function(){var u=new URL('/v1/search','https://api.example.com');u.searchParams.set('q','café & crème');u.searchParams.set('limit',10);return u.toString()})()",
};

describe('URL inside the guest matches Node', () => {
  let guest: QuickJSContext;
  beforeAll(async () => {
    guest = await newGuest();
  });
  afterAll(() => guest.dispose());

  const same = (expression: string) => expect(comparable(inGuest(guest, expression))).toEqual(comparable(inNode(expression)));

  it.each(ABSOLUTE.map((input) => [JSON.stringify(input), input]))('parses %s', (_name, input) => {
    same(parseCase(input));
  });

  it.each(RFC_REFS.map((ref) => [JSON.stringify(ref)]))('resolves %s against the RFC 3986 base', (ref) => {
    same(parseCase(JSON.parse(ref), RFC_BASE));
  });

  it.each(RELATIVE.map(([input, base]) => [JSON.stringify(input), JSON.stringify(base), input, base]))('resolves %s against %s', (_i, _b, input, base) => {
    same(parseCase(input, base));
  });

  it.each(SETTERS.map(([href, prop, value]) => [prop, JSON.stringify(value), href, value]))('sets %s to %s', (prop, _v, href, value) => {
    same('(function(u){u[' + JSON.stringify(prop) + ']=' + JSON.stringify(value) + ';return (' + DESCRIBE + ')(u)})(new URL(' + JSON.stringify(href) + '))');
  });

  it.each(Object.entries(SCENARIOS))('%s', (_name, expression) => {
    same(expression);
  });

  it('really runs the cases (a valid URL yields components, an invalid one a TypeError)', () => {
    expect(inGuest(guest, "new URL('HTTP://A.com:80/x').href")).toEqual({ ok: 'http://a.com/x' });
    expect(inGuest(guest, "new URL('http://[::1')")).toMatchObject({ error: 'TypeError' });
  });
});
