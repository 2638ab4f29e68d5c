/**
 * The trusted guest-side glue, evaluated in every fresh context after the prelude and BEFORE the
 * untrusted module, so it captures the intrinsics it needs before the module can touch them.
 * QuickJS compiles these scripts on every run (compile time is linear in their length), so they
 * are kept small and assembled per capability set.
 *
 * - {@link FAST_SERIALIZE_SOURCE}: always; serializes a plain result (see `result.ts`).
 * - {@link SERIALIZE_SOURCE}: only when a result failed the fast serializer; its completion value
 *   makes `serialize(value)`, returning a tagged string `V<json>`, or a tag and a message for a
 *   result that cannot cross (see below).
 * - {@link capabilitySource}: only when fetch, log or host functions are granted; its completion
 *   value is `setup(hostFetch, hostLog, configJson, hostCall)` returning the frozen `ctx`. The host functions stay
 *   in this closure and are never reachable from `globalThis`; only strings cross.
 */
export const BOOTSTRAP_FILENAME = 'graft-bootstrap.js';

/**
 * The tagged result serializer, compiled only when {@link FAST_SERIALIZE_SOURCE} threw; call its value with `(intrinsics, maxDepth, outputBytes)`,
 * `intrinsics` being the array {@link SERIALIZER_INTRINSICS_SOURCE} made before any guest code ran.
 * It reads nothing global, so compiling it after guest code ran is safe. Tags:
 * `V` JSON; `O` over a limit (size, depth); `N` holds a BigInt; `C` holds a cycle; `G` guest code
 * (a getter, `toJSON`, a proxy trap) threw while the result was read. A cycle is told apart from
 * a guest throw by the host-captured parent map, never by the error's text: the engine refuses a
 * cycle right after the replacer returned the repeated object, before any guest code on it runs.
 */
export const SERIALIZE_SOURCE = String.raw`(function(I,maxDepth,outputBytes){"use strict";var JS=I[0],Str=I[1],apply=I[2],MapC=I[3],mget=I[4],mset=I[5],tooDeep={},notJson={};
return function serialize(value){var t,depths=new MapC(),parents=new MapC(),last;
function cyclic(v){for(var a=apply(mget,parents,[v]),n=0;a!==void 0&&n<=maxDepth+1;a=apply(mget,parents,[a]),n++)if(a===v)return true;return false}
try{t=JS(value===void 0?null:value,function(k,v){if(typeof v==='bigint')throw notJson;if(v!==null&&typeof v==='object'){var d=apply(mget,depths,[this]);d=(d===void 0?0:d)+1;if(d>maxDepth)throw tooDeep;apply(mset,depths,[v,d]);apply(mset,parents,[v,this]);last=v}return v})}
catch(e){if(e===tooDeep)return 'Othe result is nested deeper than '+maxDepth+' levels';if(e===notJson)return 'Nthe result holds a BigInt, which JSON cannot represent';if(last!==void 0&&cyclic(last))return 'Cthe result refers to itself (a cycle), which JSON cannot represent';var m;try{m=Str(e&&e.message)}catch(x){m='unknown error'}return 'G'+m}
if(t===void 0)t='null';return t.length>outputBytes?'Othe result exceeds '+outputBytes+' bytes':'V'+t}})`;

/**
 * Evaluated in every fresh context before any guest code: the intrinsics the serializers use,
 * in the order they take them (one array, never reachable by the guest).
 */
export const SERIALIZER_INTRINSICS_SOURCE = '[JSON.stringify,String,Reflect.apply,Map,Map.prototype.get,Map.prototype.set]';

/**
 * The small serializer every run uses (compiled with the context, ~40% of the tagged one's
 * length); call its value with `(intrinsics, maxDepth)`. It returns the JSON text of a plain
 * result (`'null'` where JSON has no text, as {@link SERIALIZE_SOURCE} does), and throws for
 * anything else — too deep, a BigInt, a cycle, guest code that threw — leaving the verdict to the
 * tagged serializer. Its replacer runs per value, so the interrupt handler still bounds the time
 * spent, and its depth check stops a deep value before QuickJS's own cycle scan grows costly.
 */
export const FAST_SERIALIZE_SOURCE = String.raw`(function(I,maxDepth){"use strict";var JS=I[0],apply=I[2],MapC=I[3],mget=I[4],mset=I[5],no={};
return function(value){var depths=new MapC(),t=JS(value===void 0?null:value,function(k,v){if(typeof v==='bigint')throw no;if(v!==null&&typeof v==='object'){var d=apply(mget,depths,[this]);d=(d===void 0?0:d)+1;if(d>maxDepth)throw no;apply(mset,depths,[v,d])}return v});return t===void 0?'null':t}})`;

/** A frozen empty `ctx`, for runs without capabilities. */
export const EMPTY_CTX_SOURCE = 'Object.freeze({})';

const HEAD = String.raw`(function(hostFetch,hostLog,configJson,hostCall){"use strict";
var JS=JSON.stringify,freeze=Object.freeze,Str=String,ctx={};
`;
// Shared by fetch and host functions (the log glue needs none of it, so a log-only ctx compiles less).
const ASYNC = String.raw`var JP=JSON.parse,P=Promise,then=P.prototype.then,apply=Reflect.apply,cfg=JP(configJson);
function later(p,a,b){return apply(then,p,[a,b])}
`;
const LOG = String.raw`function text(v){if(typeof v==='string')return v;try{var s=JS(v);return s===undefined?Str(v):s}catch(e){try{return Str(v)}catch(e2){return '(unprintable)'}}}
function emit(level,args){var line='';for(var i=0;i<args.length;i++)line+=(i?' ':'')+text(args[i]);hostLog(level,line)}
var log=function log(){emit('info',arguments)};
log.debug=function debug(){emit('debug',arguments)};log.info=function info(){emit('info',arguments)};
log.warn=function warn(){emit('warn',arguments)};log.error=function error(){emit('error',arguments)};
ctx.log=freeze(log);
`;

const FETCH = String.raw`var keys=Object.keys,TE=TypeError,hasOwn=Object.prototype.hasOwnProperty,isArray=Array.isArray,iter=Array.prototype[Symbol.iterator],push=Array.prototype.push,
slice=Array.prototype.slice,lower=String.prototype.toLowerCase,resolveP=P.resolve,secrets=Object.create(null),names=keys(cfg.secrets),
mapSize=Object.getOwnPropertyDescriptor(Map.prototype,'size').get,mapEach=Map.prototype.forEach,itSym=Symbol.iterator;
for(var i=0;i<names.length;i++)secrets[names[i]]=cfg.secrets[names[i]];
function pairs(h){var out=[];if(h===undefined||h===null)return out;
if(typeof h!=='object')throw new TE('headers must be an object, a Map or an array of [name, value] pairs');
if(isArray(h)){for(var i=0;i<h.length;i++)apply(push,out,[[Str(h[i][0]),Str(h[i][1])]]);return out}
var isMap=true;try{apply(mapSize,h,[])}catch(e){isMap=false}
if(isMap){apply(mapEach,h,[function(v,k){apply(push,out,[[Str(k),Str(v)]])}]);return out}
if(typeof h[itSym]==='function')throw new TE('headers must be an object, a Map or an array of [name, value] pairs');
var k=keys(h);for(var j=0;j<k.length;j++)apply(push,out,[[k[j],Str(h[k[j]])]]);return out}
function headers(list){var map=Object.create(null);
for(var i=0;i<list.length;i++){var k=list[i][0];map[k]=map[k]===undefined?list[i][1]:map[k]+', '+list[i][1]}
return freeze({get:function(n){var v=map[apply(lower,Str(n),[])];return v===undefined?null:v},
has:function(n){return map[apply(lower,Str(n),[])]!==undefined},
entries:function(){return apply(iter,apply(slice,list,[]),[])},
forEach:function(f){for(var i=0;i<list.length;i++)f(list[i][1],list[i][0])}})}
function response(r){var body=r.body;return freeze({status:r.status,ok:r.status>=200&&r.status<300,statusText:r.statusText,url:r.url,
headers:headers(r.headers),text:function(){return apply(resolveP,P,[body])},json:function(){return new P(function(ok){ok(JP(body))})}})}
ctx.fetch=function fetch(url,init){var o=init===undefined||init===null?{}:init,
target=url!==null&&typeof url==='object'&&typeof url.href==='string'?url.href:Str(url),body=o.body,req;
try{if(body!==undefined&&body!==null&&typeof body!=='string')throw new TE('fetch body must be a string (use JSON.stringify)');
req=JS({url:target,method:o.method===undefined?'GET':Str(o.method),headers:pairs(o.headers),body:body===undefined?null:body})}
catch(e){return new P(function(ok,bad){bad(e)})}
return later(new P(function(ok,bad){hostFetch(req,ok,bad)}),function(t){return response(JP(t))})};
ctx.secret=function secret(name){var n=Str(name);
if(!apply(hasOwn,secrets,[n]))throw new TE('unknown secret "'+n+'": only secrets declared for this module exist');return secrets[n]};
`;

// Host functions: each name becomes an async function sending its argument as JSON text and
// parsing the (host-checked, scrubbed) JSON text it gets back.
const FUNCTIONS = String.raw`var fnames=cfg.functions,fns={};
function bind(n){return function(args){var a;try{a=JS(args===undefined?null:args)}catch(e){return new P(function(ok,bad){bad(e)})}
if(a===undefined)a='null';return later(new P(function(ok,bad){hostCall(n,a,ok,bad)}),function(t){return JP(t)})}}
for(var fi=0;fi<fnames.length;fi++)fns[fnames[fi]]=bind(fnames[fi]);
ctx.functions=freeze(fns);
`;

const TAIL = 'return freeze(ctx)})';

const cache = new Map<string, string>();

/** The capability glue for a capability set (cached; seven variants). */
export function capabilitySource(fetch: boolean, log: boolean, functions = false): string {
  const key = glueKey(fetch, log, functions);
  let source = cache.get(key);
  if (source === undefined) {
    source = HEAD + (fetch || functions ? ASYNC : '') + (fetch ? FETCH : '') + (log ? LOG : '') + (functions ? FUNCTIONS : '') + TAIL;
    cache.set(key, source);
  }
  return source;
}

/** Which `ctx` glue a run needs: `''` (no capabilities: a frozen empty object) or a combination of `f` (fetch), `l` (log), `h` (host functions). */
export type GlueKey = '' | 'f' | 'l' | 'fl' | 'h' | 'fh' | 'lh' | 'flh';

/** The glue key of a capability set. */
export function glueKey(fetch: boolean, log: boolean, functions = false): GlueKey {
  return `${fetch ? 'f' : ''}${log ? 'l' : ''}${functions ? 'h' : ''}` as GlueKey;
}

/** The glue source for a key: {@link EMPTY_CTX_SOURCE} for `''`, else {@link capabilitySource}. */
export function glueSource(key: GlueKey): string {
  return key === '' ? EMPTY_CTX_SOURCE : capabilitySource(key.includes('f'), key.includes('l'), key.includes('h'));
}
