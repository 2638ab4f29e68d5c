import type { QuickJSContext } from 'quickjs-emscripten-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparable, inGuest, inNode, newGuest } from './harness.js';

const bytes = (list: number[]) => 'new Uint8Array(' + JSON.stringify(list) + ')';
const decode = (list: number[], options = '{}') => 'new TextDecoder("utf-8",' + options + ').decode(' + bytes(list) + ')';
/** Decoded text as code units, so U+FFFD and surrogates compare exactly. */
const units = (expression: string) => '(function(s){return Array.from(s,function(c){return c.codePointAt(0)})})(' + expression + ')';

const ENCODE: Record<string, string> = {
  ASCII: "Array.from(new TextEncoder().encode('hello'))",
  'two, three and four byte': "Array.from(new TextEncoder().encode('é€😀'))",
  'lone high surrogate': "Array.from(new TextEncoder().encode('a\\uD800b'))",
  'lone low surrogate': "Array.from(new TextEncoder().encode('\\uDC00'))",
  'reversed pair': "Array.from(new TextEncoder().encode('\\uDC00\\uD800'))",
  'no argument': 'Array.from(new TextEncoder().encode())',
  'non-string argument': 'Array.from(new TextEncoder().encode(12.5))',
  'encoding and result type': "[new TextEncoder().encoding, new TextEncoder().encode('x') instanceof Uint8Array]",
  'encodeInto with room': "(function(){var d=new Uint8Array(10),r=new TextEncoder().encodeInto('a€😀',d);return [r.read,r.written,Array.from(d)]})()",
  'encodeInto stops before a char that does not fit':
    "(function(){var d=new Uint8Array(5),r=new TextEncoder().encodeInto('a€😀',d);return [r.read,r.written,Array.from(d)]})()",
  'encodeInto with a lone surrogate':
    "(function(){var d=new Uint8Array(4),r=new TextEncoder().encodeInto('\\uD800x',d);return [r.read,r.written,Array.from(d)]})()",
  'encodeInto a subarray view':
    "(function(){var b=new Uint8Array(6),r=new TextEncoder().encodeInto('hi',b.subarray(2));return [r.read,r.written,Array.from(b)]})()",
};

const DECODE: Record<string, string> = {
  ASCII: units(decode([104, 105])),
  'multi-byte': units(decode([0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80])),
  'BOM stripped by default': units(decode([0xef, 0xbb, 0xbf, 0x61])),
  'BOM kept with ignoreBOM': units(decode([0xef, 0xbb, 0xbf, 0x61], '{ignoreBOM:true}')),
  'only the first BOM is stripped': units(decode([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf])),
  'invalid continuation': units(decode([0xc3, 0x28])),
  'truncated 4-byte at end': units(decode([0x61, 0xf0, 0x9f, 0x98])),
  'overlong encoding': units(decode([0xc0, 0xaf, 0xe0, 0x80, 0xaf])),
  'encoded surrogate': units(decode([0xed, 0xa0, 0x80, 0x62])),
  'beyond U+10FFFF': units(decode([0xf4, 0x90, 0x80, 0x80])),
  'stray continuation bytes': units(decode([0x80, 0xbf, 0x61])),
  'invalid lead bytes': units(decode([0xf5, 0xff, 0xfe, 0x41])),
  'maximal subpart replacement': units(decode([0xe1, 0x80, 0xe2, 0xf0, 0x91, 0x92, 0xf1, 0xbf, 0x41])),
  'fatal throws on invalid': decode([0xc3, 0x28], '{fatal:true}'),
  'fatal throws on truncation': decode([0xe2, 0x82], '{fatal:true}'),
  'fatal accepts valid': units(decode([0xe2, 0x82, 0xac], '{fatal:true}')),
  'ArrayBuffer input': 'new TextDecoder().decode(new Uint8Array([104,105]).buffer)',
  'DataView and offset views':
    '[new TextDecoder().decode(new DataView(new Uint8Array([0,104,105,0]).buffer,1,2)),new TextDecoder().decode(new Uint8Array([0,104,105,0]).subarray(1,3))]',
  'no input': 'new TextDecoder().decode()',
  labels:
    "[new TextDecoder('UTF8').encoding,new TextDecoder(' utf-8 ').encoding,new TextDecoder('unicode-1-1-utf-8').encoding,new TextDecoder().fatal,new TextDecoder('utf-8',{fatal:1}).fatal,new TextDecoder().ignoreBOM]",
  'unknown label is a RangeError': "new TextDecoder('klingon')",
  'streaming across chunk boundaries': units(
    "(function(){var d=new TextDecoder(),s='';var b=[0xef,0xbb,0xbf,0xe2,0x82,0xac,0xf0,0x9f,0x98,0x80];for(var i=0;i<b.length;i++)s+=d.decode(new Uint8Array([b[i]]),{stream:true});return s+d.decode()})()",
  ),
  'stream end flushes an incomplete sequence': units(
    '(function(){var d=new TextDecoder();return d.decode(new Uint8Array([0x61,0xe2,0x82]),{stream:true})+d.decode()})()',
  ),
  'round trip of all planes': units("new TextDecoder().decode(new TextEncoder().encode('\\u0000\\u007f\\u0080\\u07ff\\u0800\\uffff\\u{10000}\\u{10ffff}'))"),
  'non-buffer input throws': "new TextDecoder().decode('text')",
};

describe('TextEncoder and TextDecoder inside the guest match Node', () => {
  let guest: QuickJSContext;
  beforeAll(async () => {
    guest = await newGuest();
  });
  afterAll(() => guest.dispose());
  const same = (expression: string) => expect(comparable(inGuest(guest, expression))).toEqual(comparable(inNode(expression)));

  it.each(Object.entries(ENCODE))('encodes: %s', (_name, expression) => same(expression));
  it.each(Object.entries(DECODE))('decodes: %s', (_name, expression) => same(expression));

  it('really replaces invalid bytes with U+FFFD', () => {
    expect(inGuest(guest, units(decode([0xc3, 0x28])))).toEqual({ ok: [0xfffd, 0x28] });
  });
});
