/**
 * The id of a spotlighted tool result, derived from its source and text in plain JavaScript.
 *
 * `markUntrusted`'s default id is a SHA-256 prefix through `node:crypto`; in an agent turn
 * (HTTP, checkpoint and tool code running in between) that one native call measured ≈ 10–15 µs,
 * against ≈ 0.1 µs for this. The id only has to be stable (the same result gives the same bytes,
 * so response and prompt caches keep hitting) and unlikely to repeat between results; it is not
 * a secret (markers inside the text are defused), so a 48-bit non-cryptographic hash is enough.
 */
import { SPOTLIGHT_ID_BYTES } from '../defaults.js';

/** Hex digits of an id ({@link SPOTLIGHT_ID_BYTES} bytes). */
const ID_HEX = SPOTLIGHT_ID_BYTES * 2;

/**
 * @internal Two 32-bit multiply–xor lanes over the UTF-16 code units of `source`, a separator,
 * and `text`, each finished with an avalanche step; `ID_HEX` hex digits of the pair.
 */
export function blockId(source: string, text: string): string {
  let a = 0x811c9dc5;
  let b = 0x27d4eb2f;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 13);
  }
  // the separator: "ab" + "c" and "a" + "bc" differ
  a = Math.imul(a ^ 0xffff, 0x01000193);
  b = Math.imul(b ^ 0xffff, 0x5bd1e995) ^ (b >>> 13);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 13);
  }
  a = avalanche(a ^ text.length);
  b = avalanche(b ^ Math.imul(a, 0x9e3779b1));
  return (hex8(a) + hex8(b)).slice(0, ID_HEX);
}

function avalanche(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}
