/**
 * The globals a module can use inside the guest, and the paragraph that tells a model so.
 */

/**
 * ECMAScript built-ins present in a fresh QuickJS context (quickjs-emscripten 0.32,
 * `@jitl/quickjs-wasmfile-release-sync`), as `Object.getOwnPropertyNames(globalThis)` lists them.
 */
export const QUICKJS_BUILTIN_GLOBALS: readonly string[] = Object.freeze([
  'AggregateError',
  'Array',
  'ArrayBuffer',
  'BigInt',
  'BigInt64Array',
  'BigUint64Array',
  'Boolean',
  'DataView',
  'Date',
  'Error',
  'EvalError',
  'FinalizationRegistry',
  'Float16Array',
  'Float32Array',
  'Float64Array',
  'Function',
  'Infinity',
  'Int16Array',
  'Int32Array',
  'Int8Array',
  'InternalError',
  'Iterator',
  'JSON',
  'Map',
  'Math',
  'NaN',
  'Number',
  'Object',
  'Promise',
  'Proxy',
  'RangeError',
  'ReferenceError',
  'Reflect',
  'RegExp',
  'Set',
  'SharedArrayBuffer',
  'String',
  'Symbol',
  'SyntaxError',
  'TypeError',
  'URIError',
  'Uint16Array',
  'Uint32Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'WeakMap',
  'WeakRef',
  'WeakSet',
  'decodeURI',
  'decodeURIComponent',
  'encodeURI',
  'encodeURIComponent',
  'escape',
  'eval',
  'globalThis',
  'isFinite',
  'isNaN',
  'parseFloat',
  'parseInt',
  'undefined',
  'unescape',
]);

/** The web-platform globals the Graft prelude adds, each implemented in pure JS inside the guest. */
export const PRELUDE_GLOBALS: readonly string[] = Object.freeze(['URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'atob', 'btoa', 'structuredClone']);

/**
 * Every global a module can use: the QuickJS built-ins plus the prelude's, sorted. This is exactly
 * `Object.getOwnPropertyNames(globalThis)` in a fresh context after the prelude ran.
 */
export const GUEST_GLOBALS: readonly string[] = Object.freeze([...QUICKJS_BUILTIN_GLOBALS, ...PRELUDE_GLOBALS].sort());

/**
 * A short paragraph for the module-generation prompt (included verbatim) that lists the globals
 * and states what does not exist.
 */
export const GUEST_GLOBALS_DOC: string =
  'The module runs in a QuickJS sandbox (ES2023, ES module). Available globals: the ECMAScript ' +
  'built-ins (Object, Array, String, Number, BigInt, Boolean, Symbol, Math, JSON, Date, RegExp, ' +
  'Map, Set, WeakMap, WeakSet, WeakRef, Promise, Proxy, Reflect, Iterator, the Error classes, ' +
  'ArrayBuffer, DataView and the typed arrays, encodeURIComponent/decodeURIComponent, ' +
  'encodeURI/decodeURI, parseInt, parseFloat, isNaN, isFinite, globalThis) plus URL, ' +
  'URLSearchParams, TextEncoder, TextDecoder (UTF-8 only), atob, btoa and structuredClone. ' +
  'There is no fetch, no setTimeout/setInterval or other timers, no console, no require, no ' +
  'import of other modules, no process, no Buffer, no Deno. All I/O goes through ctx: ' +
  'ctx.fetch(url, init) for HTTP to the allowed hosts, ctx.secret(NAME) for credentials and ' +
  'ctx.log(...) for logging.';
