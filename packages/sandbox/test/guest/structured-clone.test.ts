import type { QuickJSContext } from 'quickjs-emscripten-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparable, inGuest, inNode, newGuest } from './harness.js';

/**
 * Describes a value structurally (types, prototypes, contents) with reference ids, so shared
 * references and cycles are visible. The same source runs in Node and in the guest.
 */
const DESCRIBE = `function(root){
  var seen=new Map(),next=0;
  function d(v){
    var t=typeof v;
    if(t==='bigint')return {bigint:String(v)};
    if(t==='number')return Object.is(v,-0)?{num:'-0'}:v!==v?{num:'NaN'}:!isFinite(v)?{num:String(v)}:v;
    if(t==='undefined')return {undef:true};
    if(v===null||t!=='object')return v;
    if(seen.has(v))return {ref:seen.get(v)};
    var id=next++;seen.set(v,id);
    var tag=Object.prototype.toString.call(v),proto=Object.getPrototypeOf(v);
    var out={id:id,tag:tag,ctor:proto===null?null:proto===Object.prototype?'Object':(proto.constructor&&proto.constructor.name)};
    if(v instanceof Date)out.time=String(v.getTime());
    else if(v instanceof RegExp){out.source=v.source;out.flags=v.flags;out.lastIndex=v.lastIndex;}
    else if(v instanceof Map)out.entries=Array.from(v,function(e){return [d(e[0]),d(e[1])]});
    else if(v instanceof Set)out.values=Array.from(v,d);
    else if(v instanceof ArrayBuffer)out.bytes=Array.from(new Uint8Array(v));
    else if(ArrayBuffer.isView(v)){out.buffer=d(v.buffer);out.offset=v.byteOffset;out.length=v.byteLength;}
    else if(v instanceof Error){out.name=v.name;out.message=v.message;out.hasStack=typeof v.stack==='string';out.cause='cause' in v?d(v.cause):'none';out.own=Object.keys(v);}
    else if(tag==='[object Boolean]'||tag==='[object Number]'||tag==='[object String]'||tag==='[object BigInt]')out.prim=d(v.valueOf());
    if(!(v instanceof Error)&&!ArrayBuffer.isView(v))out.props=Object.keys(v).map(function(k){return [k,d(v[k])]});
    if(Array.isArray(v))out.length=v.length;
    return out;
  }
  return d(root);
}`;
const cloneCase = (value: string) =>
  '(function(v){var c=structuredClone(v);return {identical:c===v&&typeof v==="object"&&v!==null,clone:(' + DESCRIBE + ')(c)}})(' + value + ')';

const VALUES: Record<string, string> = {
  primitives: '[1, "a", true, null, undefined, 1n, -0, NaN, Infinity, -Infinity]',
  'nested plain objects': '{a: {b: {c: [1, {d: "e"}]}}, f: "g"}',
  'array holes and extra properties': '(function(){var a=[1,,3];a.length=5;a.x="y";return a})()',
  Date: 'new Date(1700000000123)',
  'invalid Date': 'new Date(NaN)',
  'RegExp (lastIndex reset)': '(function(){var r=/a+b/giu;r.lastIndex=3;return r})()',
  'Map with object keys': '(function(){var k={id:1};return new Map([[k,"v"],["s",k]])})()',
  Set: 'new Set([1, "1", {x: 1}, [2]])',
  ArrayBuffer: 'new Uint8Array([1, 2, 250]).buffer',
  'views share one cloned buffer':
    '(function(){var b=new ArrayBuffer(8);new Uint8Array(b).set([1,2,3,4,5,6,7,8]);return {u8:new Uint8Array(b,2,4),f:new Float32Array(b),dv:new DataView(b,1,3),i16:new Int16Array(b,2,1)}})()',
  BigInt64Array: 'new BigInt64Array([1n, -2n])',
  cycles: '(function(){var o={name:"o"};o.self=o;o.list=[o];var m=new Map();m.set(m,o);o.m=m;return o})()',
  'shared references': '(function(){var s={v:1};return {a:s,b:s,c:[s],d:new Set([s])}})()',
  'class instance becomes a plain object': '(function(){class P{constructor(){this.x=1}get y(){return 2}};return new P()})()',
  'getters are read': '({get g(){return 5}, h: 1})',
  'wrapper objects': '[new Number(3), new String("ab"), new Boolean(false), Object(1n)]',
  errors: '[new TypeError("bad"), new RangeError("r"), new Error("c", {cause: {k: 1}}), Object.assign(new Error("x"), {extra: 1})]',
  'custom error class': '(function(){class MyErr extends Error{constructor(m){super(m);this.name="MyErr"}};return new MyErr("m")})()',
  'symbol keys and non-enumerables are skipped': '(function(){var o={a:2};o[Symbol("s")]=1;Object.defineProperty(o,"h",{value:3});return o})()',
  'null prototype object': '(function(){var o=Object.create(null);o.k="v";return o})()',
  'symbol throws': 'Symbol("x")',
  'function throws': '(function(){})',
  'nested function throws': '({ok: 1, f: function(){}})',
  'WeakMap throws': 'new WeakMap()',
  'Promise throws': 'Promise.resolve(1)',
  'generator throws': '(function*(){})()',
};

const SCENARIOS: Record<string, string> = {
  'no argument is a TypeError': 'structuredClone()',
  'Map key identity survives': '(function(){var k={};var c=structuredClone(new Map([[k,k]]));var e=Array.from(c)[0];return e[0]===e[1]&&e[0]!==k})()',
  'transfer detaches the original buffer':
    '(function(){var b=new Uint8Array([1,2,3]).buffer;var c=structuredClone(b,{transfer:[b]});return [b.byteLength,Array.from(new Uint8Array(c))]})()',
  'transfer of a non-transferable throws': 'structuredClone(1,{transfer:[{}]})',
  'a non-iterable transfer list throws': 'structuredClone(1,{transfer:5})',
  'duplicate transferables throw': '(function(){var b=new ArrayBuffer(1);return structuredClone(b,{transfer:[b,b]})})()',
  'error name of an uncloneable': '(function(){try{structuredClone({f:function(){}})}catch(e){return [e.name,e.code,e instanceof Error]}})()',
  'the clone is independent': '(function(){var o={a:[1]};var c=structuredClone(o);c.a.push(2);return [o.a.length,c.a.length]})()',
};

describe('structuredClone inside the guest matches Node', () => {
  let guest: QuickJSContext;
  beforeAll(async () => {
    guest = await newGuest();
  });
  afterAll(() => guest.dispose());
  const same = (expression: string) => expect(comparable(inGuest(guest, expression))).toEqual(comparable(inNode(expression)));

  it.each(Object.entries(VALUES))('clones %s', (_name, value) => same(cloneCase(value)));
  it.each(Object.entries(SCENARIOS))('%s', (_name, expression) => same(expression));

  it('clones a Proxy as a plain object (documented deviation: V8 throws DataCloneError)', () => {
    expect(inGuest(guest, 'structuredClone(new Proxy({a: 1}, {}))')).toEqual({ ok: { a: 1 } });
    expect(inNode('structuredClone(new Proxy({a: 1}, {}))')).toMatchObject({ error: 'DataCloneError' });
  });

  it('really clones (a fresh object with the same content)', () => {
    expect(inGuest(guest, '(function(){var o={a:{b:1}};var c=structuredClone(o);return [c!==o,c.a!==o.a,c.a.b]})()')).toEqual({
      ok: [true, true, 1],
    });
  });
});
