/**
 * The trusted guest-side glue, evaluated in every fresh context after the prelude and BEFORE the
 * untrusted module, so it captures the intrinsics it needs before the module can touch them.
 *
 * Its completion value is `setup(hostFetch, hostLog, configJson)`, which returns
 * `invoke(namespaceOrPromise, isPromise, entryPathJson, inputJson)`: a promise of a tagged string,
 * `V<json>` (the value), `E<json {name,message}>` (the guest threw) or `O<message>` (the value
 * cannot cross: not JSON, too large, too deep). Only strings cross to the host; the host
 * functions stay in this closure and are never reachable from `globalThis`.
 */
export const BOOTSTRAP_FILENAME = 'graft-bootstrap.js';

/** Source of the bootstrap script (see the file comment). */
export const BOOTSTRAP_SOURCE = String.raw`(function (hostFetch, hostLog, configJson) {
"use strict";
var JSONparse = JSON.parse, JSONstringify = JSON.stringify, P = Promise, then = P.prototype.then,
  resolveP = P.resolve, apply = Reflect.apply, freeze = Object.freeze, keys = Object.keys,
  hasOwn = Object.prototype.hasOwnProperty, Str = String, TypeErr = TypeError, isArray = Array.isArray,
  iter = Array.prototype[Symbol.iterator], push = Array.prototype.push, toLower = String.prototype.toLowerCase,
  slice = Array.prototype.slice;
var cfg = JSONparse(configJson);
var secrets = Object.create(null), secretNames = keys(cfg.secrets || {});
for (var i = 0; i < secretNames.length; i++) secrets[secretNames[i]] = cfg.secrets[secretNames[i]];
function later(p, ok, bad) { return apply(then, p, [ok, bad]); }
function describe(e) {
  try {
    if (e !== null && (typeof e === 'object' || typeof e === 'function')) {
      var name = e.name, message = e.message;
      return JSONstringify({ name: typeof name === 'string' ? name : 'Error', message: typeof message === 'string' ? message : Str(message) });
    }
    return JSONstringify({ name: 'Error', message: Str(e) });
  } catch (x) {
    return '{"name":"Error","message":"(an error that cannot be printed)"}';
  }
}
function text(v) {
  if (typeof v === 'string') return v;
  try { var s = JSONstringify(v); return s === undefined ? Str(v) : s; } catch (e) { try { return Str(v); } catch (e2) { return '(unprintable)'; } }
}
function emit(level, args) {
  var parts = [];
  for (var i = 0; i < args.length; i++) apply(push, parts, [text(args[i])]);
  var line = '';
  for (var j = 0; j < parts.length; j++) line += (j ? ' ' : '') + parts[j];
  hostLog(level, line);
}
function headerPairs(h) {
  var out = [];
  if (h === undefined || h === null) return out;
  if (typeof h !== 'object') throw new TypeErr('headers must be an object or an array of [name, value] pairs');
  if (isArray(h)) {
    for (var i = 0; i < h.length; i++) apply(push, out, [[Str(h[i][0]), Str(h[i][1])]]);
    return out;
  }
  var names = keys(h);
  for (var j = 0; j < names.length; j++) apply(push, out, [[names[j], Str(h[names[j]])]]);
  return out;
}
function makeHeaders(pairs) {
  var map = Object.create(null);
  for (var i = 0; i < pairs.length; i++) {
    var k = pairs[i][0];
    map[k] = map[k] === undefined ? pairs[i][1] : map[k] + ', ' + pairs[i][1];
  }
  return freeze({
    get: function (n) { var v = map[apply(toLower, Str(n), [])]; return v === undefined ? null : v; },
    has: function (n) { return map[apply(toLower, Str(n), [])] !== undefined; },
    entries: function () { return apply(iter, apply(slice, pairs, []), []); },
    forEach: function (f) { for (var i = 0; i < pairs.length; i++) f(pairs[i][1], pairs[i][0]); }
  });
}
function makeResponse(r) {
  var body = r.body;
  return freeze({
    status: r.status, ok: r.status >= 200 && r.status < 300, statusText: r.statusText, url: r.url,
    headers: makeHeaders(r.headers),
    text: function () { return apply(resolveP, P, [body]); },
    json: function () { return new P(function (ok) { ok(JSONparse(body)); }); }
  });
}
var ctx = {};
if (cfg.fetch) {
  ctx.fetch = function fetch(url, init) {
    var o = init === undefined || init === null ? {} : init;
    var target = url !== null && typeof url === 'object' && typeof url.href === 'string' ? url.href : Str(url);
    var body = o.body;
    if (body !== undefined && body !== null && typeof body !== 'string') {
      return new P(function (ok, bad) { bad(new TypeErr('fetch body must be a string (use JSON.stringify)')); });
    }
    var req;
    try {
      req = JSONstringify({ url: target, method: o.method === undefined ? 'GET' : Str(o.method), headers: headerPairs(o.headers), body: body === undefined ? null : body });
    } catch (e) {
      return new P(function (ok, bad) { bad(e); });
    }
    return later(hostFetch(req), function (t) { return makeResponse(JSONparse(t)); });
  };
  ctx.secret = function secret(name) {
    var n = Str(name);
    if (!apply(hasOwn, secrets, [n])) throw new TypeErr('unknown secret "' + n + '": only secrets declared for this module exist');
    return secrets[n];
  };
}
if (cfg.log) {
  var log = function log() { emit('info', arguments); };
  log.debug = function debug() { emit('debug', arguments); };
  log.info = function info() { emit('info', arguments); };
  log.warn = function warn() { emit('warn', arguments); };
  log.error = function error() { emit('error', arguments); };
  ctx.log = freeze(log);
}
freeze(ctx);
var MapC = Map, mapGet = Map.prototype.get, mapSet = Map.prototype.set, tooDeep = {};
function serialize(value) {
  var t, depths = new MapC();
  var replacer = function (k, v) {
    if (v !== null && typeof v === 'object') {
      var d = apply(mapGet, depths, [this]);
      d = (d === undefined ? 0 : d) + 1;
      if (d > cfg.maxDepth) throw tooDeep;
      apply(mapSet, depths, [v, d]);
    }
    return v;
  };
  try { t = JSONstringify(value === undefined ? null : value, replacer); }
  catch (e) {
    if (e === tooDeep) return 'O' + 'the result is nested deeper than ' + cfg.maxDepth + ' levels';
    return 'O' + 'the result cannot be converted to JSON: ' + JSONparse(describe(e)).message;
  }
  if (t === undefined) t = 'null';
  if (t.length > cfg.outputBytes) return 'O' + 'the result exceeds ' + cfg.outputBytes + ' bytes';
  return 'V' + t;
}
function fail(e) { return 'E' + describe(e); }
return function invoke(ns, isPromise, entryJson, inputJson) {
  var path = JSONparse(entryJson);
  var input = inputJson === undefined ? undefined : JSONparse(inputJson);
  var start = isPromise ? ns : new P(function (ok) { ok(undefined); });
  return later(later(start, function (loaded) {
    var target = isPromise ? loaded : ns, parent = target;
    for (var i = 0; i < path.length; i++) {
      if (target === null || target === undefined) break;
      parent = target;
      target = target[path[i]];
    }
    if (typeof target !== 'function') throw new TypeErr('entry "' + path.join('.') + '" is not an exported function');
    return apply(target, parent, [input, ctx]);
  }), serialize, fail);
};
})`;
