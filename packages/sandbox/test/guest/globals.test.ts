import type { QuickJSContext } from 'quickjs-emscripten-core';
import { describe, expect, it } from 'vitest';
import {
  GUEST_GLOBALS,
  GUEST_GLOBALS_DOC,
  GUEST_INSTALLER_SOURCE,
  GUEST_PRELUDE_SOURCE,
  PRELUDE_GLOBALS,
  QUICKJS_BUILTIN_GLOBALS,
  guestUnitSource,
} from '../../src/guest/index.js';
import { installGuestPrelude } from '../../src/guest/index.js';
import { USE_ALL_GLOBALS, evalIn, newGuest, quickjs, useAllGlobalsInNode } from './harness.js';

const OWN_NAMES = 'JSON.stringify(Object.getOwnPropertyNames(globalThis).sort())';

async function bareContext(): Promise<QuickJSContext> {
  return (await quickjs()).newContext();
}

describe('guest globals', () => {
  it('lists exactly the built-ins of a fresh QuickJS context', async () => {
    const context = await bareContext();
    expect(JSON.parse(evalIn(context, OWN_NAMES) as string)).toEqual([...QUICKJS_BUILTIN_GLOBALS].sort());
    context.dispose();
  });

  it('GUEST_GLOBALS is exactly what a module sees after the prelude, before and after first use', async () => {
    const context = await newGuest();
    expect(JSON.parse(evalIn(context, OWN_NAMES) as string)).toEqual(GUEST_GLOBALS);
    expect(evalIn(context, USE_ALL_GLOBALS)).toBe(useAllGlobalsInNode());
    expect(JSON.parse(evalIn(context, OWN_NAMES) as string)).toEqual(GUEST_GLOBALS);
    expect(GUEST_GLOBALS).toEqual([...QUICKJS_BUILTIN_GLOBALS, ...PRELUDE_GLOBALS].sort());
    context.dispose();
  });

  it('installs lazily: getters first, then plain writable non-enumerable values', async () => {
    const context = await newGuest();
    const describeAll =
      'JSON.stringify(' +
      JSON.stringify(PRELUDE_GLOBALS) +
      '.map(function(n){var d=Object.getOwnPropertyDescriptor(globalThis,n);return [n,"get" in d&&typeof d.get==="function","value" in d,d.enumerable,d.configurable,d.writable===true]}))';
    const before = JSON.parse(evalIn(context, describeAll) as string) as unknown[][];
    expect(before.every((d) => d[1] === true && d[2] === false && d[3] === false && d[4] === true)).toBe(true);
    evalIn(context, USE_ALL_GLOBALS);
    const after = JSON.parse(evalIn(context, describeAll) as string) as unknown[][];
    expect(after.every((d) => d[1] === false && d[2] === true && d[3] === false && d[4] === true && d[5] === true)).toBe(true);
    expect(evalIn(context, 'JSON.stringify(Object.keys(globalThis))')).toBe('[]');
    context.dispose();
  });

  it('lets a module replace or delete a global before or after first use', async () => {
    const context = await newGuest();
    expect(evalIn(context, "globalThis.atob = function(){return 'mine'}; atob('x')")).toBe('mine');
    expect(evalIn(context, 'typeof btoa; delete globalThis.btoa; typeof btoa')).toBe('undefined');
    expect(evalIn(context, 'URL = 5; URL')).toBe(5);
    context.dispose();
  });

  it('shares nothing between contexts: tampering in one is absent from a fresh one', async () => {
    const module = await quickjs();
    const tampered = await newGuest();
    evalIn(
      tampered,
      "URL.prototype.leak = 'x'; URLSearchParams.prototype.toString = function(){return 'pwned'};" +
        "TextEncoder.prototype.encode = null; globalThis.atob = function(){return 'pwned'}; structuredClone.marker = 1;",
    );
    expect(evalIn(tampered, "'leak' in URL.prototype")).toBe(true);
    const sameRuntime = module.newContext();
    evalIn(sameRuntime, GUEST_PRELUDE_SOURCE);
    const runtime = module.newRuntime();
    const otherRuntime = runtime.newContext();
    evalIn(otherRuntime, GUEST_PRELUDE_SOURCE);
    for (const fresh of [sameRuntime, otherRuntime]) {
      expect(evalIn(fresh, "'leak' in URL.prototype")).toBe(false);
      expect(evalIn(fresh, "new URLSearchParams('a=1').toString()")).toBe('a=1');
      expect(evalIn(fresh, 'typeof TextEncoder.prototype.encode')).toBe('function');
      expect(evalIn(fresh, "atob('aGk=')")).toBe('hi');
      expect(evalIn(fresh, "'marker' in structuredClone")).toBe(false);
    }
    for (const c of [tampered, sameRuntime, otherRuntime]) c.dispose();
    runtime.dispose();
  });

  it('references no host object: works in a bare context with nothing added', async () => {
    const context = await bareContext();
    evalIn(context, GUEST_PRELUDE_SOURCE, 'prelude.js');
    expect(evalIn(context, USE_ALL_GLOBALS)).toBe(useAllGlobalsInNode());
    // Nothing of the loader is reachable: no helper names, no extra globals.
    expect(evalIn(context, '[typeof __name, typeof install, typeof load, typeof source].join()')).toBe('undefined,undefined,undefined,undefined');
    context.dispose();
  });

  it('the installer fast path serves units on demand and behaves the same', async () => {
    const context = await bareContext();
    const requested: string[] = [];
    const source = context.newFunction('source', (nameHandle) => {
      const name = context.getString(nameHandle);
      requested.push(name);
      const text = guestUnitSource(name);
      return text === undefined ? context.undefined : context.newString(text);
    });
    const install = context.unwrapResult(context.evalCode(GUEST_INSTALLER_SOURCE, 'installer.js'));
    context.unwrapResult(context.callFunction(install, context.undefined, source)).dispose();
    install.dispose();
    source.dispose();
    expect(requested).toEqual([]);
    expect(JSON.parse(evalIn(context, OWN_NAMES) as string)).toEqual(GUEST_GLOBALS);
    expect(evalIn(context, "btoa('x')")).toBe('eA==');
    expect(requested).toEqual(['loader', 'base64']);
    expect(evalIn(context, USE_ALL_GLOBALS)).toBe(useAllGlobalsInNode());
    expect([...requested].sort()).toEqual(['base64', 'clone', 'host', 'loader', 'percent', 'searchParams', 'text', 'url', 'urlParser', 'utf8']);
    expect(new Set(requested).size).toBe(requested.length);
    expect(guestUnitSource('constructor')).toBeUndefined();
    context.dispose();
  });

  it('loads only the units a module touches', async () => {
    const requests = async (code: string) => {
      const context = await bareContext();
      const requested: string[] = [];
      const source = context.newFunction('source', (h) => {
        const name = context.getString(h);
        requested.push(name);
        return context.newString(guestUnitSource(name) as string);
      });
      const install = context.unwrapResult(context.evalCode(GUEST_INSTALLER_SOURCE));
      context.unwrapResult(context.callFunction(install, context.undefined, source)).dispose();
      install.dispose();
      source.dispose();
      evalIn(context, code);
      context.dispose();
      return requested.sort();
    };
    expect(await requests("new URL('https://api.example.com/v1?x=1').href")).toEqual(['host', 'loader', 'percent', 'url', 'urlParser']);
    expect(await requests("new URL('https://api.example.com/v1?x=1').searchParams.get('x')")).toEqual([
      'host',
      'loader',
      'percent',
      'searchParams',
      'url',
      'urlParser',
    ]);
    expect(await requests("new URL('http://[::1]:8080/').host")).toEqual(['host', 'ip', 'loader', 'percent', 'url', 'urlParser']);
    expect(await requests("new URL('http://bücher.example/').host")).toEqual(['host', 'idna', 'loader', 'percent', 'url', 'urlParser']);
    expect(await requests('structuredClone({a: 1})')).toEqual(['clone', 'loader']);
  });

  it('installGuestPrelude installs the same globals through the fast path', async () => {
    const context = await bareContext();
    installGuestPrelude(context);
    expect(JSON.parse(evalIn(context, OWN_NAMES) as string)).toEqual(GUEST_GLOBALS);
    expect(evalIn(context, USE_ALL_GLOBALS)).toBe(useAllGlobalsInNode());
    // The unit server does not outlive installation on the host side; the guest holds only strings.
    expect(evalIn(context, 'typeof source + typeof installer')).toBe('undefinedundefined');
    context.dispose();
  });

  it('GUEST_GLOBALS_DOC names every prelude global, what is absent, and the ctx doors', () => {
    for (const name of PRELUDE_GLOBALS) expect(GUEST_GLOBALS_DOC).toContain(name);
    for (const absent of ['no fetch', 'setTimeout', 'require', 'process', 'Deno']) expect(GUEST_GLOBALS_DOC).toContain(absent);
    for (const door of ['ctx.fetch', 'ctx.secret', 'ctx.log']) expect(GUEST_GLOBALS_DOC).toContain(door);
  });
});
