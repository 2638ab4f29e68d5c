/**
 * `@graft/sandbox`: run untrusted JavaScript in QuickJS/WASM with hard limits.
 * @packageDocumentation
 */
export type * from './types.js';
