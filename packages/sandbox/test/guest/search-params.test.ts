import type { QuickJSContext } from 'quickjs-emscripten-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparable, inGuest, inNode, newGuest } from './harness.js';

/** `expression` builds a URLSearchParams `p`; every case reports what a module would observe. */
const observe = (build: string) =>
  '(function(){var p=' + build + ';return {str:p.toString(),size:p.size,entries:Array.from(p),keys:Array.from(p.keys()),values:Array.from(p.values())}})()';

const CONSTRUCT: Record<string, string> = {
  empty: 'new URLSearchParams()',
  string: "new URLSearchParams('a=1&b=2&a=3')",
  'leading ?': "new URLSearchParams('?x=1')",
  'only ?': "new URLSearchParams('?')",
  'plus and percent decoding': "new URLSearchParams('q=a+b%20c%2B&e=%E2%82%AC&bad=%zz&trunc=%4')",
  'missing = and empty pairs': "new URLSearchParams('a&&b=&=c&==')",
  'invalid UTF-8 percent bytes': "new URLSearchParams('x=%FF%FE&y=%C3')",
  'record object': "new URLSearchParams({a: 1, b: 'two', c: null, d: undefined, e: true})",
  'record with symbol keys and non-enumerables':
    "new URLSearchParams(Object.defineProperty({[Symbol('s')]: 1, v: 2}, 'hidden', {value: 3, enumerable: false}))",
  'array of pairs': "new URLSearchParams([['a', '1'], ['b', 2], ['a', 'x y']])",
  Map: "new URLSearchParams(new Map([['k', 'v'], ['k2', 'v2']]))",
  'another URLSearchParams': "new URLSearchParams(new URLSearchParams('a=1&b=2'))",
  number: 'new URLSearchParams(42)',
  null: 'new URLSearchParams(null)',
  'lone surrogate': "new URLSearchParams({'\\uD800': '\\uDC00x'})",
  'serialization safe set': 'new URLSearchParams({s: " !\\"#$%&\'()*+,-./:;<=>?@[\\\\]^_`{|}~", u: \'é€😀\'})',
  'bad pair length throws': "new URLSearchParams([['a', 'b', 'c']])",
  'non-iterable pair throws': 'new URLSearchParams([1])',
};

const METHODS: Record<string, string> = {
  'append and getAll':
    "(function(){var p=new URLSearchParams('a=1');p.append('a','2');p.append('b',undefined);return [p.getAll('a'),p.get('b'),p.toString()]})()",
  'get missing is null': "new URLSearchParams('a=1').get('z')",
  'set replaces the first and removes the rest':
    "(function(){var p=new URLSearchParams('a=1&b=2&a=3&c=4');p.set('a','9');p.set('d','new');return p.toString()})()",
  'delete by name': "(function(){var p=new URLSearchParams('a=1&b=2&a=3');p.delete('a');return p.toString()})()",
  'delete by name and value': "(function(){var p=new URLSearchParams('a=1&b=2&a=3');p.delete('a','3');return p.toString()})()",
  'has with and without value': "(function(){var p=new URLSearchParams('a=1');return [p.has('a'),p.has('a','1'),p.has('a','2'),p.has('b')]})()",
  'sort is stable by code unit': "(function(){var p=new URLSearchParams('z=1&a=2&é=3&a=1&A=0&😀=x&ﬃ=y');p.sort();return p.toString()})()",
  'forEach order and arguments':
    "(function(){var p=new URLSearchParams('a=1&b=2'),out=[];p.forEach(function(v,k,o){out.push([v,k,o===p,this.t])},{t:7});return out})()",
  'iterator is live':
    "(function(){var p=new URLSearchParams('a=1'),it=p.entries(),first=it.next().value;p.append('b','2');return [first,it.next().value,it.next().done]})()",
  'iterator tags':
    "(function(){var p=new URLSearchParams('a=1');return [Object.prototype.toString.call(p),Object.prototype.toString.call(p.keys()),typeof p[Symbol.iterator],p[Symbol.iterator]===p.entries]})()",
  'spread into object': "Object.fromEntries(new URLSearchParams('a=1&b=2&a=3'))",
  'append requires two arguments': "new URLSearchParams().append('a')",
  'size after edits': "(function(){var p=new URLSearchParams('a=1&b=2');p.delete('a');p.append('c','3');p.append('c','4');return p.size})()",
  'round trip of form text': "new URLSearchParams('name=J%C3%BCrgen+M%C3%BCller&tags=a%2Cb&empty=').toString()",
};

describe('URLSearchParams inside the guest matches Node', () => {
  let guest: QuickJSContext;
  beforeAll(async () => {
    guest = await newGuest();
  });
  afterAll(() => guest.dispose());
  const same = (expression: string) => expect(comparable(inGuest(guest, expression))).toEqual(comparable(inNode(expression)));

  it.each(Object.entries(CONSTRUCT))('constructs from %s', (_name, build) => same(observe(build)));
  it.each(Object.entries(METHODS))('%s', (_name, expression) => same(expression));

  it('really computes (not an empty echo)', () => {
    expect(inGuest(guest, "new URLSearchParams({q: 'a b&c'}).toString()")).toEqual({ ok: 'q=a+b%26c' });
  });
});
