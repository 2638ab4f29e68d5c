/**
 * Builds the guest prelude: the script evaluated in every fresh QuickJS context before the
 * untrusted module, which installs URL, URLSearchParams, TextEncoder, TextDecoder, atob, btoa
 * and structuredClone as lazy globals implemented in pure JS inside the guest.
 */
import { PRELUDE_GLOBALS } from './globals.js';
import { loaderUnit } from './loader.js';
import { base64Unit } from './units/base64.js';
import { cloneUnit } from './units/clone.js';
import { hostUnit } from './units/host.js';
import { idnaUnit } from './units/idna.js';
import { ipUnit } from './units/ip.js';
import { percentUnit } from './units/percent.js';
import { searchParamsUnit } from './units/search-params.js';
import { textUnit } from './units/text.js';
import { urlParserUnit } from './units/url-parser.js';
import { urlUnit } from './units/url.js';
import { utf8Unit } from './units/utf8.js';

export { GUEST_GLOBALS, GUEST_GLOBALS_DOC, PRELUDE_GLOBALS, QUICKJS_BUILTIN_GLOBALS } from './globals.js';

/** The file name to pass to `evalCode` for the prelude, so guest stack traces name it. */
export const GUEST_PRELUDE_FILENAME = 'prelude.js';

/**
 * Source text of a function, with leading indentation removed (the prelude crosses into the
 * WebAssembly heap on every run, and its cost is linear in its length).
 */
function sourceOf(fn: (...args: never[]) => unknown): string {
  return fn.toString().replace(/\n[ \t]+/g, '\n');
}

/**
 * Wraps function source in a strict scope. The local `__name` neutralizes the helper esbuild
 * injects under `keepNames` (tsx does this), which would otherwise reference a host-side function.
 */
const strict = (body: string) => '(function(){"use strict";var __name=function(f){return f};return ' + body + '})()';

/** Unit name to the source text of an expression yielding that unit's factory `(load) => exports`. */
const UNIT_SOURCES: Readonly<Record<string, string>> = Object.freeze({
  loader: strict(sourceOf(loaderUnit)),
  utf8: strict(sourceOf(utf8Unit)),
  percent: strict(sourceOf(percentUnit)),
  host: strict(sourceOf(hostUnit)),
  ip: strict(sourceOf(ipUnit)),
  idna: strict(sourceOf(idnaUnit)),
  urlParser: strict(sourceOf(urlParserUnit)),
  searchParams: strict(sourceOf(searchParamsUnit)),
  url: strict(sourceOf(urlUnit)),
  text: strict(sourceOf(textUnit)),
  base64: strict(sourceOf(base64Unit)),
  clone: strict(sourceOf(cloneUnit)),
});

/**
 * The source text of one guest unit, for hosts that serve units on demand (see
 * {@link GUEST_INSTALLER_SOURCE}); `undefined` for an unknown name. Pure data: a constant string.
 */
export function guestUnitSource(name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(UNIT_SOURCES, name) ? UNIT_SOURCES[name] : undefined;
}

/**
 * The installer, hand-written small on purpose: QuickJS compiles every token of every script on
 * every run (about a third of a microsecond per token here), so this is all a run pays up front.
 * For each global it defines a configurable, non-enumerable accessor on `globalThis`. The first
 * read of any of them compiles the `loader` unit (with the `eval` captured now), which loads the
 * units behind that global and replaces the accessor with a plain writable, non-enumerable value.
 * Assigning a global before its first read just replaces it.
 */
const INSTALLER_BODY =
  'var g=globalThis,e=g.eval,d=Object.defineProperty;return function(s){var L;' +
  JSON.stringify(PRELUDE_GLOBALS.join(' ')) +
  '.split(" ").forEach(function(k){d(g,k,{configurable:true,get:function(){return(L||(L=e(s("loader"))(s,g,e)))(k)},' +
  'set:function(x){d(g,k,{value:x,writable:true,configurable:true})}})})}';

/**
 * The fast path for hosts: a script whose completion value is a function `install(source)`.
 * Evaluate it in a fresh context, then call the function once with a host function
 * `source(unitName) => string | undefined` that returns {@link guestUnitSource} (see
 * `installGuestPrelude`). Globals are installed lazily exactly as with
 * {@link GUEST_PRELUDE_SOURCE}, but a unit's text crosses into the guest only when a module first
 * reads a global it backs, so a run that uses none of them pays only for this short script. The
 * host function stays in the installer's closure; it is never reachable from `globalThis`, and it
 * returns nothing but the constant unit sources.
 */
export const GUEST_INSTALLER_SOURCE: string = '(function(){"use strict";' + INSTALLER_BODY + '})()';

/**
 * The guest prelude: plain JavaScript (a script, not a module) to evaluate in each fresh QuickJS
 * context before the module, e.g. `context.evalCode(GUEST_PRELUDE_SOURCE, GUEST_PRELUDE_FILENAME,
 * { type: 'global' })`. Self-contained: it carries every unit's source as a string literal.
 *
 * It references no host object and leaves nothing on `globalThis` but the globals in
 * {@link PRELUDE_GLOBALS}. Each is a lazy getter: evaluating the prelude only defines getters;
 * the first read of a global compiles the code behind it, in that context. Nothing is shared
 * between contexts. Its cost is dominated by copying its text into the WebAssembly heap; a host
 * that wants the smallest per-run cost uses {@link GUEST_INSTALLER_SOURCE} instead.
 */
export const GUEST_PRELUDE_SOURCE: string =
  GUEST_INSTALLER_SOURCE +
  '((function(u){return function(n){return Object.prototype.hasOwnProperty.call(u,n)?u[n]:void 0}})(' +
  JSON.stringify(UNIT_SOURCES) +
  '));';
