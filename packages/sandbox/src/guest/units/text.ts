import type { GuestLoad } from './load.js';
import type { Utf8Unit } from './utf8.js';

/**
 * Guest unit `text`: `TextEncoder` and a UTF-8-only `TextDecoder` (with `fatal`, `ignoreBOM`
 * and `stream`). Runs inside the guest (see utf8.ts).
 */
export function textUnit(load: GuestLoad) {
  const utf8 = load<Utf8Unit>('utf8');
  const UTF8_LABELS = ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8'];

  class TextEncoder {
    get encoding(): string {
      return 'utf-8';
    }
    encode(input: string = ''): Uint8Array {
      return new Uint8Array(utf8.encode(String(input)));
    }
    encodeInto(source: string, destination: Uint8Array): { read: number; written: number } {
      if (!(destination instanceof Uint8Array)) throw new TypeError('The "dest" argument must be an instance of Uint8Array');
      const s = String(source);
      let read = 0;
      let written = 0;
      const cap = destination.length;
      while (read < s.length) {
        const c = s.charCodeAt(read);
        const pair = c >= 0xd800 && c <= 0xdbff && read + 1 < s.length && (s.charCodeAt(read + 1) & 0xfc00) === 0xdc00;
        const units = pair ? 2 : 1;
        const bytes = utf8.encode(s.slice(read, read + units));
        if (written + bytes.length > cap) break;
        for (let i = 0; i < bytes.length; i++) destination[written++] = bytes[i];
        read += units;
      }
      return { read, written };
    }
  }
  Object.defineProperty(TextEncoder.prototype, Symbol.toStringTag, { configurable: true, value: 'TextEncoder' });

  const decoders = new WeakMap<object, { fatal: boolean; ignoreBOM: boolean; run: ReturnType<Utf8Unit['createDecoder']>; bomDone: boolean }>();
  const toBytes = (input: unknown): Uint8Array => {
    if (input === undefined) return new Uint8Array(0);
    if (input instanceof ArrayBuffer) return new Uint8Array(input);
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    if (typeof SharedArrayBuffer === 'function' && input instanceof SharedArrayBuffer) return new Uint8Array(input);
    throw new TypeError('The "input" argument must be an instance of ArrayBuffer or ArrayBufferView');
  };

  const dec = (self: object) => {
    const s = decoders.get(self);
    if (!s) throw new TypeError('Value of "this" must be of type TextDecoder');
    return s;
  };

  class TextDecoder {
    constructor(label: string = 'utf-8', options?: { fatal?: boolean; ignoreBOM?: boolean }) {
      const name = String(label).trim().toLowerCase();
      if (UTF8_LABELS.indexOf(name) < 0) {
        const err = new RangeError('The "' + String(label) + '" encoding is not supported') as RangeError & { code: string };
        err.code = 'ERR_ENCODING_NOT_SUPPORTED';
        throw err;
      }
      const fatal = !!(options && options.fatal);
      decoders.set(this, { fatal, ignoreBOM: !!(options && options.ignoreBOM), run: utf8.createDecoder(fatal), bomDone: false });
    }
    get encoding(): string {
      dec(this);
      return 'utf-8';
    }
    get fatal(): boolean {
      return dec(this).fatal;
    }
    get ignoreBOM(): boolean {
      return dec(this).ignoreBOM;
    }
    decode(input?: ArrayBuffer | ArrayBufferView, options?: { stream?: boolean }): string {
      const s = dec(this);
      const stream = !!(options && options.stream);
      let out: string;
      try {
        out = s.run(toBytes(input), stream);
      } catch (err) {
        s.bomDone = false;
        throw err;
      }
      if (!s.ignoreBOM && !s.bomDone && out.length > 0) {
        if (out.charCodeAt(0) === 0xfeff) out = out.slice(1);
        s.bomDone = true;
      }
      if (!stream) s.bomDone = false;
      return out;
    }
  }
  Object.defineProperty(TextDecoder.prototype, Symbol.toStringTag, { configurable: true, value: 'TextDecoder' });

  return { TextEncoder, TextDecoder };
}

/** What the `text` unit exports inside the guest. */
export type TextUnit = ReturnType<typeof textUnit>;
