/**
 * Reading guest values on the host: error descriptions and the tagged result string.
 */
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';

/** `{name, message}` of a thrown guest value (getters run as guest code, under the interrupt handler). */
export function describeHandle(context: QuickJSContext, handle: QuickJSHandle): { name: string; message: string } {
  const type = context.typeof(handle);
  if (type !== 'object' && type !== 'function') {
    const value: unknown = type === 'string' ? context.getString(handle) : context.dump(handle);
    return { name: 'Error', message: String(value) };
  }
  const read = (key: string): string => {
    let h: QuickJSHandle;
    try {
      h = context.getProp(handle, key); // a throwing getter yields ''
    } catch {
      return '';
    }
    try {
      return context.typeof(h) === 'string' ? context.getString(h) : '';
    } finally {
      h.dispose();
    }
  };
  return { name: read('name') || 'Error', message: read('message') };
}

/** The serializer's tagged result (see `SERIALIZE_SOURCE`), or `too-large` when the string was not even copied. */
export type Tagged = { tag: 'V' | 'O' | 'N' | 'C' | 'G'; body: string } | { tag: 'too-large' } | { tag: 'invalid' };

const TAGS = new Set(['V', 'O', 'N', 'C', 'G']);

/** Reads the serializer's tagged string, refusing to copy one longer than the output cap allows. */
export function readTagged(context: QuickJSContext, handle: QuickJSHandle, outputBytes: number): Tagged {
  if (context.typeof(handle) !== 'string') return { tag: 'invalid' };
  const lengthHandle = context.getProp(handle, 'length');
  const length = context.getNumber(lengthHandle);
  lengthHandle.dispose();
  if (!(length <= outputBytes + 1024)) return { tag: 'too-large' };
  const text = context.getString(handle);
  const tag = text[0];
  if (tag === undefined || !TAGS.has(tag)) return { tag: 'invalid' };
  return { tag: tag as 'V' | 'O' | 'N' | 'C' | 'G', body: text.slice(1) };
}
