/**
 * Test harness for the guest prelude: real QuickJS contexts (the wasmfile-release-sync variant the
 * sandbox uses) and Node as the oracle, running the SAME JavaScript expression in both.
 */
import vm from 'node:vm';
import variant from '@jitl/quickjs-wasmfile-release-sync';
import { newQuickJSWASMModuleFromVariant, type QuickJSContext, type QuickJSWASMModule } from 'quickjs-emscripten-core';
import { GUEST_PRELUDE_FILENAME, GUEST_PRELUDE_SOURCE } from '../../src/guest/prelude.js';

let modulePromise: Promise<QuickJSWASMModule> | undefined;

/** The QuickJS WebAssembly module, loaded once per test file. */
export function quickjs(): Promise<QuickJSWASMModule> {
  modulePromise ??= newQuickJSWASMModuleFromVariant(variant);
  return modulePromise;
}

/** What an expression produced: its JSON value, or the thrown error's name and message. */
export type Outcome = { ok: unknown } | { error: string; message: string };

/** Wraps an expression so its outcome comes back as JSON text, in Node and in the guest alike. */
export function wrap(expression: string): string {
  return (
    '(function(){try{var __v=(' +
    expression +
    ');return JSON.stringify({ok:__v===undefined?null:__v})}catch(e){return JSON.stringify({error:String(e&&e.name),message:String(e&&e.message)})}})()'
  );
}

/** Evaluates code in a context and returns the dumped completion value; throws on a guest error. */
export function evalIn(context: QuickJSContext, code: string, filename = 'case.js'): unknown {
  const result = context.evalCode(code, filename, { type: 'global' });
  if (result.error) {
    const err = context.dump(result.error);
    result.error.dispose();
    throw new Error('guest threw: ' + JSON.stringify(err));
  }
  const value = context.dump(result.value);
  result.value.dispose();
  return value;
}

/** A fresh QuickJS context with the prelude evaluated in it. */
export async function newGuest(prelude: string = GUEST_PRELUDE_SOURCE): Promise<QuickJSContext> {
  const context = (await quickjs()).newContext();
  evalIn(context, prelude, GUEST_PRELUDE_FILENAME);
  return context;
}

/** The outcome of `expression` inside the guest. */
export function inGuest(context: QuickJSContext, expression: string): Outcome {
  return JSON.parse(evalIn(context, wrap(expression)) as string) as Outcome;
}

/** The outcome of `expression` in Node, with Node's own URL, TextEncoder, atob, structuredClone... */
export function inNode(expression: string): Outcome {
  return JSON.parse(vm.runInThisContext(wrap(expression)) as string) as Outcome;
}

/** Keeps only the error name when comparing failures (messages are implementation-specific). */
export function comparable(outcome: Outcome): unknown {
  return 'error' in outcome ? { error: outcome.error } : outcome;
}

/** One real use of every prelude global, as an expression yielding JSON text. */
export const USE_ALL_GLOBALS =
  "JSON.stringify([new URL('/p?q=1','https://a.example').href,new URLSearchParams({a:'b c'}).toString()," +
  "Array.from(new TextEncoder().encode('é')),new TextDecoder().decode(new Uint8Array([104,105])),btoa('hi'),atob('aGk=')," +
  'structuredClone({d:[1,{e:2}]})])';

/** What {@link USE_ALL_GLOBALS} yields in Node. */
export function useAllGlobalsInNode(): string {
  return vm.runInThisContext(USE_ALL_GLOBALS) as string;
}
